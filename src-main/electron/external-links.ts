/**
 * Links that leave Vigie. The page never opens a URL itself: the main process decides.
 * - the sites a DPO needs (the CNIL, EUR-Lex, the EDPB) over https, and `mailto:`, open in the
 *   user's browser or mail client straight away;
 * - any other http(s) address opens only after the user said yes to a dialog that shows it in full;
 * - every other scheme (file:, smb:, javascript:, custom protocol handlers…) is refused: those can
 *   run programs or leak NTLM credentials, and no feature of Vigie needs them.
 */
import type { BrowserWindow, ElectronApi } from './electron-api';

/** Hosts allowed without asking, with their subdomains (www.cnil.fr, …). */
export const EXTERNAL_ALLOWLIST = ['cnil.fr', 'eur-lex.europa.eu', 'edpb.europa.eu'] as const;

export type ExternalVerdict = 'open' | 'ask' | 'refuse';

export function classifyExternalUrl(raw: string): ExternalVerdict {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'refuse';
  }
  if (u.protocol === 'mailto:') return 'open';
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'refuse';
  if (u.username || u.password) return 'ask'; // https://cnil.fr@evil.example/ shows one host and opens another
  const host = u.hostname.toLowerCase();
  const allowed = u.protocol === 'https:' && (u.port === '' || u.port === '443') && EXTERNAL_ALLOWLIST.some((h) => host === h || host.endsWith(`.${h}`));
  return allowed ? 'open' : 'ask';
}

const TEXT = {
  fr: { title: 'Ouvrir un lien externe', message: 'Ouvrir cette adresse dans votre navigateur ?', detail: 'Ce site ne fait pas partie des sources de référence de Vigie (CNIL, EUR-Lex, CEPD). Vérifiez l’adresse avant de continuer :', open: 'Ouvrir', cancel: 'Annuler' },
  en: { title: 'Open an external link', message: 'Open this address in your browser?', detail: 'This site is not one of Vigie’s reference sources (CNIL, EUR-Lex, EDPB). Check the address before going on:', open: 'Open', cancel: 'Cancel' },
};

/** Opens `url` outside Vigie following the rules above. Resolves to whether it was opened. */
export async function openExternalSafely(
  electron: Pick<ElectronApi, 'shell' | 'dialog'>,
  url: string,
  options: { window?: BrowserWindow; language?: 'fr' | 'en' } = {},
): Promise<boolean> {
  const verdict = classifyExternalUrl(url);
  if (verdict === 'refuse') return false;
  if (verdict === 'ask') {
    const t = TEXT[options.language ?? 'fr'];
    const box = {
      type: 'warning' as const,
      title: t.title,
      message: t.message,
      detail: `${t.detail}\n\n${url}`,
      buttons: [t.cancel, t.open],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const r = options.window ? await electron.dialog.showMessageBox(options.window, box) : await electron.dialog.showMessageBox(box);
    if (r.response !== 1) return false;
  }
  await electron.shell.openExternal(url);
  return true;
}

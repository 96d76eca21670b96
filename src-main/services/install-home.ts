import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The per-installation folder: what this computer keeps about workspaces outside them (seals of the
 * change log; later, device identities). `VIGIE_HOME` overrides it (tests, the CLI on a shared
 * machine); otherwise the per-user config folder of the platform. The Electron app passes its
 * userData folder instead of calling this.
 *
 * Only the given environment is read (plus the account's home folder on a desktop system), so a
 * caller that passes a bare environment (a test) gets no folder rather than the real user's.
 */
export function vigieHome(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string | undefined {
  const own = env.VIGIE_HOME?.trim();
  if (own) return own;
  const home = env.HOME || env.USERPROFILE || (env === process.env ? safeHomedir() : undefined);
  if (platform === 'win32') {
    if (env.APPDATA) return join(env.APPDATA, 'Vigie');
    return home ? join(home, 'AppData', 'Roaming', 'Vigie') : undefined;
  }
  if (platform === 'darwin') return home ? join(home, 'Library', 'Application Support', 'Vigie') : undefined;
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'vigie');
  return home ? join(home, '.config', 'vigie') : undefined;
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

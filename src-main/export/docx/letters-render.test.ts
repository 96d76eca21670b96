/**
 * Issue 14: every letter type (FR and EN), the breach letters and the CNIL draft of the demo workspace,
 * rendered through LibreOffice to plain text and read as a DPO reads them: no ISO date in prose, no
 * placeholder in a final document, no English word in a French one, « 1er » on the first of a month, and the
 * legal sentences each outcome requires. Skipped (with the reason printed) where LibreOffice is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreachesService } from '../../services/breaches';
import { seedDemoWorkspace } from '../../services/demo';
import { RequestsService } from '../../services/requests';
import { Workspace } from '../../services/workspace';
import type { LetterType } from '../../domain/requests/case';

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const hasSoffice = soffice.status === 0;
if (!hasSoffice) console.warn('letters-render.test: LibreOffice (soffice) is not installed here — the rendering checks are skipped.');

interface Doc {
  name: string;
  lang: 'fr' | 'en';
  /** Sentences (regular expressions) the rendered text must contain. */
  expect: RegExp[];
  text?: string;
  draft?: boolean;
}

const FR_DENY = [/\bGDPR\b/, /\berasure\b/i, /\(none\)/, /\(unknown\)/i, /Good practice/i, /Implementing Decision/, /\b[a-z]+_[a-z_]+\b/, /\bArt\. \d/, /\bTO COMPLETE\b/, /\b\d{1,2}:\d{2}\b/, /Pays\s*:\s*[A-Z]{2}\b/, /'/, /\b[Aa]rt(?:icle|\.)\s*\d+\(\d+\)/];
// The DPO's own free text (reasons, descriptions) stays in the language it was written in: only Vigie's words are checked.
const EN_DENY = [/\(aucun\)/, /\bÀ COMPLÉTER\b/, /\b[a-z]+_[a-z_]+\b/, /Délégué à la protection/, /Madame, Monsieur/];
const MONTHS_FR = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const COMPLAINT = { fr: /introduire une réclamation auprès de la Commission nationale de l’informatique et des libertés \(CNIL\)[\s\S]*recours juridictionnel/, en: /lodge a complaint with the French supervisory authority[\s\S]*judicial remedy/ };

describe.skipIf(!hasSoffice)('documents rendered through LibreOffice (issue 14)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-render-'));
  const docs: Doc[] = [];
  let ws: Workspace;

  beforeAll(async () => {
    ws = await Workspace.create(join(dir, 'demo.vigie'), 'render test passphrase', { actor: 'test' });
    await seedDemoWorkspace(ws);
    const requests = new RequestsService(ws);
    const { items } = await requests.list({});
    const ref = (name: string) => items.find((i) => i.requester === name)!.id;
    // A case received on the first of a month, so « 1er » is checked whatever the day the test runs.
    const today = (await requests.list({})).today;
    const first = `${today.slice(0, 7)}-01`;
    const firstCase = await requests.create({ requester: { name: 'Alice Premier', email: 'alice@example.org' }, rights: ['access'], channel: 'email', receivedOn: first });
    const letters: Array<[LetterType, string, { fr: RegExp[]; en: RegExp[] }]> = [
      ['acknowledgement', firstCase.id, { fr: [/reçue le 1er /, /au plus tard le/], en: [/received on 1 /, /at the latest by/] }],
      ['acknowledgement', ref('Arthur Morel'), { fr: [/article 12, paragraphe 3/], en: [/Article 12\(3\)/] }],
      ['identity-request', ref('Zoé Clément'), { fr: [/Maître Claire Vidal/, /^Maître,$/m, /pour le compte de Zoé Clément/, /le mandat par lequel Zoé Clément vous autorise/], en: [/on behalf of Zoé Clément/, /authority by which Zoé Clément authorises you/] }],
      ['extension-notice', ref('Victor Lambert'), { fr: [/prolongé de deux mois, pour les raisons suivantes/, /Nous vous répondrons au plus tard le/], en: [/extended by two further months/, /We will respond at the latest by/] }],
      ['response-cover', ref('Camille Laurent'), { fr: [/dans sa totalité/, /a\) Finalités du traitement/, /h\) Décision automatisée/, /f\) Vous disposez du droit d’introduire une réclamation/], en: [/in full/, /\(a\) Purposes of the processing/, /\(h\) Automated decision-making/] }],
      ['response-cover', ref('Théo Fournier'), { fr: [/une partie de cette demande/, /Nous ne pouvons pas donner suite au reste/, /article L123-22 du Code de commerce/, COMPLAINT.fr], en: [/part of this request/, /We cannot act on the rest/, COMPLAINT.en] }],
      ['response-cover', ref('Lucas Moreau'), { fr: [/ne détenons aucune donnée/], en: [/hold no personal data/] }],
      ['refusal', ref('Sarah Garnier'), { fr: [/Nous ne pouvons pas y donner suite, pour les motifs suivants/, /qualité d’héritier/, COMPLAINT.fr], en: [/We cannot act on it, for the following reasons/, COMPLAINT.en] }],
      ['response-cover', ref('Jules Faure'), { fr: [/Nous ne pouvons pas donner suite à cette demande/, COMPLAINT.fr], en: [/We cannot act on this request/, COMPLAINT.en] }],
      ['unfounded', ref('Manon Roux'), { fr: [/article 12, paragraphe 5, b\), du RGPD, nous refusons/, COMPLAINT.fr], en: [/Article 12\(5\)\(b\) GDPR, we refuse/, COMPLAINT.en] }],
      ['unidentifiable', ref('Louis Blanc'), { fr: [/article 11, paragraphe 2/, /les articles 15 à 20 ne s’appliquent donc pas/, COMPLAINT.fr], en: [/Article 11\(2\)/, COMPLAINT.en] }],
      ['recipients-notice', ref('Hugo Bernard'), { fr: [/Conformément à l’article 19 du RGPD/, /effacé les données/], en: [/In accordance with Article 19 GDPR/, /erased the data/] }],
      ['marketing-stopped', ref('Léa Dubois'), { fr: [/article 21, paragraphe 3/, /ne sont plus traitées à des fins de prospection/], en: [/Article 21\(3\)/, /no longer processed for direct marketing/] }],
    ];
    for (const [type, id, sentences] of letters) {
      for (const lang of ['fr', 'en'] as const) {
        const r = await requests.generateLetter(id, type, lang);
        const name = `${docs.length}-${r.fileName}`;
        writeFileSync(join(dir, name), Buffer.from(r.contentBase64, 'base64'));
        docs.push({ name, lang, expect: sentences[lang], draft: r.draft });
      }
    }
    const breaches = new BreachesService(ws);
    for (const b of (await breaches.list()).items) {
      for (const lang of ['fr', 'en'] as const) {
        const d = await breaches.draft(b.id, lang);
        docs.push({ name: `${docs.length}-${d.fileName}`, lang, expect: [], draft: d.missing.length > 0 });
        writeFileSync(join(dir, docs.at(-1)!.name), Buffer.from(d.contentBase64, 'base64'));
        const l = await breaches.letter(b.id, lang);
        docs.push({ name: `${docs.length}-${l.fileName}`, lang, expect: lang === 'fr' ? [/Ce que nous avons fait/, /Délégué à la protection des données/] : [/What we have done/], draft: l.missing.length > 0 });
        writeFileSync(join(dir, docs.at(-1)!.name), Buffer.from(l.contentBase64, 'base64'));
        const p = await breaches.publicNotice(b.id, lang);
        docs.push({ name: `${docs.length}-${p.fileName}`, lang, expect: lang === 'fr' ? [/article 34, paragraphe 3, c\)/] : [/Article 34\(3\)\(c\)/], draft: p.missing.length > 0 });
        writeFileSync(join(dir, docs.at(-1)!.name), Buffer.from(p.contentBase64, 'base64'));
      }
    }
    for (const lang of ['fr', 'en'] as const) {
      const r = await breaches.register('docx', lang);
      docs.push({ name: `${docs.length}-${r.fileName}`, lang, expect: lang === 'fr' ? [/Registre des violations/, /[Aa]rticle 33, paragraphe 5, du RGPD/] : [/Register of personal data breaches/] });
      writeFileSync(join(dir, docs.at(-1)!.name), Buffer.from(r.contentBase64, 'base64'));
    }
    // One LibreOffice run for every document (its own profile folder: other runs may be going on).
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', join(dir, 'txt'), ...docs.map((d) => join(dir, d.name))], { stdio: 'pipe', timeout: 240_000 });
    const out = new Set(readdirSync(join(dir, 'txt')));
    for (const d of docs) {
      const txt = d.name.replace(/\.docx$/, '.txt');
      if (out.has(txt)) d.text = readFileSync(join(dir, 'txt', txt), 'utf8').replace(/^\uFEFF/, '');
    }
  }, 300_000);
  afterAll(async () => {
    await ws?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders every document', () => {
    expect(docs.length).toBeGreaterThan(30);
    expect(docs.filter((d) => d.text === undefined).map((d) => d.name)).toEqual([]);
  });

  it('every request letter of the demo is final (nothing to complete)', () => {
    expect(docs.filter((d) => /DSAR-/.test(d.name) && d.draft).map((d) => d.name)).toEqual([]);
  });

  it('no ISO date or time in prose, « 1er » on the first of a month, no placeholder in a final document', () => {
    for (const d of docs) {
      const t = d.text ?? '';
      expect.soft(t.match(/\b\d{4}-\d{2}-\d{2}(T[\d:]+)?\b/g), d.name).toBeNull();
      if (d.lang === 'fr') expect.soft(t.match(new RegExp(`(?<![\\d,])1[\\s\\u00A0\\u202F](${MONTHS_FR})\\b`, 'g')), d.name).toBeNull();
      if (!d.draft) expect.soft(t.match(/\[(À COMPLÉTER|TO COMPLETE)[^\]]*\]/g), d.name).toBeNull();
    }
    expect(docs.find((d) => d.name.includes('accuse-de-reception') && /1er/.test(d.text ?? ''))).toBeTruthy();
  });

  it('drafts say « PROJET » on every page', () => {
    for (const d of docs.filter((x) => x.draft)) {
      const files = unzipSync(new Uint8Array(readFileSync(join(dir, d.name))));
      const headers = Object.keys(files).filter((n) => n.startsWith('word/header')).map((n) => strFromU8(files[n]!)).join('');
      expect.soft(headers, d.name).toContain(d.lang === 'fr' ? 'PROJET' : 'DRAFT');
    }
  });

  it('French documents hold no English words or codes; English ones no French', () => {
    for (const d of docs) {
      for (const re of d.lang === 'fr' ? FR_DENY : EN_DENY) expect.soft(d.text?.match(re) ?? null, `${d.name}: ${re}`).toBeNull();
    }
  });

  it('each letter carries the legal sentences of its outcome', () => {
    for (const d of docs) {
      const t = (d.text ?? '').replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');
      for (const re of d.expect) expect.soft(t, `${d.name}: ${re}`).toMatch(re);
    }
  });
});

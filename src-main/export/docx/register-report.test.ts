/**
 * The Word register of the demo workspace, read the way a DPO reads it: first its structure (rows
 * never split, headings kept with what follows, language declared), then — where LibreOffice is
 * installed — rendered to PDF and text: page count, no ISO date in prose, no code or English
 * label in the French document, French legal references.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../../services/demo';
import { RegisterService } from '../../services/register';
import { Workspace } from '../../services/workspace';
import { frenchSpacing } from './register-report';

const has = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore', timeout: 60_000 }).status === 0;
const SOFFICE = has('soffice', '--version');
const PDFTOTEXT = has('pdftotext', '-v');

let ws: Workspace;
const docx: Record<'fr' | 'en', Buffer> = {} as Record<'fr' | 'en', Buffer>;
const dir = mkdtempSync(join(tmpdir(), 'vigie-register-'));

beforeAll(async () => {
  ws = await Workspace.create(join(dir, 'w.vigie'), 'register report passphrase', { actor: 'test' });
  await seedDemoWorkspace(ws);
  for (const lang of ['fr', 'en'] as const) docx[lang] = Buffer.from((await new RegisterService(ws).exportDocx(lang)).contentBase64, 'base64');
}, 120_000);
afterAll(async () => {
  await ws?.close();
});

const part = (lang: 'fr' | 'en', name: string) => strFromU8(unzipSync(new Uint8Array(docx[lang]))[name]!);

describe('register DOCX structure', () => {
  it.each(['fr', 'en'] as const)('%s: every table row is kept whole on a page (cantSplit)', (lang) => {
    const rows = part(lang, 'word/document.xml').match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => !r.includes('<w:cantSplit/>') && !r.includes('<w:cantSplit w:val="true"/>'))).toEqual([]);
  });

  it.each(['fr', 'en'] as const)('%s: every heading is kept with what follows (keepNext)', (lang) => {
    const headings = part(lang, 'word/document.xml').match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading\d"\/>[\s\S]*?<\/w:p>/g) ?? [];
    expect(headings.length).toBeGreaterThan(15);
    expect(headings.filter((h) => !h.includes('<w:keepNext/>'))).toEqual([]);
  });

  it.each([
    ['fr', 'fr-FR'],
    ['en', 'en-GB'],
  ] as const)('%s: the document declares its language (%s)', (lang, tag) => {
    expect(part(lang, 'word/styles.xml')).toContain(`<w:lang w:val="${tag}"/>`);
  });

  it('references never break at their hyphens (non-breaking hyphen)', () => {
    const xml = part('fr', 'word/document.xml');
    expect(xml).toContain('<w:t xml:space="preserve">ST</w:t><w:noBreakHyphen/><w:t xml:space="preserve">T01</w:t>');
    expect(xml).not.toMatch(/ST-T\d\d/);
  });

  it.each([
    ['Transferts : aucun ; voir « fiche » !', 'Transferts\u00a0: aucun\u202f; voir «\u00a0fiche\u00a0»\u202f!'],
    ['n° 9', 'n°\u00a09'],
    ["l'activité", 'l’activité'],
    ['https://example.org', 'https://example.org'],
  ])('French spacing: %j', (input, expected) => {
    expect(frenchSpacing(input)).toBe(expected);
  });

  it('processor register: one record per client controller, with no « Finalités et bases légales » section', () => {
    const xml = part('fr', 'word/document.xml');
    const processorPart = xml.slice(xml.lastIndexOf('Registre du sous-traitant'));
    expect(processorPart).toContain('Catégories de traitements effectués pour son compte');
    expect(processorPart).toContain('Clients SaaS de Smart Tribune');
    expect(processorPart).not.toContain('Finalités et bases légales');
    expect(processorPart).toContain('Notification des violations au client');
  });

  it('DPIA: screening result and the DPO’s decision side by side', () => {
    const xml = part('fr', 'word/document.xml');
    expect(xml).toContain('Filtrage\u00a0: AIPD à examiner');
    expect(xml).toContain('Décision du DPO\u00a0:');
    expect(xml).not.toContain('AIPD probablement nécessaire — ');
  });
});

describe.skipIf(!SOFFICE || !PDFTOTEXT)('register rendered by LibreOffice', () => {
  const out: Record<'fr' | 'en', { pages: number; text: string }> = {} as never;
  beforeAll(() => {
    for (const lang of ['fr', 'en'] as const) {
      const file = join(dir, `register-${lang}.docx`);
      writeFileSync(file, docx[lang]);
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 180_000 });
      const pdf = join(dir, `register-${lang}.pdf`);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1]);
      execFileSync('pdftotext', [pdf, join(dir, `register-${lang}.txt`)]);
      out[lang] = { pages, text: readFileSync(join(dir, `register-${lang}.txt`), 'utf8') };
    }
  }, 400_000);

  it.each(['fr', 'en'] as const)('%s: 14 activities in far fewer than 24 pages', (lang) => {
    expect(out[lang].pages).toBeGreaterThan(5);
    expect(out[lang].pages).toBeLessThanOrEqual(14);
  });

  it.each(['fr', 'en'] as const)('%s: no ISO date and no country code in the text', (lang) => {
    expect(out[lang].text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []).toEqual([]);
    expect(out[lang].text.match(/— [A-Z]{2}\b(?! ?—)/g) ?? []).toEqual([]);
  });

  it('French: no English label, no "GDPR Art.", legal references in the French style', () => {
    const text = out.fr.text;
    const denied = ['GDPR', 'Good practice', 'Commission Implementing Decision', '(none)', '(unknown)', 'Not set', 'None', 'Processor', 'Controller', 'Transfers', 'outside the EU', 'hors UE', 'legitimate interest', 'Record complete', 'to examine', 'likely'];
    expect(denied.filter((w) => text.includes(w))).toEqual([]);
    expect(text.match(/\bArt\. \d+\(/g) ?? []).toEqual([]);
    expect(text).toContain('art. 30, § 1');
    expect(text).toContain('Transferts hors EEE');
    expect(text).toContain('États-Unis');
  });

  it('English: the register is in English where Vigie writes it', () => {
    for (const w of ['Record of processing activities', 'Transfers outside the EEA', 'Still to complete', 'DPO’s decision', 'Processor register (Art. 30(2))']) expect(out.en.text).toContain(w);
    expect(['Finalités et bases légales', 'Points à compléter', 'Transferts hors EEE', 'Décision du DPO'].filter((w) => out.en.text.includes(w))).toEqual([]);
  });
});

if (!SOFFICE || !PDFTOTEXT) console.warn(`register-report.test.ts: LibreOffice rendering skipped — ${!SOFFICE ? 'soffice' : 'pdftotext'} is not installed on this machine.`);

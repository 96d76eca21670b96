import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';
import { runCli } from './run';

const PASS = 'cli export passphrase';
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}

let dir: string;
let ws: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-export-'));
  ws = join(dir, 'demo.vigie');
  expect(await runCli(['init', '--workspace', ws, '--demo'], io().io)).toBe(0);
}, 60_000);

function docxParts(path: string): Record<string, string> & { media: string[] } {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const text = (n: string) => (files[n] ? strFromU8(files[n]) : '');
  return { document: text('word/document.xml'), settings: text('word/settings.xml'), styles: text('word/styles.xml'), header: Object.keys(files).filter((n) => n.startsWith('word/header')).map(text).join(''), footer: Object.keys(files).filter((n) => n.startsWith('word/footer')).map(text).join(''), media: Object.keys(files).filter((n) => n.startsWith('word/media/')) } as never;
}

describe('export report', () => {
  it('writes the French annual report: TOC field over Heading 1–2, language fr-FR, header, page X / Y, charts as images', async () => {
    const out = join(dir, 'bilan.docx');
    const a = io();
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', out, '--lang', 'fr', '--json'], a.io)).toBe(0);
    const r = JSON.parse(a.out[0]!);
    expect(r).toMatchObject({ path: out, lang: 'fr' });
    expect(r.bytes).toBe(readFileSync(out).length);
    expect(r.keyFigures).toHaveLength(8);
    expect(a.err.some((l) => l.includes('drawing the charts'))).toBe(true);
    const d = docxParts(out);
    expect(d.document).toContain('TOC \\h \\o &quot;1-2&quot;');
    expect(d.settings).toContain('w:updateFields');
    expect(d.styles).toContain('w:val="fr-FR"');
    expect(d.document).toContain('w:pStyle w:val="Heading1"');
    expect(d.document).toContain('w:pStyle w:val="Heading2"');
    for (const heading of ['Synthèse', 'Chiffres clés', 'Ce que la direction doit décider ou financer', 'Registre des activités de traitement', 'Demandes d’exercice des droits', 'Violations de données personnelles', 'Prestataires et transferts hors UE', 'Plan d’action']) {
      expect(d.document).toContain(heading);
    }
    expect(d.document).toContain('w:cantSplit');
    expect(d.document).toContain('w:keepNext');
    expect(d.media.length).toBeGreaterThanOrEqual(8);
    expect(d.footer).toContain('PAGE');
    expect(d.footer).toContain('NUMPAGES');
    expect(d.header).toContain('Période du');
  });

  it('writes the English report with en-GB, refuses to overwrite without --force, and accepts a period', async () => {
    const out = join(dir, 'report.docx');
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', out, '--lang', 'en', '--from', '2026-01-01', '--to', '2026-06-30'], io().io)).toBe(0);
    const d = docxParts(out);
    expect(d.styles).toContain('w:val="en-GB"');
    expect(d.document).toContain('Executive summary');
    expect(d.header).toContain('Period from 1 January 2026 to 30 June 2026');
    const again = io();
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', out, '--json'], again.io)).toBe(1);
    expect(JSON.parse(again.err.at(-1)!).error.code).toBe('output_exists');
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', out, '--force'], io().io)).toBe(0);
  });

  it('refuses the workspace itself and a wrong extension before any work, and the workspace still opens', async () => {
    const a = io();
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', ws, '--json'], a.io)).not.toBe(0);
    expect(JSON.parse(a.err[0]!).error.code).toBe('output_is_workspace');
    const b = io();
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', join(dir, 'x.pdf'), '--json'], b.io)).not.toBe(0);
    expect(JSON.parse(b.err[0]!).error.code).toBe('output_extension_mismatch');
    const c = io();
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', join(dir, 'y.docx'), '--from', '2026-05-01', '--to', '2026-04-01', '--json'], c.io)).toBe(1);
    expect(JSON.parse(c.err.at(-1)!).error.message).toContain('after it ends');
    expect(existsSync(join(dir, 'y.docx'))).toBe(false);
    const w = await Workspace.open(ws, PASS, { actor: 't' });
    expect((await w.verifyAudit()).ok).toBe(true);
    await w.close();
    expect(readdirSync(dir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });
});

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!soffice)('LibreOffice rendering of the annual report', () => {
  it('converts to PDF and the PDF holds the expected French text', () => {
    const src = join(dir, 'bilan.docx');
    if (!existsSync(src)) writeFileSync(src, '');
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, src], { timeout: 170_000, stdio: 'ignore', env: { ...process.env, HOME: dir } });
    const pdf = join(dir, 'bilan.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of ['Bilan annuel du délégué à la protection', 'Sommaire', 'Chiffres clés', 'Plan d’action', 'Demandes reçues par mois']) expect(text).toContain(s);
    expect(text).toMatch(/page 3 \/ \d+/);
  }, 180_000);
});
if (!soffice) console.warn('LibreOffice (soffice) is not installed: the PDF rendering test is skipped.');

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../export/sheets';
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
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', out, '--json'], again.io)).toBe(4);
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

describe('export register / requests / vendors, register list and completeness', () => {
  it('register list --json gives every field of each activity; register completeness gives scores and issues with articles', async () => {
    const a = io();
    expect(await runCli(['register', 'list', '--workspace', ws, '--json'], a.io)).toBe(0);
    const list = JSON.parse(a.out[0]!);
    expect(list.items.length).toBeGreaterThanOrEqual(12);
    for (const k of ['id', 'reference', 'name', 'role', 'purposes', 'dataSubjects', 'dataCategories', 'recipients', 'transfers', 'securityMeasures', 'dpia', 'score', 'errors', 'warnings', 'updatedAt']) expect(list.items[0]).toHaveProperty(k);
    expect(list.items.some((i: { dataCategories: Array<{ retention: unknown }> }) => i.dataCategories.some((c) => c.retention))).toBe(true);
    const c = io();
    expect(await runCli(['register', 'completeness', '--workspace', ws, '--json'], c.io)).toBe(0);
    const comp = JSON.parse(c.out[0]!);
    expect(comp.score).toBe(list.score);
    expect(comp.activities).toHaveLength(list.items.length);
    const withIssue = comp.activities.find((x: { issues: unknown[] }) => x.issues.length > 0);
    expect(withIssue.issues[0]).toMatchObject({ code: expect.any(String), severity: expect.stringMatching(/error|warning/), article: expect.any(String), message: { fr: expect.any(String), en: expect.any(String) } });
  });

  it('exports the register as XLSX and re-imports it into a new workspace: same activities, same fields the template carries', async () => {
    const out = join(dir, 'registre.xlsx');
    const a = io();
    expect(await runCli(['export', 'register', '--workspace', ws, '--format', 'xlsx', '--out', out, '--json'], a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toMatchObject({ path: out, format: 'xlsx' });
    const fresh = join(dir, 'fresh.vigie');
    expect(await runCli(['init', '--workspace', fresh], io().io)).toBe(0);
    const imp = io();
    expect(await runCli(['register', 'import', '--workspace', fresh, out, '--json'], imp.io)).toBe(0);
    const before = io();
    await runCli(['register', 'list', '--workspace', ws, '--json'], before.io);
    const after = io();
    await runCli(['register', 'list', '--workspace', fresh, '--json'], after.io);
    // The source's processors are links to vendor records; the template carries their names.
    const vendorsOut = io();
    await runCli(['vendors', 'list', '--workspace', ws, '--json'], vendorsOut.io);
    const vendorNames = new Map((JSON.parse(vendorsOut.out[0]!).vendors as Array<{ id: string; name: string }>).map((v) => [v.id, v.name]));
    type Item = { reference: string; name: string; role: string; purposes: Array<{ description: string; legalBasis: string | null }>; dataSubjects: string[]; dataCategories: Array<{ label: string }>; processors: Array<{ name: string; vendorId?: string }>; transfers: Array<{ country: string; tool: string | null }>; owner?: string; status: string };
    const pick = (i: Item) => ({ reference: i.reference, name: i.name, purposes: i.purposes.map((p) => [p.description, p.legalBasis ?? null]), subjects: i.dataSubjects, categories: i.dataCategories.map((c) => c.label), processors: i.processors.map((p) => p.name || vendorNames.get(p.vendorId ?? '') || ''), transfers: i.transfers.map((t) => [t.country, t.tool ?? null]), owner: i.owner ?? '', status: i.status });
    const src = (JSON.parse(before.out[0]!).items as Item[]).filter((i) => i.role !== 'processor').map(pick).sort((x, y) => x.reference.localeCompare(y.reference));
    const back = (JSON.parse(after.out[0]!).items as Item[]).map(pick).sort((x, y) => x.reference.localeCompare(y.reference));
    expect(JSON.parse(imp.out[0]!).imported).toBe(src.length);
    expect(back).toEqual(src);
  });

  it('writes the rights-request register with French headers and French values, and the vendor register', async () => {
    const out = join(dir, 'demandes.xlsx');
    expect(await runCli(['export', 'requests', '--workspace', ws, '--format', 'xlsx', '--out', out, '--lang', 'fr'], io().io)).toBe(0);
    const t = readTable(out, new Uint8Array(readFileSync(out)));
    const header = t.find((r) => r[0] === 'Référence')!;
    expect(header).toEqual(expect.arrayContaining(['Droits exercés', 'Reçue le', 'Échéance applicable', 'Réponse envoyée le', 'Issue', 'Prolongation', 'Motifs de la prolongation', 'Motifs du refus ou de la limitation']));
    const body = t.slice(t.indexOf(header) + 1).filter((r) => r[0]?.startsWith('DSAR-'));
    expect(body.length).toBeGreaterThan(5);
    expect(body.some((r) => /Accès|Effacement|Opposition/.test(r[2]!))).toBe(true);
    expect(body.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r[4]!))).toBe(true);
    expect(body.some((r) => r[12] === 'Satisfaite' || r[12] === 'Partiellement satisfaite')).toBe(true);
    expect(body.every((r) => ['Oui', 'Non'].includes(r[6]!))).toBe(true);
    for (const format of ['docx', 'csv']) expect(await runCli(['export', 'requests', '--workspace', ws, '--format', format, '--out', join(dir, `demandes.${format}`)], io().io)).toBe(0);
    const v = join(dir, 'prestataires.csv');
    expect(await runCli(['export', 'vendors', '--workspace', ws, '--format', 'csv', '--out', v], io().io)).toBe(0);
    const csv = readFileSync(v, 'utf8');
    expect(csv).toContain('Clauses de l’article 28(3)');
    expect(csv).toContain('Transferts hors UE');
    expect(await runCli(['export', 'vendors', '--workspace', ws, '--format', 'docx', '--out', join(dir, 'prestataires.docx')], io().io)).toBe(0);
    const bad = io();
    expect(await runCli(['export', 'requests', '--workspace', ws, '--format', 'ods', '--out', join(dir, 'x.ods'), '--json'], bad.io)).toBe(2);
    expect(JSON.parse(bad.err.at(-1)!).error.message).toContain('--format must be one of docx, xlsx, csv');
  });
});

describe('export cnil-pack and pack verify', () => {
  it('writes the sealed pack: LISEZMOI, every part, manifest.json and contenu.txt in LOUTRE format; pack verify passes', async () => {
    const out = join(dir, 'CNIL-test.zip');
    const a = io();
    expect(await runCli(['export', 'cnil-pack', '--workspace', ws, '--out', out, '--json'], a.io)).toBe(0);
    const r = JSON.parse(a.out[0]!);
    expect(r.path).toBe(out);
    expect(r.suggestedName).toMatch(/^CNIL-Smart-Tribune[A-Za-z0-9-]*-\d{4}-\d{2}-\d{2}\.zip$/);
    const names = r.files.map((f: { name: string }) => f.name);
    for (const n of ['00-LISEZMOI.txt', '01-organisme/organisme-et-dpo.txt', '02-registre/registre-des-traitements.docx', '02-registre/registre-des-traitements.xlsx', '02-registre/registre-des-traitements.ods', '02-registre/registre-des-traitements.csv', '03-aipd/depistage-aipd.csv', '04-violations/registre-des-violations.docx', '04-violations/registre-des-violations.csv', '05-demandes/registre-des-demandes.xlsx', '06-prestataires/registre-des-prestataires.docx', '08-securite/mesures-de-securite.csv', '09-journal/journal-des-modifications.csv', '09-journal/verification-integrite.txt', 'manifest.json', 'contenu.txt']) {
      expect(names).toContain(n);
    }
    expect(names.some((n: string) => n.startsWith('07-tia/'))).toBe(true);
    const zip = unzipSync(new Uint8Array(readFileSync(out)));
    const contenu = strFromU8(zip['contenu.txt']!);
    const lines = contenu.split('\r\n');
    expect(lines[0]).toBe('Nom du document\tTaille (octets)\tSHA256');
    expect(contenu.endsWith('\r\n')).toBe(true);
    expect(contenu.replaceAll('\r\n', '')).not.toContain('\n');
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(Object.keys(zip).length - 1);
    for (const line of body) {
      const [name, size, sha] = line.split('\t');
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(size)).toBe(zip[name!]!.length);
      expect(sha).toBe(createHash('sha256').update(zip[name!]!).digest('hex'));
    }
    const manifest = JSON.parse(strFromU8(zip['manifest.json']!));
    expect(manifest).toMatchObject({ format: 'vigie-cnil-pack', formatVersion: 1, generator: expect.stringContaining('Vigie'), workspaceId: expect.any(String), period: { from: expect.any(String), to: expect.any(String) }, changeLog: { headHash: expect.stringMatching(/^[0-9a-f]{64}$/), entries: expect.any(Number), audit: { ok: true } } });
    expect(manifest.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(strFromU8(zip['00-LISEZMOI.txt']!)).toContain('Période couverte : du');
    const v = io();
    expect(await runCli(['pack', 'verify', out, '--json'], v.io)).toBe(0);
    expect(JSON.parse(v.out[0]!)).toMatchObject({ ok: true, files: Object.keys(zip).length, mismatches: [] });
  });

  it('catches one changed byte: in a file re-zipped with the old seals, and flipped in the archive itself', async () => {
    const out = join(dir, 'CNIL-test.zip');
    const bytes = new Uint8Array(readFileSync(out));
    const zip = unzipSync(bytes);
    const victim = '05-demandes/registre-des-demandes.csv';
    const changed = new Uint8Array(zip[victim]!);
    changed[changed.length - 3] ^= 0x01;
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, zipSync({ ...zip, [victim]: changed }));
    const a = io();
    expect(await runCli(['pack', 'verify', tampered, '--json'], a.io)).toBe(1);
    const r = JSON.parse(a.out[0]!);
    expect(r.ok).toBe(false);
    expect(r.mismatches).toEqual(expect.arrayContaining([expect.objectContaining({ name: victim, problem: 'sha256', list: 'contenu.txt' }), expect.objectContaining({ name: victim, problem: 'sha256', list: 'manifest.json' })]));
    // A byte flipped in the raw archive, inside a stored (uncompressed) Word file.
    const raw = new Uint8Array(bytes);
    const at = Buffer.from(raw).indexOf(Buffer.from('word/document.xml'));
    expect(at).toBeGreaterThan(0);
    raw[at + 200] ^= 0x20;
    const flipped = join(dir, 'flipped.zip');
    writeFileSync(flipped, raw);
    const b = io();
    expect(await runCli(['pack', 'verify', flipped, '--json'], b.io)).toBe(1);
    expect(JSON.parse(b.out[0]!).ok).toBe(false);
    // An extra file slipped in is reported too.
    const extra = join(dir, 'extra.zip');
    writeFileSync(extra, zipSync({ ...zip, 'ajout.txt': new Uint8Array([65]) }));
    const c = io();
    expect(await runCli(['pack', 'verify', extra, '--json'], c.io)).toBe(1);
    expect(JSON.parse(c.out[0]!).mismatches).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'ajout.txt', problem: 'unlisted' })]));
  });

  it('scopes the pack by parts and period, and refuses unknown parts', async () => {
    const out = join(dir, 'partial.zip');
    const a = io();
    expect(await runCli(['export', 'cnil-pack', '--workspace', ws, '--out', out, '--parts', 'breaches,requests', '--from', '2026-01-01', '--to', '2026-06-30', '--json'], a.io)).toBe(0);
    const r = JSON.parse(a.out[0]!);
    expect(r.parts).toEqual(['breaches', 'requests']);
    expect(r.period).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    const names: string[] = r.files.map((f: { name: string }) => f.name);
    expect(names.filter((n) => !['00-LISEZMOI.txt', 'manifest.json', 'contenu.txt'].includes(n)).every((n) => n.startsWith('04-') || n.startsWith('05-'))).toBe(true);
    expect(await runCli(['pack', 'verify', out], io().io)).toBe(0);
    const bad = io();
    expect(await runCli(['export', 'cnil-pack', '--workspace', ws, '--out', join(dir, 'bad.zip'), '--parts', 'register,secrets', '--json'], bad.io)).toBe(2);
    expect(JSON.parse(bad.err.at(-1)!).error.message).toContain('secrets');
    expect(existsSync(join(dir, 'bad.zip'))).toBe(false);
  });
});

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!soffice)('LibreOffice rendering of the annual report', () => {
  it('converts to PDF and the PDF holds the expected French text', async () => {
    const src = join(dir, 'bilan-lo.docx');
    expect(await runCli(['export', 'report', '--workspace', ws, '--out', src, '--lang', 'fr'], io().io)).toBe(0);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, src], { timeout: 170_000, stdio: 'ignore', env: { ...process.env, HOME: dir } });
    const pdf = join(dir, 'bilan-lo.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of ['Bilan annuel du délégué à la protection', 'Sommaire', 'Chiffres clés', 'Plan d’action', 'Figure 2 — Demandes reçues par mois']) expect(text).toContain(s);
    expect(text).toMatch(/page 3 \/ \d+/);
    // The table of contents is filled (entries with page numbers), not an empty field.
    expect(text).toMatch(/Synthèse\.{3,}\s*\d+/);
  }, 180_000);

  it('converts the register (Word) to PDF with its records', async () => {
    const src = join(dir, 'registre.docx');
    expect(await runCli(['export', 'register', '--workspace', ws, '--format', 'docx', '--out', src, '--force'], io().io)).toBe(0);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, src], { timeout: 170_000, stdio: 'ignore', env: { ...process.env, HOME: dir } });
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'registre.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Registre des activités de traitement');
    expect(text).toMatch(/ST-T0\d/);
  }, 180_000);
});
if (!soffice) console.warn('LibreOffice (soffice) is not installed: the PDF rendering test is skipped.');

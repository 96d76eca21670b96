import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportProgressEvent, Platform } from '../../services/platform';
import { PrefsStore } from '../../services/prefs';
import { saveExport } from '../../services/save-export';
import { Session } from '../../services/session';
import { createHandlers } from '.';
import { createRouter } from '../router';

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

/** A session on a demo workspace, with a save dialog that answers `answer()` and records events. */
async function setup(opts: { dialog?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-exports-api-'));
  const out = join(dir, 'out');
  mkdirSync(out);
  const asked: Array<{ name: string; format: string }> = [];
  const events: ExportProgressEvent[] = [];
  let answer: () => string | null = () => null;
  let onEvent: (e: ExportProgressEvent) => void = () => undefined;
  const platform: Platform = {
    kind: opts.dialog === false ? 'web' : 'electron',
    version: 'test',
    defaultDirectory: dir,
    actor: 'API test',
    resolveWorkspacePath: (p) => join(dir, p),
    notify: (e) => {
      if (e.type !== 'export-progress') return;
      events.push(e);
      onEvent(e);
    },
    ...(opts.dialog === false
      ? {}
      : {
          saveFile: async (name: string, format: string) => {
            asked.push({ name, format });
            return answer();
          },
        }),
  };
  const session = new Session(platform, new PrefsStore(dir));
  sessions.push(session);
  const dispatch = createRouter(createHandlers(session));
  expect(await dispatch('workspace.create', { path: 'w.vigie', passphrase: 'long enough passphrase', demo: true })).toMatchObject({ ok: true });
  return { dir, out, asked, events, dispatch, session, answer: (f: () => string | null) => (answer = f), onEvent: (f: (e: ExportProgressEvent) => void) => (onEvent = f) };
}

const filesIn = (d: string) => readdirSync(d).sort();

describe('exports saved by the main process', () => {
  it('asks where with the export name, writes the file (0600) and answers only its path and size', async () => {
    const t = await setup();
    expect(await t.dispatch('app.info', {})).toMatchObject({ ok: true, value: { canSaveFiles: true } });
    const target = join(t.out, 'registre.csv');
    t.answer(() => target);
    const r = await t.dispatch('exports.save', { id: 'e1', job: { kind: 'register', format: 'csv', lang: 'fr' } });
    expect(r).toMatchObject({ ok: true, value: { saved: true, path: target, fileName: 'registre.csv', bytes: statSync(target).size } });
    expect(JSON.stringify(r)).not.toMatch(/contentBase64/);
    expect(t.asked[0]).toEqual({ name: expect.stringMatching(/^registre-des-traitements-\d{4}-\d{2}-\d{2}\.csv$/), format: 'csv' });
    expect(readFileSync(target, 'utf8')).toMatch(/Nom|Traitement|Finalit/i);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(t.events.at(-1)).toEqual({ type: 'export-progress', id: 'e1', step: 'saving', index: 1, total: 1 });
  }, 60_000);

  it('a cancelled dialog writes nothing; the web harness has no dialog and says so', async () => {
    const t = await setup();
    t.answer(() => null);
    expect(await t.dispatch('exports.save', { id: 'e2', job: { kind: 'requests', format: 'xlsx' } })).toEqual({ ok: true, value: { saved: false } });
    expect(filesIn(t.out)).toEqual([]);
    const web = await setup({ dialog: false });
    expect(await web.dispatch('app.info', {})).toMatchObject({ ok: true, value: { canSaveFiles: false } });
    expect(await web.dispatch('exports.save', { id: 'e3', job: { kind: 'vendors', format: 'csv' } })).toMatchObject({ ok: false, error: { code: 'save_unavailable' } });
    expect(await web.dispatch('exports.save', { id: 'e3', job: { kind: 'vendors', format: 'pdf' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }, 60_000);

  it('refuses the open workspace, any .vigie file, a backups folder and a wrong extension; the workspace still opens', async () => {
    const t = await setup();
    const ws = join(t.dir, 'w.vigie');
    const before = readFileSync(ws);
    for (const [path, code] of [
      [ws, 'output_is_workspace'],
      [`${ws}-wal`, 'output_is_workspace'],
      [join(t.out, 'other.vigie'), 'output_is_workspace'],
      [join(t.dir, 'w.backups', 'x.docx'), 'output_in_backups'],
      [join(t.out, 'bilan.txt'), 'output_extension_mismatch'],
      [join(t.dir, 'missing', 'x.docx'), 'output_folder_missing'],
    ] as const) {
      t.answer(() => path);
      expect(await t.dispatch('exports.save', { id: 'r', job: { kind: 'register', format: 'docx' } }), path).toMatchObject({ ok: false, error: { code } });
    }
    expect(filesIn(t.out)).toEqual([]);
    expect(readFileSync(ws).equals(before)).toBe(true);
    await t.dispatch('workspace.close', {});
    expect(await t.dispatch('workspace.open', { path: 'w.vigie', passphrase: 'long enough passphrase' })).toMatchObject({ ok: true });
    expect(await t.dispatch('register.list', {})).toMatchObject({ ok: true });
  }, 60_000);

  it('the CNIL pack reports its steps in order, then saving; the zip is complete', async () => {
    const t = await setup();
    const target = join(t.out, 'pack.zip');
    t.answer(() => target);
    const r = await t.dispatch('exports.save', { id: 'pack', job: { kind: 'cnilPack', parts: ['organisation', 'changelog'] } });
    expect(r).toMatchObject({ ok: true, value: { saved: true } });
    expect(t.asked[0]).toEqual({ name: expect.stringMatching(/^CNIL-.+-\d{4}-\d{2}-\d{2}\.zip$/), format: 'zip' });
    expect(t.events.map((e) => e.step)).toEqual(['reading the workspace', 'checking the change log (audit verify)', 'sealing (manifest.json, contenu.txt)', 'saving']);
    expect(t.events.map((e) => [e.index, e.total])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    const zip = unzipSync(new Uint8Array(readFileSync(target)));
    expect(Object.keys(zip)).toContain('manifest.json');
    expect(strFromU8(zip['contenu.txt']!)).toMatch(/^Nom du document\tTaille \(octets\)\tSHA256\r\n/);
  }, 60_000);

  it('the annual report and the whole pack announce as many steps as they report', async () => {
    const t = await setup();
    t.answer(() => join(t.out, 'bilan.docx'));
    expect(await t.dispatch('exports.save', { id: 'a', job: { kind: 'annualReport', lang: 'en' } })).toMatchObject({ ok: true, value: { saved: true } });
    t.answer(() => join(t.out, 'pack.zip'));
    expect(await t.dispatch('exports.save', { id: 'p', job: { kind: 'cnilPack' } })).toMatchObject({ ok: true, value: { saved: true } });
    for (const id of ['a', 'p']) {
      const mine = t.events.filter((e) => e.id === id);
      expect(mine.length, id).toBeGreaterThan(1);
      expect(mine.every((e) => e.total === mine.length), id).toBe(true);
      expect(mine.at(-1)!.step).toBe('saving');
    }
  }, 120_000);

  it('a cancel during the export stops it: export_cancelled, and no file at all (no partial, no temporary)', async () => {
    const t = await setup();
    const target = join(t.out, 'bilan.docx');
    t.answer(() => target);
    // Cancel as soon as the first step is reported: the export is then between two steps.
    let cancelled: Promise<unknown> | undefined;
    t.onEvent((e) => {
      if (e.index === 1) cancelled = t.dispatch('exports.cancel', { id: 'long' });
    });
    const pending = t.dispatch('exports.save', { id: 'long', job: { kind: 'annualReport', lang: 'fr' } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'export_cancelled' } });
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(t.events.map((e) => e.step)).not.toContain('saving');
    expect(filesIn(t.out)).toEqual([]);
    expect(await t.dispatch('exports.cancel', { id: 'long' })).toEqual({ ok: true, value: { cancelled: false } });
  }, 60_000);
});

describe('exports.saveFile: the quick files of the other pages, written by the main process', () => {
  it('runs the file method, proposes its file name, writes where the person chose', async () => {
    const t = await setup();
    t.answer(() => join(t.out, 'violations.csv'));
    const r = await t.dispatch('exports.saveFile', { method: 'breaches.register', input: { format: 'csv', lang: 'fr' } });
    expect(r).toMatchObject({ ok: true, value: { saved: true, fileName: 'violations.csv' } });
    expect(JSON.stringify(r)).not.toContain('contentBase64');
    expect(t.asked[0]).toEqual({ name: expect.stringMatching(/\.csv$/), format: 'csv' });
    expect(readFileSync(join(t.out, 'violations.csv'), 'utf8').length).toBeGreaterThan(10);
    t.answer(() => join(t.out, 'journal.csv'));
    expect(await t.dispatch('exports.saveFile', { method: 'audit.exportCsv' })).toMatchObject({ ok: true, value: { saved: true } });
    t.answer(() => join(t.out, 'registre.docx'));
    expect(await t.dispatch('exports.saveFile', { method: 'register.exportDocx', input: { lang: 'en' } })).toMatchObject({ ok: true, value: { saved: true } });
    expect(t.asked.map((a) => a.format)).toEqual(['csv', 'csv', 'docx']);
    expect(filesIn(t.out)).toEqual(['journal.csv', 'registre.docx', 'violations.csv']);
  }, 60_000);

  it('refuses a method that is not a file export, bad input for the method, a wrong extension; the web harness has no dialog', async () => {
    const t = await setup();
    t.answer(() => join(t.out, 'x.csv'));
    expect(await t.dispatch('exports.saveFile', { method: 'workspace.close' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.dispatch('exports.saveFile', { method: 'breaches.register', input: { format: 'pdf' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    t.answer(() => join(t.out, 'calendrier.csv'));
    expect(await t.dispatch('exports.saveFile', { method: 'requests.ics' })).toMatchObject({ ok: false, error: { code: 'output_extension_mismatch' } });
    t.answer(() => join(t.dir, 'w.vigie'));
    expect(await t.dispatch('exports.saveFile', { method: 'retention.scheduleIcs' })).toMatchObject({ ok: false, error: { code: 'output_is_workspace' } });
    expect(filesIn(t.out)).toEqual([]);
    const web = await setup({ dialog: false });
    expect(await web.dispatch('exports.saveFile', { method: 'requests.exportCsv' })).toMatchObject({ ok: false, error: { code: 'save_unavailable' } });
  }, 60_000);
});

describe('saveExport (the service)', () => {
  it('replaces an existing file only with force; without it the old file is untouched', async () => {
    const t = await setup();
    const target = join(t.out, 'prestataires.csv');
    writeFileSync(target, 'old');
    await expect(saveExport(t.session.workspace, { kind: 'vendors', format: 'csv' }, target)).rejects.toMatchObject({ code: 'output_exists' });
    expect(readFileSync(target, 'utf8')).toBe('old');
    const r = await saveExport(t.session.workspace, { kind: 'vendors', format: 'csv' }, target, { force: true });
    expect(r.bytes).toBeGreaterThan(3);
    expect(readFileSync(target, 'utf8')).not.toBe('old');
    expect(filesIn(t.out)).toEqual(['prestataires.csv']);
  }, 60_000);

  it('an abort while the file is being written removes the temporary file and keeps the old one', async () => {
    const t = await setup();
    const target = join(t.out, 'pack.zip');
    writeFileSync(target, 'previous pack');
    const c = new AbortController();
    await expect(
      saveExport(t.session.workspace, { kind: 'cnilPack', parts: ['organisation'] }, target, { force: true, signal: c.signal, progress: (s) => s === 'saving' && c.abort() }),
    ).rejects.toMatchObject({ code: 'export_cancelled' });
    expect(filesIn(t.out)).toEqual(['pack.zip']);
    expect(readFileSync(target, 'utf8')).toBe('previous pack');
    expect(existsSync(target)).toBe(true);
  }, 60_000);
});

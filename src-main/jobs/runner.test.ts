/**
 * The job runner: each job kind runs end to end in a worker thread on its own read-only connection
 * and answers what the same code answers in-process; steps are reported, a cancel stops the job
 * and its worker, one job of a name at a time, errors keep their codes, bad input starts nothing.
 */
import { ensureBreachIndex } from '../services/breach-index';
import { ensureRequestIndex } from '../services/request-index';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../api/handlers';
import { createRouter } from '../api/router';
import { verifyAudit } from '../db/audit';
import { openReader } from '../db/open-reader';
import { DomainError } from '../domain/errors';
import { BreachesService } from '../services/breaches';
import { PrefsStore } from '../services/prefs';
import { previewImport } from '../services/register-import';
import { RegisterService } from '../services/register';
import { RequestsService } from '../services/requests';
import { Session } from '../services/session';
import { ReadOnlyWorkspace } from './read-workspace';
import { JobRunner } from './runner';
import { createJobWorker } from './spawn-worker';

const PASS = 'jobs test passphrase';
let dir: string;
let session: Session;
let dispatch: ReturnType<typeof createRouter>;
let runner: JobRunner;
let spawned = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-jobs-'));
  session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'jobs test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
  dispatch = createRouter(createHandlers(session), { log: () => undefined });
  expect(await dispatch('workspace.create', { path: 'jobs.vigie', passphrase: PASS, demo: true })).toMatchObject({ ok: true });
  const ws = session.workspace;
  runner = new JobRunner(
    () => ({ workspace: { path: ws.path, actor: ws.actor, deviceId: ws.deviceId, workspaceId: ws.workspaceId, sealCheck: ws.sealCheck }, passphrase: PASS }),
    (o: WorkerOptions): Worker => {
      spawned++;
      return createJobWorker(o);
    },
  );
  // As the session's runner does (api/handlers/jobs.ts): derived indexes are made current in the main process.
  runner.prepare = async () => {
    await ensureRequestIndex(ws.db);
    await ensureBreachIndex(ws.db);
  };
}, 120_000);

afterAll(async () => {
  await runner?.cancelAll();
  await session?.close();
});

const docXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!);

describe('jobs in worker threads', () => {
  it('audit verify in a worker answers what verifyAudit answers on the main connection', async () => {
    expect(await runner.run('auditVerify', {})).toEqual(await verifyAudit(session.workspace.db));
  });

  it('the breach register, change log and rights-request CSVs are byte for byte those made in-process; the Word registers have the same text', async () => {
    const csv = await runner.run('file', { method: 'breaches.register', format: 'csv', lang: 'fr' });
    expect(csv).toEqual(await new BreachesService(session.workspace).register('csv', 'fr'));
    const log = await runner.run('file', { method: 'audit.exportCsv' });
    expect(log).toEqual(await session.workspace.exportAuditCsv());
    const cases = await runner.run('file', { method: 'requests.exportCsv', lang: 'en' });
    expect(cases).toEqual(await new RequestsService(session.workspace).exportCsv('en'));
    expect(cases.cases).toBeGreaterThan(0);
    const art30 = await runner.run('file', { method: 'register.exportDocx', lang: 'fr' });
    const inProcess = await new RegisterService(session.workspace).exportDocx('fr');
    expect(art30.fileName).toBe(inProcess.fileName);
    expect(docXml(new Uint8Array(Buffer.from(art30.contentBase64, 'base64')))).toBe(docXml(new Uint8Array(Buffer.from(inProcess.contentBase64, 'base64'))));
    const word = await runner.run('export', { kind: 'register', format: 'docx', lang: 'en' });
    expect(word.fileName).toMatch(/^record-of-processing-\d{4}-\d{2}-\d{2}\.docx$/);
    expect(docXml(word.bytes)).toContain('Record of processing activities');
  }, 60_000);

  it('an import is read and planned in a worker exactly as in-process; nothing is written', async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../export/fixtures/registre-cnil.xlsx')));
    const before = (await session.workspace.changeLogStats()).entries;
    const inWorker = await runner.run('importPlan', { fileName: 'registre-cnil.xlsx', bytes, lang: 'fr' });
    expect(inWorker).toEqual(JSON.parse(JSON.stringify(previewImport({ fileName: 'registre-cnil.xlsx', bytes, lang: 'fr' }))));
    expect(inWorker.preview.valid).toBeGreaterThan(0);
    expect((await session.workspace.changeLogStats()).entries).toBe(before);
  }, 60_000);

  it('reports each step of a CNIL pack, in order, through onProgress and list()', async () => {
    const seen: Array<{ step?: string; index: number; total?: number }> = [];
    const listed: string[] = [];
    const pack = await runner.run('export', { kind: 'cnilPack', parts: ['organisation', 'register', 'changelog'] }, { total: 4, onProgress: (s) => {
      seen.push({ step: s.step, index: s.index, total: s.total });
      listed.push(...runner.list().map((j) => `${j.name}:${j.step}`));
    } });
    expect(seen.map((s) => s.step)).toEqual(['reading the workspace', 'register', 'checking the change log (audit verify)', 'sealing (manifest.json, contenu.txt)']);
    expect(seen.map((s) => s.index)).toEqual([1, 2, 3, 4]);
    expect(seen.every((s) => s.total === 4)).toBe(true);
    expect(listed).toContain('export:register');
    expect(Object.keys(unzipSync(pack.bytes))).toContain('manifest.json');
    expect(pack.files?.some((f) => f.name === '02-registre/registre-des-traitements.docx')).toBe(true);
    expect(runner.list()).toEqual([]);
  }, 60_000);

  it('a cancel answers export_cancelled at once; the worker stops at its next step and ends', async () => {
    const started = spawned;
    let cancelled = false;
    const pending = runner.run('export', { kind: 'cnilPack' }, { id: 'pack-1', onProgress: (s) => {
      if (s.index === 1 && !cancelled) cancelled = runner.cancel({ id: 'pack-1' });
    } });
    await expect(pending).rejects.toMatchObject({ code: 'export_cancelled' });
    expect(cancelled).toBe(true);
    expect(spawned).toBeLessThanOrEqual(started + 1);
    expect(runner.list()).toEqual([]);
    // cancelAll waits for the cancelled worker to end.
    await runner.cancelAll();
    expect(runner.cancel({ name: 'export' })).toBe(false);
  }, 60_000);

  it('the change-log check reports its step and stops at a cancel (the worker reads the flag between chunks)', async () => {
    const steps: string[] = [];
    await expect(runner.run('auditVerify', {}, { onProgress: (s) => s.step && steps.push(s.step) })).resolves.toMatchObject({ ok: true });
    expect(steps).toEqual(['checking the change log (audit verify)']);
    const pending = runner.run('auditVerify', {}, { id: 'verify-1', onProgress: () => runner.cancel({ id: 'verify-1' }) });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await runner.cancelAll();
    expect(runner.list()).toEqual([]);
  }, 60_000);

  it('a job after another reuses the warm worker (no new thread); a cancelled worker is never reused', async () => {
    await runner.run('auditVerify', {});
    const started = spawned;
    await runner.run('auditVerify', {});
    await runner.run('file', { method: 'breaches.register', format: 'csv' });
    expect(spawned).toBe(started);
    const pending = runner.run('export', { kind: 'cnilPack' }, { id: 'pack-2', onProgress: () => runner.cancel({ id: 'pack-2' }) });
    await expect(pending).rejects.toMatchObject({ code: 'export_cancelled' });
    await runner.cancelAll();
    await runner.run('auditVerify', {});
    expect(spawned).toBe(started + 1);
  }, 60_000);

  it('one job of a name at a time: a second gets job_running, another name runs meanwhile', async () => {
    const first = runner.run('auditVerify', {});
    await expect(runner.run('auditVerify', {})).rejects.toMatchObject({ code: 'job_running' });
    const other = runner.run('file', { method: 'breaches.register', format: 'csv' });
    await expect(first).resolves.toMatchObject({ ok: true });
    await expect(other).resolves.toMatchObject({ breaches: expect.any(Number) });
    // Free again once it ended.
    await expect(runner.run('auditVerify', {})).resolves.toMatchObject({ ok: true });
  }, 60_000);

  it('bad input starts no worker; a DomainError thrown in the worker keeps its code and message', async () => {
    const started = spawned;
    await expect(runner.run('export', { kind: 'register', format: 'pdf' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(runner.run('file', { method: 'workspace.close' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(spawned).toBe(started);
    const err = await runner.run('importPlan', { fileName: 'vide.csv', bytes: new Uint8Array(0) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'invalid_file', message: '“vide.csv” is empty.' });
  }, 60_000);

  it('a job with a wrong key fails with wrong_passphrase (the worker keys its own connection)', async () => {
    const ws = session.workspace;
    const wrong = new JobRunner(() => ({ workspace: { path: ws.path, actor: 'x', deviceId: 'x', workspaceId: 'x', sealCheck: { status: 'unavailable' } }, passphrase: 'not the passphrase' }));
    await expect(wrong.run('auditVerify', {})).rejects.toMatchObject({ code: 'wrong_passphrase' });
  }, 60_000);
});

describe('the API through the runner', () => {
  it('jobs.list shows a running export with its step; jobs.cancel stops it and its call answers export_cancelled', async () => {
    const pending = dispatch('reports.cnilPack', {});
    let status: { items: Array<{ name: string; step?: string; total?: number }> } = { items: [] };
    // Up to 30 s: on a loaded 2-core machine a new worker compiling the services through tsx can take
    // more than the 5 s this waited before (the export itself then takes well under a second).
    for (let i = 0; i < 1200 && !status.items.some((j) => j.name === 'export' && j.step); i++) {
      await new Promise((r) => setTimeout(r, 25));
      const r = await dispatch('jobs.list', {});
      if (r.ok) status = r.value as typeof status;
    }
    // Every step of the pack but 'saving' (the window downloads the file itself).
    expect(status.items.find((j) => j.name === 'export')).toMatchObject({ name: 'export', step: expect.any(String), total: 10 });
    expect(await dispatch('jobs.cancel', { name: 'export' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'export_cancelled' } });
    expect(await dispatch('jobs.cancel', { name: 'export' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await dispatch('jobs.cancel', { name: 'everything' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }, 60_000);

  it('audit.verify answers the worker’s report with this computer’s seal check', async () => {
    const r = await dispatch('audit.verify', {});
    expect(r).toMatchObject({ ok: true, value: { ok: true, seal: session.workspace.sealCheck } });
  }, 60_000);
});

describe('the reader connection', () => {
  it('is read-only and keyed like the main one', () => {
    const path = session.workspace.path;
    const conn = openReader(path, PASS, { snapshot: true });
    try {
      expect(conn.raw.prepare('SELECT count(*) AS n FROM change_log').get()).toMatchObject({ n: expect.any(Number) });
      expect(() => conn.raw.exec('CREATE TABLE intruder (x)')).toThrow();
      expect(() => new ReadOnlyWorkspace({ path, actor: 'x', deviceId: 'x', workspaceId: 'x', sealCheck: { status: 'unavailable' } }, conn.raw, conn.db).mutate()).toThrow(/only read/);
    } finally {
      conn.close();
      conn.close();
    }
    expect(() => openReader(path, 'wrong passphrase')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
  });

  it('a snapshot does not see a change committed after it began', async () => {
    const conn = openReader(session.workspace.path, PASS, { snapshot: true });
    try {
      const count = () => (conn.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
      const before = count();
      await session.workspace.updateProfile({ dpo_name: 'Snapshot Test' });
      expect(count()).toBe(before);
    } finally {
      conn.close();
    }
    const fresh = openReader(session.workspace.path, PASS);
    try {
      expect((fresh.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      fresh.close();
    }
  });
});

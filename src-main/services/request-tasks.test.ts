/**
 * A case's checklist in storage: written in the form every version of Vigie reads (a colleague who
 * syncs may not have upgraded yet: label, done and doneOn are required by versions before
 * 2026-12-02), read in both that form and the compact one, shown in the reader's language; the
 * boundaries accept both forms but refuse a task nobody can name.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHandlers } from '../api/handlers';
import { createRouter } from '../api/router';
import { dumpTables } from '../db/test-fixtures/dump';
import { RIGHT_TASKS, RIGHTS, taskLabel } from '../domain/requests/case';
import { PrefsStore } from './prefs';
import { RequestsService } from './requests';
import { Session } from './session';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-tasks-')), 'w.vigie'), 'tasks test passphrase', { actor: 'test', profile: { controller_name: 'ACME SAS' } });
  opened.push(w);
  return w;
}
function dump(w: Workspace): string {
  return dumpTables(w.raw);
}
const storedDetails = (w: Workspace, id: string) => w.raw.prepare('SELECT details FROM requests WHERE id = ?').pluck().get(id) as string;
const lastLog = (w: Workspace, id: string) => w.raw.prepare("SELECT op, fields FROM change_log WHERE table_name = 'requests' AND row_id = ? ORDER BY seq DESC LIMIT 1").get(id) as { op: string; fields: string };
const at = (iso: string) => () => new Date(`${iso}T10:00:00Z`);
const base = { requester: { name: 'Marie Martin' }, channel: 'email', receivedOn: '2026-03-05' };
/** The task schema of the versions before 2026-12-02 (domain/requests/case.ts then): every field required. */
const OLDER_VERSION_TASK = z.object({ right: z.enum(RIGHTS), id: z.string().min(1).max(60), label: z.string().min(1).max(300), done: z.boolean(), doneOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }).strict();

describe('a case’s checklist in storage', () => {
  it('a created case stores every task in the form older versions read, with the catalogue’s words in the workspace’s language', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create({ ...base, rights: [...RIGHTS], objectionGround: 'marketing' });
    const details = storedDetails(w, a.id);
    const log = lastLog(w, a.id);
    expect(log.op).toBe('insert');
    const tasks = (JSON.parse(details) as { tasks: unknown[] }).tasks;
    expect(tasks).toEqual(RIGHTS.flatMap((r) => RIGHT_TASKS[r].map((t) => ({ right: r, id: t.id, label: t.fr, done: false, doneOn: null }))));
    for (const t of tasks) expect(OLDER_VERSION_TASK.safeParse(t).success).toBe(true);
    expect((JSON.parse(log.fields) as { details: { tasks: unknown } }).details.tasks).toEqual(tasks);
    // Read back: the words in either language from the catalogue.
    const got = (await s.get(a.id)).case.tasks;
    expect(got).toHaveLength(tasks.length);
    expect(got.every((t) => t.done === false)).toBe(true);
    expect(taskLabel(got.find((t) => t.id === 'copy')!, 'fr')).toBe('Préparer la copie des données (format courant)');
    expect(taskLabel(got.find((t) => t.id === 'copy')!, 'en')).toBe('Prepare the copy of the data (commonly used format)');
    expect((await w.verifyAudit()).ok).toBe(true);
  });

  it('a ticked task stores its tick and date; a task the DPO added keeps its words; older versions read them all', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create({ ...base, rights: ['erasure'] });
    const cur = (await s.get(a.id)).case;
    const tasks = [...cur.tasks.map((t) => (t.id === 'erase' ? { ...t, done: true, doneOn: '2026-03-09' } : t)), { right: 'erasure' as const, id: 'backup-vendor', label: 'Demander l’effacement au prestataire de sauvegarde', done: false, doneOn: null }];
    await s.update(a.id, { ...cur, tasks });
    const stored = (JSON.parse(storedDetails(w, a.id)) as { tasks: unknown[] }).tasks;
    expect(stored).toEqual([
      { right: 'erasure', id: 'grounds', label: RIGHT_TASKS.erasure[0]!.fr, done: false, doneOn: null },
      { right: 'erasure', id: 'erase', label: RIGHT_TASKS.erasure[1]!.fr, done: true, doneOn: '2026-03-09' },
      { right: 'erasure', id: 'notify', label: RIGHT_TASKS.erasure[2]!.fr, done: false, doneOn: null },
      { right: 'erasure', id: 'backup-vendor', label: 'Demander l’effacement au prestataire de sauvegarde', done: false, doneOn: null },
    ]);
    for (const t of stored) expect(OLDER_VERSION_TASK.safeParse(t).success).toBe(true);
    const got = (await s.get(a.id)).case.tasks;
    expect(got.map((t) => taskLabel(t, 'en'))).toEqual([
      'Check the Art. 17(1) grounds and the Art. 17(3) exceptions',
      'Erase the data (including backups as per policy)',
      'Tell the recipients (Art. 19)',
      'Demander l’effacement au prestataire de sauvegarde',
    ]);
    expect(got[1]).toMatchObject({ done: true, doneOn: '2026-03-09' });
    expect((await w.verifyAudit()).ok).toBe(true);
  });

  it('a checklist received in the compact form reads the same and is written back in the full form', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create({ ...base, rights: ['access'] });
    const compact = [{ right: 'access', id: 'search', done: true, doneOn: '2026-03-06' }, { right: 'access', id: 'copy' }, { right: 'access', id: 'info' }, { right: 'access', id: 'third-parties' }];
    const details = { ...(JSON.parse(storedDetails(w, a.id)) as Record<string, unknown>), tasks: compact };
    await w.mutate((wr) => wr.write({ op: 'update', table: 'requests', id: a.id, values: { details } }));
    const cur = (await s.get(a.id)).case;
    expect(cur.tasks.map((t) => taskLabel(t, 'fr'))).toEqual(RIGHT_TASKS.access.map((t) => t.fr));
    expect(cur.tasks[0]).toMatchObject({ done: true, doneOn: '2026-03-06' });
    await s.update(a.id, { ...cur, tasks: cur.tasks.map((t) => (t.id === 'copy' ? { ...t, done: true, doneOn: '2026-03-10' } : t)) });
    const stored = (JSON.parse(storedDetails(w, a.id)) as { tasks: unknown[] }).tasks;
    for (const t of stored) expect(OLDER_VERSION_TASK.safeParse(t).success).toBe(true);
    expect(stored[1]).toEqual({ right: 'access', id: 'copy', label: RIGHT_TASKS.access[1]!.fr, done: true, doneOn: '2026-03-10' });
  });

  it('a case stored with labels (before 2026-12-02) reads the same, and an edit elsewhere leaves its checklist as stored', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create({ ...base, rights: ['access'] });
    // The stored form of the earlier versions: every task with its French words, done and doneOn.
    const old = RIGHT_TASKS.access.map((t) => ({ right: 'access', id: t.id, label: t.fr, done: t.id === 'search', doneOn: t.id === 'search' ? '2026-03-06' : null }));
    old[2]!.label = 'Joindre la notice d’information du site';
    const details = { ...(JSON.parse(storedDetails(w, a.id)) as Record<string, unknown>), tasks: old };
    await w.mutate((wr) => wr.write({ op: 'update', table: 'requests', id: a.id, values: { details } }));
    const oldText = storedDetails(w, a.id);

    const cur = (await s.get(a.id)).case;
    expect(cur.tasks.map((t) => taskLabel(t, 'fr'))).toEqual(['Rechercher les données dans les traitements et systèmes concernés', 'Préparer la copie des données (format courant)', 'Joindre la notice d’information du site', 'Vérifier les droits des tiers (art. 15(4))']);
    expect(cur.tasks.map((t) => taskLabel(t, 'en'))).toEqual(['Search the data in the relevant activities and systems', 'Prepare the copy of the data (commonly used format)', 'Joindre la notice d’information du site', 'Check third parties’ rights (Art. 15(4))']);

    // Saving the case with its checklist untouched (as the screen sends it back): the tasks cell is not rewritten nor logged.
    await s.update(a.id, { ...cur, notes: 'Rappeler jeudi' });
    expect((JSON.parse(storedDetails(w, a.id)) as { tasks: unknown }).tasks).toEqual((JSON.parse(oldText) as { tasks: unknown }).tasks);
    expect(Object.keys(JSON.parse(lastLog(w, a.id).fields) as object)).toEqual(['details.notes']);

    // Ticking a task rewrites the cell: what it says is unchanged.
    const now = (await s.get(a.id)).case;
    await s.update(a.id, { ...now, tasks: now.tasks.map((t) => (t.id === 'copy' ? { ...t, done: true, doneOn: '2026-03-10' } : t)) });
    expect((JSON.parse(storedDetails(w, a.id)) as { tasks: unknown }).tasks).toEqual([
      { right: 'access', id: 'search', label: RIGHT_TASKS.access[0]!.fr, done: true, doneOn: '2026-03-06' },
      { right: 'access', id: 'copy', label: RIGHT_TASKS.access[1]!.fr, done: true, doneOn: '2026-03-10' },
      { right: 'access', id: 'info', label: 'Joindre la notice d’information du site', done: false, doneOn: null },
      { right: 'access', id: 'third-parties', label: RIGHT_TASKS.access[3]!.fr, done: false, doneOn: null },
    ]);
    expect((await s.get(a.id)).case.tasks.map((t) => taskLabel(t, 'fr'))).toEqual(cur.tasks.map((t) => taskLabel(t, 'fr')));
    expect((await w.verifyAudit()).ok).toBe(true);
  });
});

describe('the API boundary', () => {
  it('accepts both forms of a task and refuses a task without words that is not standard, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-tasks-api-'));
    const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'Tasks test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
    await session.create({ path: 'tasks.vigie', passphrase: 'tasks api passphrase' });
    opened.push(session.workspace);
    const dispatch = createRouter(createHandlers(session), { log: () => undefined });
    const created = await dispatch('requests.create', { case: { ...base, receivedOn: '2026-01-05', rights: ['access'] } });
    expect(created.ok).toBe(true);
    const id = (created as { value: { id: string } }).value.id;
    const got = (await dispatch('requests.get', { id })) as { ok: true; value: { case: Record<string, unknown> & { tasks: Array<Record<string, unknown>> } } };
    expect(got.value.case.tasks[0]).toMatchObject({ right: 'access', id: 'search', done: false });

    const both = [{ right: 'access', id: 'search' }, { right: 'access', id: 'copy', label: 'Préparer la copie des données (format courant)', done: true, doneOn: '2026-01-07' }];
    expect((await dispatch('requests.update', { id, case: { ...got.value.case, tasks: both } })).ok).toBe(true);

    const before = dump(session.workspace);
    const r = await dispatch('requests.update', { id, case: { ...got.value.case, tasks: [...both, { right: 'access', id: 'call-back', done: false }] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(r)).toContain('Task \\"call-back\\" is not a standard task of the right \\"access\\" (standard: search, copy, info, third-parties): give it a label.');
    expect((r as { error: { details: { issues: Array<{ path: string[] }> } } }).error.details.issues[0]!.path).toEqual(['case', 'tasks', '2', 'label']);
    expect(dump(session.workspace)).toBe(before);
  });
});

/**
 * The checklist of a case is stored compact (issue 11): a standard task without the catalogue's words,
 * a case stored before keeps its labels (no migration) and reads the same, and the boundaries accept
 * both forms but refuse a task nobody can name.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../api/handlers';
import { createRouter } from '../api/router';
import { canonicalJson } from '../db/canonical';
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
  const tables = w.raw.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
  return canonicalJson(Object.fromEntries(tables.map((t) => [t.name, w.raw.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()])));
}
const storedDetails = (w: Workspace, id: string) => w.raw.prepare('SELECT details FROM requests WHERE id = ?').pluck().get(id) as string;
const lastLog = (w: Workspace, id: string) => w.raw.prepare("SELECT op, fields FROM change_log WHERE table_name = 'requests' AND row_id = ? ORDER BY seq DESC LIMIT 1").get(id) as { op: string; fields: string };
const at = (iso: string) => () => new Date(`${iso}T10:00:00Z`);
const base = { requester: { name: 'Marie Martin' }, channel: 'email', receivedOn: '2026-03-05' };
const ALL_WORDS = RIGHTS.flatMap((r) => RIGHT_TASKS[r].flatMap((t) => [t.fr, t.en]));

describe('a case’s checklist in storage', () => {
  it('a created case stores its standard tasks without their words, in the row and in its change-log entry', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create({ ...base, rights: [...RIGHTS], objectionGround: 'marketing' });
    const details = storedDetails(w, a.id);
    const log = lastLog(w, a.id);
    expect(log.op).toBe('insert');
    for (const words of ALL_WORDS) {
      expect(details).not.toContain(words);
      expect(log.fields).not.toContain(words);
    }
    const tasks = (JSON.parse(details) as { tasks: unknown[] }).tasks;
    expect(tasks).toEqual(RIGHTS.flatMap((r) => RIGHT_TASKS[r].map((t) => ({ right: r, id: t.id }))));
    // Read back: every task complete, its words from the catalogue in either language.
    const got = (await s.get(a.id)).case.tasks;
    expect(got).toHaveLength(tasks.length);
    expect(got.every((t) => t.done === false && t.label === undefined)).toBe(true);
    expect(taskLabel(got.find((t) => t.id === 'copy')!, 'fr')).toBe('Préparer la copie des données (format courant)');
    expect(taskLabel(got.find((t) => t.id === 'copy')!, 'en')).toBe('Prepare the copy of the data (commonly used format)');
    expect((await w.verifyAudit()).ok).toBe(true);
  });

  it('a ticked task stores its tick and date; a task the DPO added keeps its words', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create({ ...base, rights: ['erasure'] });
    const cur = (await s.get(a.id)).case;
    const tasks = [...cur.tasks.map((t) => (t.id === 'erase' ? { ...t, done: true, doneOn: '2026-03-09' } : t)), { right: 'erasure' as const, id: 'backup-vendor', label: 'Demander l’effacement au prestataire de sauvegarde', done: false, doneOn: null }];
    await s.update(a.id, { ...cur, tasks });
    expect((JSON.parse(storedDetails(w, a.id)) as { tasks: unknown }).tasks).toEqual([
      { right: 'erasure', id: 'grounds' },
      { right: 'erasure', id: 'erase', done: true, doneOn: '2026-03-09' },
      { right: 'erasure', id: 'notify' },
      { right: 'erasure', id: 'backup-vendor', label: 'Demander l’effacement au prestataire de sauvegarde' },
    ]);
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

    // Ticking a task rewrites the cell in the compact form: what it says is unchanged.
    const now = (await s.get(a.id)).case;
    await s.update(a.id, { ...now, tasks: now.tasks.map((t) => (t.id === 'copy' ? { ...t, done: true, doneOn: '2026-03-10' } : t)) });
    expect((JSON.parse(storedDetails(w, a.id)) as { tasks: unknown }).tasks).toEqual([
      { right: 'access', id: 'search', done: true, doneOn: '2026-03-06' },
      { right: 'access', id: 'copy', done: true, doneOn: '2026-03-10' },
      { right: 'access', id: 'info', label: 'Joindre la notice d’information du site' },
      { right: 'access', id: 'third-parties' },
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
    expect(got.value.case.tasks[0]).toEqual({ right: 'access', id: 'search', done: false });

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

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../api/handlers';
import { createRouter } from '../api/router';
import { PrefsStore } from './prefs';
import { RequestsService, type ListQuery } from './requests';
import { Session } from './session';

/**
 * The SQL filters of the paged requests list (db/repositories/request-index.ts), table-driven against
 * a workspace whose cases were built so each filter has a known answer on 1 December 2026 (a Tuesday,
 * France). Each row is checked twice: pages read from the stored deadlines (2 cases a page, walking the
 * cursors) and the in-memory list (no limit) must both give exactly the expected cases, in the same order.
 */
const TODAY = '2026-12-01';
const PASS = 'request index filters passphrase';
const now = () => new Date(`${TODAY}T10:00:00Z`);

const CASES: Array<{ name: string; rights: string[]; receivedOn: string; extra?: Record<string, unknown> }> = [
  // One month ends today: due soon.
  { name: 'Élodie Marchand', rights: ['access'], receivedOn: '2026-11-01' },
  // One month ended on Monday 16 November: overdue.
  { name: 'Bruno Petit', rights: ['access'], receivedOn: '2026-10-15' },
  // Identity asked, not received: awaiting identity; due Monday 21 December: on track.
  { name: 'Chloé Durand', rights: ['access'], receivedOn: '2026-11-20', extra: { identity: { requestedOn: '2026-11-21', method: 'copie de pièce' } } },
  // Extended, not yet notified, notice limit 10 December not passed: an extension notice is due.
  { name: 'Denis Roux', rights: ['access'], receivedOn: '2026-11-10', extra: { extension: { decidedOn: '2026-11-12', reasons: 'Complexité' } } },
  // Answered: closed.
  { name: 'Émile Garçon', rights: ['access'], receivedOn: '2026-10-01', extra: { outcome: { result: 'fulfilled' }, response: { sentOn: '2026-10-20' } } },
  // Erasure, due Monday 28 December (25 December is a holiday): on track.
  { name: 'Fanny Leroy', rights: ['erasure'], receivedOn: '2026-11-25' },
  // Extended and notified in time: extended, due in February 2027.
  { name: 'Gaspard Noël', rights: ['access'], receivedOn: '2026-11-08', extra: { extension: { decidedOn: '2026-11-12', reasons: 'Volume', notifiedOn: '2026-11-15' } } },
  // Identity asked, then answered without it: closed, so no longer awaiting identity.
  { name: 'Hugo Blanc', rights: ['access'], receivedOn: '2026-10-20', extra: { identity: { requestedOn: '2026-10-21' }, outcome: { result: 'fulfilled' }, response: { sentOn: '2026-11-01' } } },
  // Extension decided, never notified, limit of 5 November passed: the one-month date holds, overdue, no notice due.
  { name: 'Inès Faure', rights: ['rectification'], receivedOn: '2026-10-05', extra: { extension: { decidedOn: '2026-10-10', reasons: 'Complexité' } } },
];

let session: Session;
let s: RequestsService;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-index-filters-'));
  session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'Filter test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
  await session.create({ path: 'filters.vigie', passphrase: PASS, controllerName: 'ACME' });
  s = new RequestsService(session.workspace, { now });
  for (const c of CASES) {
    const created = await s.create({ requester: { name: c.name }, rights: c.rights, channel: 'email', receivedOn: c.receivedOn });
    if (c.extra) await s.update(created.id, { ...(await s.get(created.id)).case, ...c.extra });
  }
}, 60_000);
afterAll(async () => {
  await session.close();
});

async function everyPage(q: ListQuery): Promise<{ names: string[]; total: number; pages: number }> {
  const names: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  let pages = 0;
  do {
    const p = await s.list({ ...q, limit: 2, ...(cursor ? { cursor } : {}) });
    pages += 1;
    if (total >= 0) expect(p.total, 'the total is the same on every page').toBe(total);
    total = p.total;
    names.push(...p.items.map((i) => i.requester));
    cursor = p.nextCursor ?? undefined;
  } while (cursor && pages < 50);
  return { names, total, pages };
}

const ALL = CASES.map((c) => c.name);
const without = (...names: string[]) => ALL.filter((n) => !names.includes(n));

describe('paged list filters in SQL (1 December 2026)', () => {
  it.each<[string, ListQuery, string[]]>([
    ['no filter', {}, ALL],
    ['open', { status: 'open' }, without('Émile Garçon', 'Hugo Blanc')],
    ['overdue', { status: 'overdue' }, ['Bruno Petit', 'Inès Faure']],
    ['due soon (the dashboard’s “due this week”)', { status: 'due-soon' }, ['Élodie Marchand']],
    ['extended', { status: 'extended' }, ['Denis Roux', 'Gaspard Noël']],
    ['on track', { status: 'on-track' }, ['Chloé Durand', 'Fanny Leroy']],
    ['closed', { status: 'closed' }, ['Émile Garçon', 'Hugo Blanc']],
    ['awaiting identity (open only)', { status: 'awaiting-identity' }, ['Chloé Durand']],
    ['extension notice due (limit not passed)', { status: 'extension-notice' }, ['Denis Roux']],
    ['target missed (no target set)', { status: 'target-missed' }, []],
    ['text without accents finds accented names', { text: 'elodie' }, ['Élodie Marchand']],
    ['text ignores case and accents both ways', { text: 'GARÇON' }, ['Émile Garçon']],
    ['text in the reference', { text: 'dsar-2026-0002' }, ['Bruno Petit']],
    ['text spanning reference and name', { text: '0003 chloe' }, ['Chloé Durand']],
    ['text with SQL wildcards matches them literally', { text: '%' }, []],
    ['text with an underscore matches it literally', { text: '_' }, []],
    ['right', { right: 'erasure' }, ['Fanny Leroy']],
    ['right and status', { right: 'access', status: 'overdue' }, ['Bruno Petit']],
    ['due in December 2026 (the calendar’s month)', { dueFrom: '2026-12-01', dueTo: '2026-12-31' }, ['Élodie Marchand', 'Chloé Durand', 'Fanny Leroy']],
    ['due on one day, bounds inclusive', { dueFrom: '2026-12-21', dueTo: '2026-12-21' }, ['Chloé Durand']],
    ['due from a day on', { dueFrom: '2027-01-01' }, ['Denis Roux', 'Gaspard Noël']],
    ['due up to a day', { dueTo: '2026-11-05', status: 'open' }, ['Inès Faure']],
    ['month and status', { dueFrom: '2026-12-01', dueTo: '2026-12-31', status: 'on-track' }, ['Chloé Durand', 'Fanny Leroy']],
    ['nothing matches', { text: 'personne inconnue' }, []],
  ])('%s', async (_label, q, expected) => {
    const full = await s.list(q);
    const paged = await everyPage(q);
    expect([...full.items.map((i) => i.requester)].sort()).toEqual([...expected].sort());
    expect(paged.names, 'pages in the same order as the full list').toEqual(full.items.map((i) => i.requester));
    expect(paged.total).toBe(expected.length);
    expect(full.total).toBe(expected.length);
    // Newest receipt first gives the same cases.
    expect((await everyPage({ ...q, sort: 'received' })).names).toEqual((await s.list({ ...q, sort: 'received' })).items.map((i) => i.requester));
  });

  it('each dashboard counter equals the total of the view it links to', async () => {
    const sum = await s.summary();
    const totalOf = async (status: ListQuery['status']) => (await s.list({ status, limit: 1 })).total;
    expect(await totalOf('open')).toBe(sum.open);
    expect(await totalOf('overdue')).toBe(sum.overdue);
    // « Due this week » links to the due-soon view.
    expect(await totalOf('due-soon')).toBe(sum.dueThisWeek);
    expect(await totalOf('awaiting-identity')).toBe(sum.awaitingIdentity);
    expect(await totalOf('extension-notice')).toBe(sum.extensionNoticesDue);
  });

  it('sorts open cases by due date, then closed by latest answer', async () => {
    const items = (await s.list({ limit: 100 })).items;
    const open = items.filter((i) => !i.closed);
    expect(open.map((i) => i.dueDate)).toEqual([...open.map((i) => i.dueDate)].sort());
    expect(items.slice(open.length).map((i) => i.requester)).toEqual(['Hugo Blanc', 'Émile Garçon']);
  });
});

describe('bad filters and cursors', () => {
  const fingerprint = () => {
    const raw = session.workspace.raw;
    return JSON.stringify([
      raw.prepare('SELECT count(*) AS n, max(seq) AS last FROM change_log').get(),
      raw.prepare('SELECT * FROM requests ORDER BY id').all(),
      raw.prepare('SELECT * FROM request_index ORDER BY request_id').all(),
      raw.prepare('SELECT * FROM meta ORDER BY key').all(),
    ]);
  };

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown status', { status: 'soon', limit: 10 }, /status/],
    ['a limit of 0', { limit: 0 }, /limit/],
    ['a limit over 1000', { limit: 5000 }, /limit/],
    ['a date not written YYYY-MM-DD', { dueFrom: '01/12/2026', limit: 10 }, /dueFrom: Use a date as YYYY-MM-DD/],
    ['a date that does not exist', { dueTo: '2026-02-30', limit: 10 }, /dueTo: "2026-02-30" is not a date/],
    ['a reversed range', { dueFrom: '2026-12-31', dueTo: '2026-12-01', limit: 10 }, /dueFrom \(2026-12-31\) is after dueTo \(2026-12-01\)/],
    ['a forged cursor', { limit: 10, cursor: 'not-a-cursor' }, /cursor is not one Vigie gave/],
    ['a cursor of the right shape but no sort order', { limit: 10, cursor: Buffer.from(JSON.stringify(['0x', 'DSAR-2026-0001'])).toString('base64url') }, /cursor is not one Vigie gave/],
    ['an unknown filter', { limit: 10, view: 'due-this-week' }, /Unrecognized key/],
  ])('refuses %s with invalid_input and changes nothing', async (_label, input, message) => {
    const dispatch = createRouter(createHandlers(session), { log: () => undefined });
    // Bring the index up to date first, so a refusal cannot hide behind a first-read rebuild.
    await s.list({ limit: 1 });
    const before = fingerprint();
    const r = await dispatch('requests.list', input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(message);
    }
    expect(fingerprint()).toBe(before);
  });

  it('refuses a cursor given for another sort order instead of skipping or repeating cases', async () => {
    const first = await s.list({ limit: 2, sort: 'received' });
    expect(first.nextCursor).not.toBeNull();
    await expect(s.list({ limit: 2, sort: 'deadline', cursor: first.nextCursor! })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/for this sort order/) });
    // The same cursor with its own order goes on from where it stopped.
    const second = await s.list({ limit: 2, sort: 'received', cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
  });
});

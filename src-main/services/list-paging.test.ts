import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../api/handlers';
import { createRouter } from '../api/router';
import { normalize } from '../domain/search';
import { NO_TOOL_CODES } from '../domain/vendors/warnings';
import { pageOf } from './paging';
import { PrefsStore } from './prefs';
import { RegisterService, type ActivitySummary, type RegisterListQuery } from './register';
import { Session } from './session';
import { VendorsService, type VendorListQuery, type VendorSummaryItem } from './vendors';

/**
 * Paging and filters of the vendor and activity lists (the renderer asks for pages of 100), on the
 * demo workspace: for each filter, the pages (3 a page, walking the cursors) give exactly the full
 * list's items in its order, the total counts every match, and the full list is exactly the
 * unfiltered list narrowed by the filter's rule.
 */
let session: Session;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-list-paging-'));
  session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'Paging test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
  await session.create({ path: 'paging.vigie', passphrase: 'list paging passphrase', demo: true });
}, 60_000);
afterAll(async () => {
  await session.close();
});

async function walk<T extends { id: string }>(read: (cursor?: string) => Promise<{ items: T[]; total: number; nextCursor: string | null }>) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const p = await read(cursor);
    expect(p.items.length).toBeLessThanOrEqual(3);
    totals.add(p.total);
    ids.push(...p.items.map((i) => i.id));
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  expect(totals.size, 'the same total on every page').toBe(1);
  return { ids, total: [...totals][0]! };
}

describe('register list: filters and pages', () => {
  const rule: Array<[string, RegisterListQuery, (a: ActivitySummary) => boolean]> = [
    ['everything', {}, () => true],
    ['processor register', { role: 'processor' }, (a) => a.role === 'processor'],
    ['controller register (joint controllers included)', { role: 'controller' }, (a) => a.role !== 'processor'],
    ['to fix (not retired, with errors or warnings)', { view: 'issues' }, (a) => a.status !== 'retired' && a.errors + a.warnings > 0],
    ['active', { view: 'active' }, (a) => a.status === 'active'],
    ['drafts', { view: 'draft' }, (a) => a.status === 'draft'],
    ['text in the reference (T-001 to T-009)', { text: 't-00' }, (a) => normalize(`${a.reference} ${a.name} ${a.owner}`).includes('t-00')],
    ['role and view', { role: 'controller', view: 'issues' }, (a) => a.role !== 'processor' && a.status !== 'retired' && a.errors + a.warnings > 0],
    ['nothing', { text: 'aucune activité de ce nom' }, () => false],
    ['chosen ids (a picker naming its choices; unknown ids ignored)', { ids: ['no-such-id'] }, () => false],
  ];
  it.each(rule)('%s', async (_label, q, keep) => {
    const s = new RegisterService(session.workspace);
    const everything = await s.list();
    expect(everything.items.length).toBeGreaterThan(5);
    const full = await s.list(q);
    expect(full.items.map((a) => a.id)).toEqual(everything.items.filter(keep).map((a) => a.id));
    expect(full.total).toBe(full.items.length);
    expect(full.nextCursor).toBeNull();
    // The register's score and counts stay those of the whole register.
    expect([full.score, full.counts]).toEqual([everything.score, everything.counts]);
    const paged = await walk((cursor) => s.list({ ...q, limit: 3, ...(cursor ? { cursor } : {}) }));
    expect(paged.ids).toEqual(full.items.map((a) => a.id));
    expect(paged.total).toBe(full.items.length);
  });

  it('names a picker’s chosen activities by id, whatever the other filters', async () => {
    const s = new RegisterService(session.workspace);
    const everything = (await s.list()).items;
    const chosen = [everything[4]!.id, everything[1]!.id, 'gone-id'];
    expect((await s.list({ ids: chosen, limit: 50 })).items.map((a) => a.id)).toEqual([everything[1]!.id, everything[4]!.id]);
    const v = new VendorsService(session.workspace);
    const vendors = (await v.list()).items;
    expect((await v.list({ ids: [vendors[2]!.id], limit: 50 })).items.map((x) => x.id)).toEqual([vendors[2]!.id]);
  });

  it('finds an activity by a word of its name typed without accents', async () => {
    const s = new RegisterService(session.workspace);
    const accented = (await s.list()).items.find((a) => normalize(a.name) !== a.name.toLowerCase());
    expect(accented, 'the demo has an activity with an accent in its name').toBeDefined();
    const word = normalize(accented!.name).split(' ').find((w) => w.length > 4 && !accented!.name.toLowerCase().includes(w))!;
    expect((await s.list({ text: word.toUpperCase(), limit: 100 })).items.map((a) => a.id)).toContain(accented!.id);
  });
});

describe('vendor list: filters and pages', () => {
  const rule: Array<[string, VendorListQuery, (v: VendorSummaryItem) => boolean]> = [
    ['everything', {}, () => true],
    ['with warnings', { view: 'warnings' }, (v) => v.errors + v.warnings > 0],
    ['review overdue', { view: 'review-overdue' }, (v) => v.warningCodes.includes('review_overdue')],
    ['transfer without a tool', { view: 'no-tool' }, (v) => v.warningCodes.some((c) => NO_TOOL_CODES.includes(c))],
    ['text in the country', { text: 'US' }, (v) => normalize(`${v.name} ${v.legalEntity} ${v.country}`).includes('us')],
    ['nothing', { text: 'aucun prestataire de ce nom' }, () => false],
  ];
  it.each(rule)('%s', async (_label, q, keep) => {
    const s = new VendorsService(session.workspace);
    const everything = await s.list();
    expect(everything.items.length).toBeGreaterThan(3);
    // Ordered by name as read (case and accents aside).
    const names = everything.items.map((v) => normalize(v.name));
    expect(names).toEqual([...names].sort());
    const full = await s.list(q);
    expect(full.items.map((v) => v.id)).toEqual(everything.items.filter(keep).map((v) => v.id));
    expect(full.total).toBe(full.items.length);
    const paged = await walk((cursor) => s.list({ ...q, limit: 3, ...(cursor ? { cursor } : {}) }));
    expect(paged.ids).toEqual(full.items.map((v) => v.id));
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ id: `id${i}`, k: String.fromCharCode(106 - i) }));
  it.each([
    [{ list: 'x' }, 10, null],
    [{ list: 'x', limit: 4 }, 4, 'more'],
    [{ list: 'x', limit: 10 }, 10, null],
    [{ list: 'x', limit: 11 }, 10, null],
  ] as const)('%o → %i items, next: %s', (opts, n, next) => {
    const p = pageOf(items, (i) => i.k, opts);
    expect(p.items).toHaveLength(n);
    expect(p.total).toBe(10);
    expect(p.nextCursor === null ? null : 'more').toBe(next);
    expect(p.items.map((i) => i.k)).toEqual([...p.items.map((i) => i.k)].sort());
  });

  it('gives every item exactly once while items are added between pages', () => {
    const live = [...items];
    const seen: string[] = [];
    let cursor: string | undefined;
    let n = 0;
    do {
      const p = pageOf(live, (i) => i.k, { list: 'x', limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor ?? undefined;
      live.push({ id: `new${n}`, k: `${String.fromCharCode(97 + ((n * 7) % 12))}${n}` });
      n++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const i of items) expect(seen).toContain(i.id);
  });
});

describe('bad list inputs are refused and change nothing', () => {
  const fingerprint = () => {
    const raw = session.workspace.raw;
    return JSON.stringify([raw.prepare('SELECT count(*) AS n, max(seq) AS last FROM change_log').get(), raw.prepare('SELECT id, updated_at FROM vendors ORDER BY id').all(), raw.prepare('SELECT id, updated_at FROM activities ORDER BY id').all()]);
  };
  it.each<[string, string, Record<string, unknown>, RegExp]>([
    ['an unknown vendor view', 'vendors.list', { view: 'late' }, /view/],
    ['an unknown register view', 'register.list', { view: 'retired' }, /view/],
    ['an unknown role', 'register.list', { role: 'joint' }, /role/],
    ['a limit of 0', 'vendors.list', { limit: 0 }, /limit/],
    ['a forged cursor', 'register.list', { limit: 5, cursor: 'abc' }, /cursor is not one Vigie gave for the register list/],
    ['a vendor cursor on the register', 'register.list', { limit: 5, cursor: Buffer.from(JSON.stringify(['vendors', 'a'])).toString('base64url') }, /for the register list/],
    ['a cursor without a limit', 'vendors.list', { cursor: Buffer.from(JSON.stringify(['vendors', 'a'])).toString('base64url') }, /A cursor goes with a limit/],
    ['an unknown key', 'vendors.list', { sort: 'name' }, /Unrecognized key/],
  ])('%s', async (_label, method, input, message) => {
    const dispatch = createRouter(createHandlers(session), { log: () => undefined });
    const before = fingerprint();
    const r = await dispatch(method, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(message);
    }
    expect(fingerprint()).toBe(before);
  });
});

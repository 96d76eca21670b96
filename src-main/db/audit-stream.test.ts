import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../services/demo';
import { Workspace } from '../services/workspace';
import { verifyAudit } from './audit';
import { isCanonical } from './audit-compare';
import { startAuditHasher } from '../jobs/audit-hasher';
import { checkEntries, type EntryHasher } from './audit-entry';
import { canonicalJson } from './canonical';

/**
 * The streamed replay of a full `audit verify` (db/audit-stream.ts) must give exactly the verdicts
 * of the keyed replay (every row's entries read through the index): on the demo workspace, with
 * its buffers forced to their limits, and for every tampering tried here.
 */
const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});

async function demo(): Promise<Workspace> {
  const ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-stream-')), 'w.vigie'), PASS, { actor: 'Test DPO' });
  open.push(ws);
  await seedDemoWorkspace(ws);
  // Later entries for rows written long before (key cells of an object column, a tombstone, a
  // restore, a plain column), so rows complete far from where their stored row is met.
  const acts = ws.raw.prepare('SELECT id FROM activities ORDER BY rowid').all() as Array<{ id: string }>;
  await ws.mutate(async (w) => {
    await w.write({ op: 'update', table: 'activities', id: acts[0]!.id, values: { owner: 'DAF' } });
    await w.write({ op: 'delete', table: 'activities', id: acts[1]!.id });
    await w.write({ op: 'restore', table: 'activities', id: acts[1]!.id });
    await w.write({ op: 'delete', table: 'activities', id: acts[2]!.id });
  });
  await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: { reference: 'T-900', name: 'Nouveau', role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: [{ text: 'x' }] } } }));
  await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: acts[3]!.id, values: { details: { ...(JSON.parse((ws.raw.prepare('SELECT details FROM activities WHERE id = ?').get(acts[3]!.id) as { details: string }).details) as object), dataSubjects: ['salariés'] } } }));
  return ws;
}

const LIMITS = [undefined, { waiting: 0, states: 0 }, { waiting: 1, states: 1 }, { waiting: 3, states: 2 }];

describe('streamed replay of a full audit verify', () => {
  it('passes the demo workspace on its own (no row left to the keyed replay), whatever the chunk and buffer sizes', async () => {
    const ws = await demo();
    const entries = (ws.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const rows = (ws.raw.prepare('SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM requests) + (SELECT count(*) FROM request_events) + (SELECT count(*) FROM breaches) + (SELECT count(*) FROM vendors) AS n').get() as { n: number }).n;
    expect(entries).toBeGreaterThan(50);
    const trace: Parameters<typeof verifyAudit>[1] extends infer O ? NonNullable<O extends { trace?: infer T } ? T : never> : never = {};
    expect(await verifyAudit(ws.db, { trace })).toMatchObject({ ok: true, entries });
    expect(trace).toMatchObject({ streamed: true, deferred: 0 });
    // Every row was compared once; rows of root cells only by text, the others by compareRow.
    expect(trace.compared).toBeGreaterThanOrEqual(rows);
    expect(trace.exact).toBeLessThan(trace.compared!);
    // Most rows (one insert entry each) by their entry's text alone (sameAsEntry).
    expect(trace.byEntry).toBeGreaterThan(trace.compared! / 2);
    for (const chunk of [1, 3, 64]) {
      for (const limits of LIMITS) {
        const t: typeof trace = {};
        expect(await verifyAudit(ws.db, { chunk, ...(limits ? { limits } : {}), trace: t }), `chunk ${chunk} ${JSON.stringify(limits)}`).toMatchObject({ ok: true, entries });
        expect(t.streamed, `chunk ${chunk} ${JSON.stringify(limits)}: ${t.problem}`).toBe(true);
        if (limits?.states === 0) expect(t.deferred).toBeGreaterThan(0);
      }
    }
  });

  it('the workspace\'s check (the command line\'s) hands its second thread through and records its check point', async () => {
    const ws = await demo();
    let started = 0;
    const counting = () => {
      started++;
      return startAuditHasher();
    };
    const report = await ws.verifyAudit('full', { hasher: counting, hasherMinEntries: 0 });
    expect(report).toMatchObject({ ok: true, scope: 'full' });
    expect(started).toBe(1);
    expect(await ws.auditCheckpoint()).toEqual(report.checkpoint);
    // Without a hasher (tests, the quick check) nothing is started and the verdict is the same.
    expect(await ws.verifyAudit('full')).toMatchObject({ ok: true, entries: report.entries });
    expect(started).toBe(1);
  });

  it('with the second thread: the same answers, and the same when that thread fails or is missing', async () => {
    const ws = await demo();
    const trace: NonNullable<Parameters<typeof verifyAudit>[1]>['trace'] = {};
    let started = 0;
    const counting = () => {
      started++;
      return startAuditHasher();
    };
    // (Rows compared there too: limits.share.)
    expect(await verifyAudit(ws.db, { chunk: 16, hasher: counting, hasherMinEntries: 0, limits: { share: 2 }, trace })).toMatchObject({ ok: true });
    expect(started).toBe(1);
    expect(trace).toMatchObject({ streamed: true });
    // Rows of one insert entry compared by text, with the members the second thread found.
    const spanned: typeof trace = {};
    expect(await verifyAudit(ws.db, { chunk: 16, hasher: startAuditHasher, hasherMinEntries: 0, trace: spanned })).toMatchObject({ ok: true });
    expect(spanned.byEntry).toBeGreaterThan(spanned.compared! / 2);
    // Below the threshold no thread is started.
    expect(await verifyAudit(ws.db, { hasher: counting })).toMatchObject({ ok: true });
    expect(started).toBe(1);
    // A thread that fails every request: everything is checked here instead.
    const failing: EntryHasher = { check: () => Promise.reject(new Error('boom')), same: () => Promise.reject(new Error('boom')), holds: () => false, close: () => undefined };
    expect(await verifyAudit(ws.db, { chunk: 16, hasher: () => failing, hasherMinEntries: 0, limits: { share: 2 } })).toMatchObject({ ok: true });
    // Rows sent by seq that the thread no longer holds (a wrong `holds`): compared here instead.
    const real = startAuditHasher()!;
    const lying: EntryHasher = { check: (e) => real.check(e), same: (t, r) => real.same(t, r), holds: () => true, close: () => real.close() };
    const lyingTrace: typeof trace = {};
    expect(await verifyAudit(ws.db, { chunk: 4, hasher: () => lying, hasherMinEntries: 0, limits: { share: 2 }, trace: lyingTrace })).toMatchObject({ ok: true });
    expect(lyingTrace).toMatchObject({ streamed: true });
    expect(lyingTrace.exact).toBeGreaterThan(trace.exact!);
    ws.raw.prepare(`UPDATE change_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 40`).run();
    const keyed = await verifyAudit(ws.db, { chunk: 16 });
    expect(keyed).toMatchObject({ ok: false, firstBroken: { seq: 40, reason: expect.stringMatching(/hash mismatch/) } });
    expect(await verifyAudit(ws.db, { chunk: 16, hasher: () => failing, hasherMinEntries: 0, limits: { share: 2 } })).toEqual(keyed);
    expect(await verifyAudit(ws.db, { chunk: 16, hasher: startAuditHasher, hasherMinEntries: 0 })).toEqual(keyed);
    // A thread answering as checkEntries does, from another event-loop turn.
    const inThread: EntryHasher = { check: async (e) => checkEntries(e), same: () => Promise.reject(new Error('not here')), holds: () => false, close: () => undefined };
    expect(await verifyAudit(ws.db, { chunk: 16, hasher: () => inThread, hasherMinEntries: 0 })).toEqual(keyed);
  });

  it('shares the entries\' checks with a second thread that falls behind: some chunks there, the others here, the same answers', async () => {
    const ws = await demo();
    const entries = (ws.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    let sent = 0;
    // Answers each batch a few milliseconds later: the next chunk is read before it comes back.
    const slow: EntryHasher = {
      check: (e) => {
        sent++;
        return new Promise((resolve) => setTimeout(() => resolve(checkEntries(e)), 5));
      },
      same: () => Promise.reject(new Error('not here')),
      holds: () => false,
      close: () => undefined,
    };
    const chunk = 8;
    expect(await verifyAudit(ws.db, { chunk, hasher: () => slow, hasherMinEntries: 0 })).toMatchObject({ ok: true, entries });
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(Math.ceil(entries / chunk));
    for (const seq of [5, 40, entries - 1]) {
      ws.raw.prepare(`UPDATE change_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = ?`).run(seq);
      const keyed = await verifyAudit(ws.db, { chunk, stream: false });
      expect(keyed).toMatchObject({ ok: false, firstBroken: { seq: Math.min(seq, 5), reason: expect.stringMatching(/hash mismatch/) } });
      expect(await verifyAudit(ws.db, { chunk, hasher: () => slow, hasherMinEntries: 0 })).toEqual(keyed);
    }
  });

  /** Each tampering, then the same report from the stream (any sizes) and from the keyed replay alone. */
  const TAMPERINGS: Array<[string, (ws: Workspace) => void]> = [
    ['a plain column', (ws) => ws.raw.prepare(`UPDATE activities SET owner = 'forged' WHERE rowid = (SELECT max(rowid) FROM activities)`).run()],
    ['a JSON column, same value in another key order', (ws) => {
      const r = ws.raw.prepare(`SELECT id, details FROM requests_rows ORDER BY __vigie_rowid LIMIT 1`).get() as { id: string; details: string };
      const obj = JSON.parse(r.details) as Record<string, unknown>;
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      ws.raw.prepare(`UPDATE requests SET details = ? WHERE id = ?`).run(JSON.stringify(reversed), r.id);
    }],
    ['a JSON column with white space', (ws) => ws.raw.prepare(`UPDATE breaches SET details = details || ' ' WHERE rowid = (SELECT min(rowid) FROM breaches)`).run()],
    ['a derived column', (ws) => ws.raw.prepare(`UPDATE requests SET outcome = 'refused' WHERE id = (SELECT id FROM requests_store WHERE outcome IS NOT 'refused' ORDER BY rowid LIMIT 1)`).run()],
    ['created_at', (ws) => ws.raw.prepare(`UPDATE request_events SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = (SELECT id FROM request_events_store ORDER BY rowid LIMIT 1)`).run()],
    ['hlc of a row with later entries', (ws) => ws.raw.prepare(`UPDATE activities SET hlc = '0' || hlc WHERE rowid = (SELECT min(rowid) FROM activities)`).run()],
    ['a tombstone removed', (ws) => ws.raw.prepare(`UPDATE activities SET deleted_at = NULL WHERE deleted_at IS NOT NULL`).run()],
    ['a text column given a number', (ws) => ws.raw.prepare(`UPDATE request_events SET summary = 42 WHERE id = (SELECT id FROM request_events_store ORDER BY rowid DESC LIMIT 1)`).run()],
    ['a column never written given a value', (ws) => ws.raw.prepare(`UPDATE requests SET jurisdiction = 'FR' WHERE id = (SELECT id FROM requests_store WHERE jurisdiction IS NULL ORDER BY rowid LIMIT 1)`).run()],
    ['a row added', (ws) => ws.raw.prepare(`INSERT INTO request_events SELECT id || 'X', created_at, updated_at, deleted_at, hlc, request_id, occurred_on, kind, direction, summary, attachment_id FROM request_events_rows ORDER BY __vigie_rowid LIMIT 1`).run()],
    ['a row removed', (ws) => ws.raw.prepare(`DELETE FROM request_events WHERE id = (SELECT id FROM request_events_store ORDER BY rowid DESC LIMIT 1)`).run()],
    ['a row removed and another added in its place', (ws) => {
      const r = ws.raw.prepare(`SELECT id FROM breaches ORDER BY rowid LIMIT 1`).get() as { id: string };
      // (Ids are random: the last character is changed to one it is not, or the id would stay the same.)
      const last = r.id.endsWith('Z') ? 'Y' : 'Z';
      ws.raw.prepare(`UPDATE breaches SET id = ? WHERE id = ?`).run(`${r.id.slice(0, -1)}${last}`, r.id);
    }],
    ['two rows swapping ids', (ws) => {
      const [a, b] = ws.raw.prepare(`SELECT id FROM vendors ORDER BY rowid LIMIT 2`).all() as Array<{ id: string }>;
      ws.raw.prepare(`UPDATE vendors SET id = 'tmp' WHERE id = ?`).run(a!.id);
      ws.raw.prepare(`UPDATE vendors SET id = ? WHERE id = ?`).run(a!.id, b!.id);
      ws.raw.prepare(`UPDATE vendors SET id = ? WHERE id = 'tmp'`).run(b!.id);
    }],
    // Aimed at the text comparison of rows of one insert entry (audit-compare.ts sameAsEntry).
    ['a number column changed by one (a row of one entry)', (ws) => ws.raw.prepare(`UPDATE response_targets SET days = days + 1 WHERE rowid = (SELECT min(rowid) FROM response_targets)`).run()],
    ['a number in a JSON column written another way (a row of one entry)', (ws) => {
      const rows = ws.raw.prepare(`SELECT id, details FROM breaches ORDER BY rowid`).all() as Array<{ id: string; details: string }>;
      const r = rows.find((x) => /"[A-Za-z]+":[1-9][0-9]*[,}]/.test(x.details))!;
      ws.raw.prepare(`UPDATE breaches SET details = ? WHERE id = ?`).run(r.details.replace(/("[A-Za-z]+":[1-9][0-9]*)([,}])/, '$1.0$2'), r.id);
    }],
    ['a string changed by one character (a row of one entry)', (ws) => ws.raw.prepare(`UPDATE request_events SET summary = substr(summary, 1, length(summary) - 1) || char(unicode(substr(summary, -1)) + 1) WHERE id = (SELECT id FROM request_events_store ORDER BY rowid LIMIT 1)`).run()],
    ['a JSON column re-spaced (a row of one entry)', (ws) => {
      const r = ws.raw.prepare(`SELECT id, details FROM requests_rows ORDER BY __vigie_rowid DESC LIMIT 1`).get() as { id: string; details: string };
      ws.raw.prepare(`UPDATE requests SET details = ? WHERE id = ?`).run(r.details.replace(':', ': '), r.id);
    }],
    ['a text column given the JSON text of its value (a row of one entry)', (ws) => ws.raw.prepare(`UPDATE request_events SET kind = json_quote(kind) WHERE id = (SELECT id FROM request_events_store ORDER BY rowid LIMIT 1 OFFSET 1)`).run()],
    ['a row added at the lowest rowid of a stored table', (ws) => ws.raw.prepare(`INSERT INTO request_events_store (rowid, id, created_at, updated_at, deleted_at, hlc, hlc_at, hlc_device, request_id, occurred_on, kind, direction, summary, attachment_id) SELECT -9223372036854775808, id || 'Y', created_at, updated_at, deleted_at, hlc, hlc_at, hlc_device, request_id, occurred_on, kind, direction, summary, attachment_id FROM request_events_store ORDER BY rowid LIMIT 1`).run()],
    ['rows stored in another order (same values)', (ws) => {
      ws.raw.exec(`CREATE TEMP TABLE t AS SELECT * FROM request_events ORDER BY id DESC; DELETE FROM request_events; INSERT INTO request_events SELECT * FROM t; DROP TABLE t;`);
    }],
  ];

  for (const [name, tamper] of TAMPERINGS) {
    it(`gives the keyed replay's report: ${name}`, async () => {
      const ws = await demo();
      tamper(ws);
      let keyed;
      // (The keyed replay reads rows in id ranges of `chunk` rows: which problem it names first depends on it.)
      for (const chunk of [2, 1000]) {
        keyed = await verifyAudit(ws.db, { stream: false, chunk });
        for (const limits of LIMITS) expect(await verifyAudit(ws.db, { chunk, ...(limits ? { limits } : {}) }), `chunk ${chunk} ${JSON.stringify(limits)}`).toEqual(keyed);
        // With the second thread checking entries and comparing rows.
        expect(await verifyAudit(ws.db, { chunk, hasher: startAuditHasher, hasherMinEntries: 0 }), `chunk ${chunk}, second thread`).toEqual(keyed);
        expect(await verifyAudit(ws.db, { chunk, hasher: startAuditHasher, hasherMinEntries: 0, limits: { share: 2 } }), `chunk ${chunk}, second thread comparing rows`).toEqual(keyed);
      }
      keyed = keyed!;
      if (name === 'rows stored in another order (same values)') expect(keyed.ok).toBe(true);
      else expect(keyed.ok).toBe(false);
    });
  }
});

describe('streamed replay: rowids beyond 2^53', () => {
  it('a row moved to rowid 2^63 − 2 and an unlogged row added at 2^63 − 1 are found, as the keyed replay finds them', async () => {
    // The first is read rounded to 2^63; a keyset bound "rowid > 2^63" would pass over the second.
    const ws = await demo();
    const r = ws.raw.prepare(`SELECT id FROM activities ORDER BY rowid DESC LIMIT 1`).get() as { id: string };
    ws.raw.prepare(`UPDATE activities SET rowid = 9223372036854775806 WHERE id = ?`).run(r.id);
    ws.raw
      .prepare(
        `INSERT INTO activities (rowid, id, created_at, updated_at, deleted_at, hlc, reference, name, role, status, owner, review_date, details) SELECT 9223372036854775807, id || 'X', created_at, updated_at, deleted_at, hlc, reference || 'X', name, role, status, owner, review_date, details FROM activities WHERE id = ?`,
      )
      .run(r.id);
    for (const chunk of [1, 2, 1000]) {
      const keyed = await verifyAudit(ws.db, { stream: false, chunk });
      expect(keyed.ok).toBe(false);
      expect(await verifyAudit(ws.db, { chunk }), `chunk ${chunk}`).toEqual(keyed);
      expect(await verifyAudit(ws.db, { chunk, hasher: startAuditHasher, hasherMinEntries: 0 }), `chunk ${chunk}, second thread`).toEqual(keyed);
    }
  });
});

describe('isCanonical: a JSON text is compared as text only when it is what canonicalJson writes', () => {
  it('agrees with canonicalJson(JSON.parse(text)) === text on random values written in random key orders and spacing', () => {
    const shuffled = (v: unknown, order: number[]): unknown => {
      if (Array.isArray(v)) return v.map((x) => shuffled(x, order));
      if (v && typeof v === 'object') {
        const keys = Object.keys(v);
        const ks = keys.map((k, i) => [k, order[i % order.length]!] as const).sort((a, b) => a[1] - b[1]).map(([k]) => k);
        return Object.fromEntries(ks.map((k) => [k, shuffled((v as Record<string, unknown>)[k], order)]));
      }
      return v;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.integer(), { minLength: 1, maxLength: 5 }), fc.constantFrom(0, 1, 2), (v, order, how) => {
        const text = how === 0 ? canonicalJson(v) : how === 1 ? JSON.stringify(shuffled(v, order)) : JSON.stringify(v, null, 1);
        const parsed = JSON.parse(text) as unknown;
        expect(isCanonical(text, parsed)).toBe(canonicalJson(parsed) === text);
      }),
      { numRuns: 2000 },
    );
    // Integer-like keys come first whatever the order written; others sort as strings.
    for (const t of ['{"1":0,"10":0,"2":0}', '{"2":0,"10":0,"a":0}', '{"a":0,"2":0}', '{"b":{"y":1,"x":2},"a":0}', '{"-1":0,"1":0}', '{"01":0,"1":0}', '{"4294967295":0,"4294967294":0}', '{"e":1e21,"f":1.0}', '["\\u00e9","\\u0007"]', '{"a":"\\/"}'])
      expect(isCanonical(t, JSON.parse(t)), t).toBe(canonicalJson(JSON.parse(t)) === t);
  });
});

describe('cancel and progress', () => {
  it('reports its step, and a checkpoint that throws ends the check there (between chunks)', async () => {
    const ws = await demo();
    const steps: string[] = [];
    let calls = 0;
    const stop = new Error('cancelled');
    await expect(verifyAudit(ws.db, { chunk: 10, progress: (s) => steps.push(s), checkpoint: () => {
      if (++calls === 3) throw stop;
    } })).rejects.toBe(stop);
    expect(steps).toEqual(['checking the change log (audit verify)']);
    expect(calls).toBe(3);
    // Not cancelled: one checkpoint per chunk of the walk at least.
    calls = 0;
    const entries = (ws.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(await verifyAudit(ws.db, { chunk: 10, checkpoint: () => void calls++ })).toMatchObject({ ok: true });
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(entries / 10));
  });
});

describe('the streamed replay without its index', () => {
  it('leaves the check to the keyed replay when change_log_row is gone (same report)', async () => {
    const ws = await demo();
    ws.raw.exec('DROP INDEX change_log_row');
    const trace: NonNullable<Parameters<typeof verifyAudit>[1]>['trace'] = {};
    const r = await verifyAudit(ws.db, { trace });
    expect(trace).toMatchObject({ streamed: false, problem: expect.stringMatching(/index/) });
    expect(r).toEqual(await verifyAudit(ws.db, { stream: false }));
  });
});

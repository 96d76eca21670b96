import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../services/demo';
import { Workspace } from '../services/workspace';
import { decodeRows, logReader, rowsSource } from './audit-read';
import { atOfStamp, deviceOfStamp } from './log-store';
import { sql } from 'kysely';
import { verifyAudit } from './audit';

/**
 * audit verify reads the log from its stored form (db/audit-read.ts): every entry must be the
 * `change_log` view's, value for value, for entries as Vigie writes them and for stored forms
 * altered outside Vigie (whose verdicts must not move).
 */
const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});

async function demo(): Promise<Workspace> {
  const ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-read-')), 'w.vigie'), PASS, { actor: 'Test DPO' });
  open.push(ws);
  await seedDemoWorkspace(ws);
  return ws;
}

async function readAll(ws: Workspace, limit: number): Promise<unknown[]> {
  const reader = await logReader(ws.db);
  const out: unknown[] = [];
  let after = 0;
  for (;;) {
    const rows = await reader.after(after, limit);
    if (!rows.length) return out;
    out.push(...rows);
    after = rows[rows.length - 1]!.seq;
  }
}

const viewRows = (ws: Workspace) => ws.raw.prepare('SELECT * FROM change_log ORDER BY seq').all();

describe('the log as audit verify reads it from its stored form', () => {
  it('gives the view\'s rows on the demo workspace, in any chunk size', async () => {
    const ws = await demo();
    const view = viewRows(ws);
    expect(view.length).toBeGreaterThan(50);
    // Coded fields and stamps standing for device and time are there to decode.
    expect((ws.raw.prepare(`SELECT count(*) AS n FROM change_log_store WHERE at IS NULL AND device_id IS NULL`).get() as { n: number }).n).toBeGreaterThan(0);
    expect((ws.raw.prepare(`SELECT count(*) AS n FROM change_log_store WHERE substr(fields, 1, 1) = char(31)`).get() as { n: number }).n).toBeGreaterThan(0);
    for (const limit of [1, 7, 100_000]) expect(await readAll(ws, limit)).toEqual(view);
  });

  it('gives the view\'s rows for stored forms altered outside Vigie, and verify\'s reports do not move', async () => {
    const ws = await demo();
    const before = await verifyAudit(ws.db);
    expect(before.ok).toBe(true);
    const seqs = (ws.raw.prepare('SELECT seq FROM change_log_store ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    const set = (sql: string, i: number, ...args: unknown[]) => ws.raw.prepare(`UPDATE change_log_store SET ${sql} WHERE seq = ?`).run(...args, seqs[i]!);
    set(`at = NULL, device_id = NULL, hlc = 'é' || hlc`, 3); // not ASCII
    set(`at = NULL, hlc = 'x' || hlc`, 5); // no 13 digits
    set(`at = NULL, device_id = NULL, hlc = '123'`, 6); // short
    set(`at = NULL, device_id = NULL, hlc = '1234567890123'`, 7); // no device part
    set(`at = NULL, device_id = NULL, hlc = '12345678901234-5'`, 8);
    set(`device_id = NULL, hlc = 'ab'`, 9);
    set(`fields = x'00' || CAST(fields AS BLOB)`, 10); // raw codec
    set(`fields = x'01abcdef'`, 11); // deflate that does not inflate
    set(`fields = x'07'`, 12); // unknown codec
    set(`fields = x''`, 13);
    set(`fields = 42`, 14);
    set(`fields = 4.5`, 15);
    set(`fields = ''`, 16);
    set(`fields = char(31) || 'garbage' || char(2)`, 17);
    set(`fields = char(9) || fields`, 18);
    set(`salt = 'not hex', hash = upper(hex(hash)), prev_hash = 'x'`, 19);
    set(`salt = x'0102', hash = x'00'`, 20);
    const view = viewRows(ws);
    for (const limit of [1, 4, 100_000]) expect(await readAll(ws, limit)).toEqual(view);
    // The view's own reading (the keyed replay) and this one give the same report.
    expect(await verifyAudit(ws.db)).toEqual(await verifyAudit(ws.db, { stream: false }));
  });

  it('rebuilds device and time from a stamp exactly as the view does (random stamps)', async () => {
    const ws = await demo();
    const st = ws.raw.prepare(`SELECT substr(@h, 15 + instr(substr(@h, 15), '-')) AS device, strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(@h, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') AS at`);
    const stamp = fc.tuple(fc.integer({ min: 0, max: 9_999_999_999_999 }), fc.string({ unit: fc.constantFrom('-', '0', '9', 'a', 'Z', '_'), maxLength: 30 })).map(([ms, rest]) => `${String(ms).padStart(13, '0')}${rest}`);
    fc.assert(
      fc.property(stamp, (hlc) => {
        const sqlSide = st.get({ h: hlc }) as { device: string; at: string };
        expect(deviceOfStamp(hlc)).toBe(sqlSide.device);
        expect(atOfStamp(hlc)).toBe(sqlSide.at);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('stored tables as audit verify reads them (coded columns decoded here, not by the rows view)', () => {
  const viewOf = (ws: Workspace, rows: string) => ws.raw.prepare(`SELECT * FROM ${rows} ORDER BY __vigie_rowid`).all();
  const read = async (ws: Workspace, rows: string, store: string) => {
    const src = (await rowsSource(ws.db, rows, store))!;
    expect(src.coded.length).toBeGreaterThan(0);
    const out = (await sql<Record<string, unknown>>`SELECT ${src.columns} FROM ${src.from} ORDER BY r.__vigie_rowid`.execute(ws.db)).rows;
    decodeRows(out, src.coded);
    return out;
  };

  it('gives the rows view\'s rows, column for column and in its column order, for stored forms as written and altered outside Vigie', async () => {
    const ws = await demo();
    for (const [rows, store, col] of [['requests_rows', 'requests_store', 'details'], ['request_events_rows', 'request_events_store', 'summary']] as const) {
      const ids = (ws.raw.prepare(`SELECT rowid AS r FROM ${store} ORDER BY rowid`).all() as Array<{ r: number }>).map((x) => x.r);
      expect(ids.length).toBeGreaterThan(3);
      const first = await read(ws, rows, store);
      expect(first).toEqual(viewOf(ws, rows));
      expect(first.map((r) => Object.keys(r))).toEqual(viewOf(ws, rows).map((r) => Object.keys(r as object)));
      // Stored values of every kind, coded or not, readable or not.
      const forms: unknown[] = ['', ' ', 'plain text', '\u001e', '\u001e\u0020rest', '\u001e\u007frest', '\u001f', '\u001f\u0001\u0020x', '\u0001', Buffer.from([0]), Buffer.from([1, 2, 3]), Buffer.from([0, 0x41, 0x42]), 42, 4.5, null];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...forms), fc.nat(ids.length - 1), async (form, i) => {
          try {
            ws.raw.prepare(`UPDATE ${store} SET ${col} = ? WHERE rowid = ?`).run(form, ids[i]!);
          } catch {
            return; // refused by the table (a NOT NULL column)
          }
          expect(await read(ws, rows, store)).toEqual(viewOf(ws, rows));
        }),
        { numRuns: 40 },
      );
    }
  });
});

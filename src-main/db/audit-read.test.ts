import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../services/demo';
import { Workspace } from '../services/workspace';
import { atOfStamp, deviceOfStamp, logReader } from './audit-read';
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

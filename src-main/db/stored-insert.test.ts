import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../services/demo';
import { Workspace } from '../services/workspace';
import { verifyAudit } from './audit';
import { ROW_PHRASES_V1 } from './row-store';
import { insertStored } from './stored-insert';
import { prepared } from './write';

/**
 * The write path stores a new case or event straight into its store (db/stored-insert.ts): the
 * stored row must be the one the view's INSTEAD OF INSERT trigger (migration 0015) stores for the
 * same values, byte for byte, and a row of any other shape must be left to the trigger.
 */
const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});

async function demo(): Promise<Workspace> {
  const ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-stored-insert-')), 'w.vigie'), PASS, { actor: 'Test DPO' });
  open.push(ws);
  await seedDemoWorkspace(ws);
  return ws;
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...ROW_PHRASES_V1).chain((p) => fc.string({ maxLength: 20 }).map((rest) => p + rest)),
  fc.string({ unit: 'grapheme', minLength: 2100, maxLength: 2600 }),
  fc.constantFrom('', '\u001e', '\u001f', '\u001e\u0020x', 'x'.repeat(3000)),
);
const device = fc.oneof(fc.constant('a1b2c3d4e5f60718'), fc.string({ minLength: 1, maxLength: 20 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }));
const stamp = fc
  .tuple(fc.integer({ min: 0, max: 9_999_999_999_999 }), fc.integer({ min: 0, max: 0xffff }), device)
  .map(([ms, n, d]) => ({ ms, hlc: `${String(ms).padStart(13, '0')}-${n.toString(16).padStart(4, '0')}-${d}` }));
const instant = (ms: number) => new Date(ms).toISOString();

describe('a new case or event written straight into its store', () => {
  it('stores what the view’s INSERT trigger stores for the same values (random cases and events)', async () => {
    const ws = await demo();
    const raw = ws.raw;
    const parent = (raw.prepare('SELECT id FROM requests_store LIMIT 1').get() as { id: string }).id;
    const columnsOf = (store: string) => (raw.prepare(`SELECT name FROM pragma_table_info('${store}')`).all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'id');
    const storedRow = (store: string, id: string) => {
      const r = raw.prepare(`SELECT ${columnsOf(store).join(', ')} FROM ${store} WHERE id = ?`).get(id) as Record<string, unknown>;
      expect(r).toBeDefined();
      return r;
    };
    let n = 0;
    const both = (table: 'requests' | 'request_events', row: Record<string, unknown>) => {
      const direct = { ...row, id: `D${++n}` };
      const viaView = { ...row, id: `V${n}` };
      expect(insertStored(raw, prepared, table, direct)).toBe(true);
      const cols = Object.keys(viaView);
      raw.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(cols.map((c) => viaView[c]));
      const store = `${table}_store`;
      expect(storedRow(store, direct.id)).toEqual(storedRow(store, viaView.id));
      // And the view reads back what was written.
      const back = raw.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(direct.id) as Record<string, unknown>;
      for (const c of cols) expect(back[c]).toEqual(direct[c]);
    };
    const stamps = fc.tuple(stamp, fc.nat(2), fc.nat(2)).map(([s, c, u]) => ({
      hlc: s.hlc,
      created_at: c === 0 ? instant(s.ms) : c === 1 ? '2026-01-02T03:04:05.006Z' : instant(s.ms + 1),
      updated_at: u === 0 ? instant(s.ms) : u === 1 ? '2026-01-02T03:04:05.006Z' : `${instant(s.ms)} `,
    }));
    fc.assert(
      fc.property(stamps, text, fc.option(text), fc.option(fc.constant('2026-05-01T00:00:00.000Z')), fc.constantFrom('email', 'letter', 'web'), (s, details, jurisdiction, deletedAt, channel) => {
        both('requests', { ...s, deleted_at: deletedAt, reference: `R-${n}`, requester_name: 'Jeanne', rights: '["access"]', channel, received_on: '2026-03-01', jurisdiction, details });
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(stamps, text, fc.option(fc.string({ maxLength: 10 })), (s, summary, attachment) => {
        both('request_events', { ...s, deleted_at: null, request_id: parent, occurred_on: '2026-03-02', kind: 'note', direction: 'internal', summary, attachment_id: attachment });
      }),
      { numRuns: 150 },
    );
  });

  it('leaves any other row to the trigger, writing nothing', async () => {
    const ws = await demo();
    const raw = ws.raw;
    const count = () => (raw.prepare('SELECT (SELECT count(*) FROM requests_store) + (SELECT count(*) FROM row_devices) AS n').get() as { n: number }).n;
    const before = count();
    const good = { id: 'X1', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null, hlc: '1767225600000-0000-newdevice', reference: 'R', requester_name: 'J', rights: '[]', channel: 'email', received_on: '2026-01-01', details: '{}' };
    for (const odd of [
      { hlc: '1767225600000-0000-' }, // no device
      { hlc: '1767225600000-00AF-dev' }, // upper-case counter
      { hlc: 'x767225600000-0000-dev' },
      { hlc: null },
      { created_at: null },
      { updated_at: 5 },
      { details: 42 },
      { unknown_column: 'x' },
    ]) {
      expect(insertStored(raw, prepared, 'requests', { ...good, ...odd })).toBe(false);
    }
    expect(insertStored(raw, prepared, 'activities', good)).toBe(false);
    expect(count()).toBe(before);
  });

  it('writes cases through the services that verify as before', async () => {
    const ws = await demo();
    expect((await verifyAudit(ws.db)).ok).toBe(true);
    // The demo's cases and events were written straight into their stores.
    expect((ws.raw.prepare('SELECT count(*) AS n FROM requests_store WHERE hlc IS NULL AND created_at IS NULL').get() as { n: number }).n).toBeGreaterThan(0);
  });
});

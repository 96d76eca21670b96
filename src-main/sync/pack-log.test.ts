import { describe, expect, it } from 'vitest';
import { logReader, packLog, unpackLog } from './pack-log';

const entry = (i: number, over: Record<string, unknown> = {}) => ({
  id: `E${i}`,
  table_name: 'activities',
  row_id: `R${i % 7}`,
  op: 'update',
  fields: `{"name":"Traitement n° ${i} — « données » ’"}`,
  field_digests: '{}',
  salt: i % 3 ? 'ab'.repeat(16) : null,
  cell_salts: i % 3 ? null : '{"name":"x"}',
  hlc: `00000000000${i}-0000-D1`,
  device_id: 'D1',
  device_seq: i + 1,
  tx_id: `T${Math.floor(i / 4)}`,
  schema_version: 17,
  format: 3,
  actor: 'Zoé',
  at: '2026-12-03T10:00:00.000Z',
  reason: i % 5 ? null : 'raison',
  prev_hash: '0'.repeat(64),
  hash: 'f'.repeat(64),
  ...over,
});

describe('packLog / unpackLog', () => {
  it('gives back every entry exactly, across texts, a slice at a time', async () => {
    const entries = Array.from({ length: 25_003 }, (_, i) => entry(i, i === 12 ? { fields: '' } : {}));
    const p = packLog(entries)!;
    expect(p.texts.length).toBe(3);
    expect(await unpackLog(p, 777)).toEqual(entries);
    const r = logReader(p);
    expect(r.next(2)).toEqual(entries.slice(0, 2));
    expect(r.next(10_000)).toEqual(entries.slice(2, 10_002));
  });
  it.each([
    ['an extra key', { extra: 1 }],
    ['a number as text', { device_seq: '5' }],
    ['a null where none may be', { hash: null }],
    ['an object value', { fields: { a: 1 } }],
  ])('refuses to pack entries with %s (they travel as they are)', (_what, over) => {
    expect(packLog([entry(0), entry(1, over)])).toBeUndefined();
  });
  it('refuses a missing key and a non-object', () => {
    const { hash: _h, ...missing } = entry(1);
    expect(packLog([entry(0), missing])).toBeUndefined();
    expect(packLog([entry(0), null])).toBeUndefined();
    expect(packLog([entry(0), []])).toBeUndefined();
  });
});

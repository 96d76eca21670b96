import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { cellDigest, cellSalt, checkCells, entryHashInputV3 } from './log-format';

const entry = (over: Record<string, unknown> = {}) => ({
  id: '01JEXAMPLE00000000000000AB',
  table_name: 'requests',
  row_id: 'R1',
  op: 'update' as const,
  field_digests: canonicalJson({ 'details.identity': 'ab'.repeat(32), '@base': { 'details.identity': '' } }),
  hlc: '1764633600000-0001-DEV1',
  device_id: 'DEV1',
  device_seq: 12,
  tx_id: 'TX1',
  schema_version: 9,
  format: 3,
  actor: 'Camille « DPO » Martin\u00a0\u2028',
  at: '2026-12-01T10:00:00.000Z',
  reason: null as string | null,
  prev_hash: '0'.repeat(64),
  ...over,
});

describe('format 3 hash input', () => {
  it.each([[{}], [{ reason: 'erasure request "Art. 17"' }], [{ op: 'purge', actor: 'x\\y' }]])('the fast text equals the canonical JSON of the body (%j)', (over) => {
    const e = entry(over);
    const body = { v: 3, id: e.id, table: e.table_name, row: e.row_id, op: e.op, digests: JSON.parse(e.field_digests), hlc: e.hlc, device: e.device_id, dseq: e.device_seq, tx: e.tx_id, schema: e.schema_version, actor: e.actor, at: e.at, reason: e.reason };
    expect(entryHashInputV3(e)).toBe(`${e.prev_hash}\n${canonicalJson(body)}`);
  });
});

describe('cells of a format 3 entry', () => {
  const salt = 'cd'.repeat(16);
  const fields = { owner: 'RH', 'details.notes': { v: 'x' } };
  const digests = Object.fromEntries(Object.entries(fields).map(([c, v]) => [c, cellDigest(cellSalt(salt, c), c, v)]));
  it('accepts values that match their digests and reports forgotten ones', () => {
    expect(checkCells({ fields: canonicalJson(fields), field_digests: canonicalJson(digests), salt, cell_salts: null })).toMatchObject({ problem: null, missing: [] });
    const kept = { owner: cellSalt(salt, 'owner') };
    expect(checkCells({ fields: canonicalJson({ owner: 'RH' }), field_digests: canonicalJson(digests), salt: null, cell_salts: canonicalJson(kept) })).toMatchObject({ problem: null, missing: ['details.notes'] });
  });
  it.each([
    ['an altered value', { fields: canonicalJson({ ...fields, owner: 'DG' }), salt }, /“owner” was altered/],
    ['a value without its salt', { fields: canonicalJson(fields), salt: null }, /salt was removed/],
    ['a field the digests do not name', { fields: canonicalJson({ ...fields, extra: 1 }), salt }, /changed fields were altered/],
    ['unreadable fields', { fields: '{', salt }, /unreadable/],
  ])('refuses %s', (_l, over, why) => {
    expect(checkCells({ field_digests: canonicalJson(digests), cell_salts: null, ...over } as never).problem).toMatch(why);
  });
});

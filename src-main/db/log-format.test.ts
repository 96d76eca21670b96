import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { cellDigest, cellSalt, checkCells, compactDigests, digestsOf, entryHashInputV3, objectMembers, readCells } from './log-format';

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
    ['unreadable fields', { fields: '{', salt }, /unreadable/],
  ])('refuses %s', (_l, over, why) => {
    expect(checkCells({ field_digests: canonicalJson(digests), cell_salts: null, ...over } as never).problem).toMatch(why);
  });
});

describe('reading stored canonical text without parsing it', () => {
  // Values of every shape a cell holds: nested objects with keys in any order, escapes, unicode, numbers.
  const rnd = (() => {
    let x = 0x9e3779b9;
    return () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  })();
  const strings = ['', 'a', 'Jean "Dupont"', 'back\\slash', 'ligne\nsuivante', 'é à « » \u00a0', '\u2028\u2029', '😀', '{"not":"json"}', '],[', 'a,b:c', '\u0000\u001f'];
  const value = (depth: number): unknown => {
    const k = Math.floor(rnd() * (depth > 2 ? 5 : 8));
    if (k === 0) return null;
    if (k === 1) return rnd() < 0.5;
    if (k === 2) return [0, -1, 1.5, 1e21, 123456789012, -0.000001][Math.floor(rnd() * 6)];
    if (k <= 4) return strings[Math.floor(rnd() * strings.length)];
    if (k === 5) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 4); i > 0; i--) o[strings[Math.floor(rnd() * strings.length)]! + i] = value(depth + 1);
    return o;
  };
  it('objectMembers gives each value’s canonical text, keys in order (the parse path, 2,000 random objects)', () => {
    for (let n = 0; n < 2000; n++) {
      const obj: Record<string, unknown> = {};
      for (let i = Math.floor(rnd() * 6); i > 0; i--) obj[rnd() < 0.2 ? `details.k${i}` : `c"\\${i}`] = value(0);
      const text = canonicalJson(obj);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(objectMembers(text)).toEqual(Object.keys(parsed).sort().map((k) => [k, canonicalJson(parsed[k])]));
    }
  });
  it.each(['', '{', '[]', '{"a":1', '{"a":1,}', '{"a" :1}', '{ "a":1}', '{"a":1}x', '{"a"1}', '"a"'])('refuses what is not a compact object: %j', (t) => {
    expect(objectMembers(t)).toBeNull();
  });
  it('checks a value by its stored text: a non-canonical rewrite of the same value fails its digest', () => {
    const salt = 'ef'.repeat(16);
    const cells = { details: { b: 1, a: [true, null] }, owner: 'RH' };
    const digests = Object.fromEntries(Object.entries(cells).map(([c, v]) => [c, cellDigest(cellSalt(salt, c), c, v)]));
    const e = { fields: canonicalJson(cells), field_digests: canonicalJson(digests), salt, cell_salts: null };
    expect(readCells(e).problem).toBeNull();
    expect(readCells({ ...e, fields: '{"details":{"b":1,"a":[true,null]},"owner":"RH"}' }).problem).toMatch(/“details” was altered/);
    expect(readCells({ ...e, fields: '{"details":{"a":[true,null],"b":1.0},"owner":"RH"}' }).problem).toMatch(/“details” was altered/);
  });
  it('compact stored digests read back as exactly the digests hashed, and nothing recomputable is stored', () => {
    const salt = '01'.repeat(16);
    const cells = { 'details.x': { v: 'é' }, owner: 'RH', status: 'active' };
    const full = canonicalJson({ ...Object.fromEntries(Object.entries(cells).map(([c, v]) => [c, cellDigest(cellSalt(salt, c), c, v)])), '@base': { owner: '1764633600000-0001-DEV1' } });
    const e = { op: 'update' as const, format: 3, fields: canonicalJson(cells), field_digests: full, salt, cell_salts: null };
    const stored = compactDigests(e);
    expect(stored).toBe('{"@base":{"owner":"1764633600000-0001-DEV1"}}');
    expect(digestsOf({ ...e, field_digests: stored })).toBe(full);
    expect(digestsOf(e)).toBe(full); // the full form reads as itself
    // A value a purge removed: its digest cannot be recomputed, so it is stored.
    const { owner: _o, ...rest } = cells;
    const scrubbed = { ...e, fields: canonicalJson(rest), salt: null, cell_salts: canonicalJson(Object.fromEntries(Object.keys(rest).map((c) => [c, cellSalt(salt, c)]))) };
    const kept = compactDigests(scrubbed);
    expect(Object.keys(JSON.parse(kept))).toEqual(['@base', 'owner']);
    expect(digestsOf({ ...scrubbed, field_digests: kept })).toBe(full);
    // Purges keep every digest (their keys name what they purged).
    expect(compactDigests({ ...e, op: 'purge' })).toBe(full);
  });
});

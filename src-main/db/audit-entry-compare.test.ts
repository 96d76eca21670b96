import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyText, canonicalMembers, entryLayout, isCanonicalText, newRow, sameAsEntry, sameAsStored, type CompareSpec } from './audit-compare';
import { canonicalJson } from './canonical';
import { objectMembers } from './log-format';
import { checkEntries, entrySpans, membersOf, packEntries, unpackEntries } from './audit-entry';

/**
 * The fast comparison of a row of one insert entry (audit-compare.ts sameAsEntry, used by the
 * streamed replay of a full `audit verify`) may only ever say "equal" where the usual comparison
 * (the entry split into cells, sameAsStored) says so too; and isCanonicalText only "canonical" for
 * a text canonicalJson(JSON.parse(text)) writes back identically.
 */

const canonical = (t: string): boolean => {
  try {
    return canonicalJson(JSON.parse(t)) === t;
  } catch {
    return false;
  }
};

/** Keys canonical text writes in sorted order and as they are (none an array index, none __proto__, none escaped). */
const plainKey = fc.string({ maxLength: 6 }).filter((k) => !/^[0-9]/.test(k) && k !== '__proto__' && JSON.stringify(k) === `"${k}"`);
const plainJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(plainKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Texts close to canonical: the same value re-spaced, reordered, its numbers and strings written otherwise. */
function variants(text: string): string[] {
  const out = [
    text.replace(/:/, ': '),
    text.replace(/,/, ' ,'),
    text.replace(/(\d)([,}\]])/, '$1.0$2'),
    text.replace(/(\d)([,}\]])/, '$1e0$2'),
    text.replace(/:(\d)/, ':0$1'),
    text.replace(/:(\d)/, ':-0'),
    text.replace(/"a/, '"\\u0061'),
    text.replace(/\//, '\\/'),
    text.replace(/é/, '\\u00e9'),
    text.replace(/\\n/, '\\u000a'),
    text.replace(/\\u001f/, '\\u001F'),
    text.replace(/\{"([^"]*)":([^,{}[\]]*),"([^"]*)":([^,{}[\]]*)/, '{"$3":$4,"$1":$2'),
    text.replace(/\{"([^"]*)":([^,{}[\]]*)/, '{"$1":$2,"$1":$2'),
    text.replace(/\{/, '{"__proto__":1,'),
    text.replace(/\{/, '{"1":1,'),
    text.replace(/"$/, '\\ud800"'),
    ` ${text}`,
    `${text} `,
  ];
  return out.filter((t) => t !== text);
}

describe('isCanonicalText', () => {
  it('is true only when canonicalJson(JSON.parse(text)) === text (random values, written canonical, reordered, re-spaced, retouched)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2), (v, how) => {
        const text = how === 0 ? canonicalJson(v) : how === 1 ? JSON.stringify(v) : JSON.stringify(v, null, 1);
        for (const t of [text, ...variants(text)]) if (isCanonicalText(t)) expect(canonical(t), t).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('says canonical for what canonicalJson writes of values with plain keys (the decisive case is not left to the slow path)', () => {
    fc.assert(
      fc.property(plainJson, (v) => {
        const text = canonicalJson(v);
        expect(isCanonicalText(text), text).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses the forms canonicalJson never writes', () => {
    for (const t of ['{"b":1,"a":2}', '{"a":1,"a":1}', '{"a": 1}', ' 1', '1.0', '1e0', '1E21', '01', '-0', '"\\/"', '"\\u0041"', '"\\u000a"', '"\\u001F"', '"\\ud800"', '"\ud800"', '{"__proto__":1}', '{"1":1}', '[1,]', '{"a":1,}', 'nul', 'tru', '"a', '{"a"}', '12345678901234567890', '1e400', '0.30000000000000004 '])
      expect(isCanonicalText(t), t).toBe(false);
    for (const t of ['{}', '[]', '""', '0', '-1', '0.1', '1e+21', '5e-7', '0.30000000000000004', '"\\u001f"', '"\\n\\"\\\\"', '"é\ud83d\ude00"', '{"":1,"a":[true,false,null]}'])
      expect(isCanonicalText(t), t).toBe(true);
  });

  it('canonicalMembers gives the members objectMembers gives, of a canonical object only', () => {
    fc.assert(
      fc.property(fc.dictionary(plainKey, plainJson, { maxKeys: 6 }), (o) => {
        const text = canonicalJson(o);
        const spans: number[] = [];
        const n = canonicalMembers(text, spans);
        const members = objectMembers(text)!;
        expect(n).toBe(members.length);
        for (let i = 0; i < n; i++) {
          expect(JSON.parse(text.slice(spans[4 * i]!, spans[4 * i + 1]!))).toBe(members[i]![0]);
          expect(text.slice(spans[4 * i + 2]!, spans[4 * i + 3]!)).toBe(members[i]![1]);
        }
        for (const t of variants(text)) if (canonicalMembers(t, spans) >= 0) expect(canonical(t), t).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

const SPEC: CompareSpec = { jsonColumns: ['details', 'tags'] };
const DERIVED_SPEC: CompareSpec = {
  jsonColumns: ['details', 'tags'],
  derivedColumns: ['outcome'],
  derive: (r) => ({ outcome: typeof (r.details as { result?: unknown } | null)?.result === 'string' ? ((r.details as { result: string }).result) : null }),
};
const DEFAULTS = new Map<string, unknown>([['owner', ''], ['details', '{}'], ['deleted_at', null]]);
const PARSED_DEFAULTS = { owner: '', details: {}, deleted_at: null };
const ROWID = '__vigie_rowid';

/** The usual comparison of a row of one entry: its cells split from the text, then sameAsStored. */
function usual(spec: CompareSpec, stored: Record<string, unknown>, e: { op: string; hlc: string; at: string; fields: string }): boolean {
  const cells = objectMembers(e.fields);
  const row = newRow();
  if (!cells || !applyText(row, e, cells) || !row.plain) return false;
  return sameAsStored(spec, stored, row, DEFAULTS, PARSED_DEFAULTS);
}

const value = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(null));

describe('sameAsEntry: a row of one insert entry compared as text', () => {
  const row = (name: unknown, size: unknown, details: unknown, tags: unknown, outcome: unknown) => ({
    [ROWID]: 1,
    id: 'r1',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    deleted_at: null,
    hlc: '1767225600000-0000-dev',
    name,
    size,
    details: canonicalJson(details),
    tags: tags === null ? null : canonicalJson(tags),
    owner: 'x',
    ...(outcome === undefined ? {} : { outcome }),
  });
  const entryOf = (stored: Record<string, unknown>) => ({
    op: 'insert',
    hlc: stored.hlc as string,
    at: stored.created_at as string,
    fields: canonicalJson({ details: JSON.parse(stored.details as string), name: stored.name, owner: stored.owner, size: stored.size, tags: stored.tags === null ? null : JSON.parse(stored.tags as string) }),
  });

  it('decides the common case: equal rows are found equal, with and without derived columns', () => {
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), fc.dictionary(plainKey, plainJson, { maxKeys: 4 }), fc.option(fc.array(plainJson, { maxLength: 3 })), (name, size, details, tags) => {
        for (const spec of [SPEC, DERIVED_SPEC]) {
          const stored = row(name, Object.is(size, -0) ? 0 : size, details, tags, spec.derive ? spec.derive({ details }).outcome : undefined);
          const layout = entryLayout(spec, stored, ROWID)!;
          expect(layout.columns).toEqual(['details', 'name', 'owner', 'size', 'tags']);
          expect(sameAsEntry(spec, stored, entryOf(stored), layout, DEFAULTS, PARSED_DEFAULTS)).toBe(true);
          expect(usual(spec, stored, entryOf(stored))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never says equal where the usual comparison does not: stored values and entry texts retouched at random', () => {
    const ulp = (x: number) => {
      const b = new Float64Array([x]);
      new BigInt64Array(b.buffer)[0]! += 1n;
      return b[0]!;
    };
    fc.assert(
      fc.property(
        fc.string(),
        value,
        fc.dictionary(plainKey, plainJson, { maxKeys: 4 }),
        fc.option(fc.array(plainJson, { maxLength: 3 })),
        fc.nat(40),
        fc.nat(20),
        (name, size, details, tags, how, which) => {
          for (const spec of [SPEC, DERIVED_SPEC]) {
            const stored: Record<string, unknown> = row(name, size, details, tags, spec.derive ? spec.derive({ details }).outcome : undefined);
            const e = entryOf(stored);
            const layout = entryLayout(spec, stored, ROWID)!;
            // One retouch of the stored row or of the entry's text.
            switch (how % 20) {
              case 0: if (typeof stored.size === 'number') stored.size = ulp(stored.size); break;
              case 1: stored.size = String(stored.size); break;
              case 2: stored.name = `${String(stored.name)} `; break;
              case 3: stored.details = JSON.stringify(JSON.parse(stored.details as string), null, 1); break;
              case 4: stored.details = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(stored.details as string) as object).reverse())); break;
              case 5: stored.outcome = 'other'; break;
              case 6: stored.deleted_at = stored.created_at; break;
              case 7: stored.hlc = `${String(stored.hlc)}x`; break;
              case 8: stored.updated_at = '2026-01-02T00:00:00.000Z'; break;
              case 9: stored.tags = stored.tags === null ? '[]' : null; break;
              case 10: stored.name = null; break;
              case 11: stored.owner = 7; break;
              case 12: stored.size = stored.size === null ? 0 : null; break;
              case 13: e.op = 'update'; break;
              default: {
                const vs = variants(e.fields);
                if (vs.length) e.fields = vs[which % vs.length]!;
              }
            }
            if (sameAsEntry(spec, stored, e, layout, DEFAULTS, PARSED_DEFAULTS)) expect(usual(spec, stored, e), `${how} ${e.fields} ${JSON.stringify(stored)}`).toBe(true);
          }
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('a REAL one ulp off, a number written otherwise, a changed string, another key order or spacing: not equal', () => {
    const stored = row('Nom', 0.1, { a: 1, b: 'é' }, ['x'], undefined);
    const e = entryOf(stored);
    const layout = entryLayout(SPEC, stored, ROWID)!;
    const same = (s: Record<string, unknown>, text = e.fields) => sameAsEntry(SPEC, s, { ...e, fields: text }, layout, DEFAULTS, PARSED_DEFAULTS);
    expect(same(stored)).toBe(true);
    expect(same({ ...stored, size: 0.1 + Number.EPSILON / 8 })).toBe(false);
    expect(same({ ...stored, size: 0.30000000000000004 })).toBe(false);
    expect(same(stored, e.fields.replace('0.1', '0.10'))).toBe(false);
    expect(same(stored, e.fields.replace('0.1', '1e-1'))).toBe(false);
    expect(same({ ...stored, name: 'Nom ' })).toBe(false);
    expect(same({ ...stored, details: '{"b":"é","a":1}' })).toBe(false);
    expect(same({ ...stored, details: '{"a": 1,"b":"é"}' })).toBe(false);
    // Both the entry and the row rewritten alike, not canonical: still not decided here.
    expect(same({ ...stored, details: '{"a": 1,"b":"é"}' }, e.fields.replace('{"a":1', '{"a": 1'))).toBe(false);
    expect(same({ ...stored, details: '{"b":"é","a":1}' }, e.fields.replace('{"a":1,"b":"é"}', '{"b":"é","a":1}'))).toBe(false);
    // A stored string that reads like the entry's escaped text (a backslash then n, against a line break).
    const nl = row('a\nb', 1, {}, null, undefined);
    const nlEntry = entryOf(nl);
    expect(sameAsEntry(SPEC, nl, nlEntry, layout, DEFAULTS, PARSED_DEFAULTS)).toBe(true);
    expect(sameAsEntry(SPEC, { ...nl, name: 'a\\nb' }, nlEntry, layout, DEFAULTS, PARSED_DEFAULTS)).toBe(false);
    expect(sameAsEntry(SPEC, { ...nl, name: 'a\\u000ab' }, nlEntry, layout, DEFAULTS, PARSED_DEFAULTS)).toBe(false);
    expect(sameAsEntry(SPEC, { ...nl, name: 'a\\"b' }, { ...nlEntry, fields: nlEntry.fields.replace('a\\nb', 'a\\"b') }, layout, DEFAULTS, PARSED_DEFAULTS)).toBe(false);
    // The stored text split differently across two JSON columns: the members decide, not the whole text.
    expect(same({ ...stored, details: '{"a":1,"b":"é"},"name":"Nom","owner":"x","size":0.1,"tags":["x"' , tags: '' } as Record<string, unknown>)).toBe(false);
  });
});

describe('entrySpans: the members the second thread computes for the rows\' comparison', () => {
  it('are canonicalMembers\' of each insert entry, and sameAsEntry answers the same with them as without', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('insert', 'update'), fc.dictionary(plainKey, plainJson, { maxKeys: 4 }), fc.nat(30)), { maxLength: 8 }), (list) => {
        const entries = list.map(([op, o, how]) => {
          const text = canonicalJson(o);
          const vs = variants(text);
          return { op, fields: how < vs.length ? vs[how]! : text };
        });
        const s = entrySpans(entries);
        expect(s.at.length).toBe(entries.length);
        // The entries' checks read the same cells from the spans as from the texts.
        const full = entries.map((e, i) => ({ ...e, op: e.op as 'insert', id: `e${i}`, table_name: 't', row_id: 'r', field_digests: i % 2 ? '{}' : '{"@base":"x"}', salt: i % 3 ? 'ab' : null, cell_salts: null, hlc: 'h', device_id: 'd', device_seq: i + 1, tx_id: 'x', schema_version: 1, format: 3, actor: 'a', at: 'c', reason: null, prev_hash: 'p', hash: 'h' }));
        expect(checkEntries(full, s)).toEqual(checkEntries(full));
        entries.forEach((e, i) => {
          const spans: number[] = [];
          const n = e.op === 'insert' ? canonicalMembers(e.fields, spans) : -1;
          if (n < 0) expect(s.at[i]).toBe(-1);
          else {
            expect([...s.data.slice(s.at[i]!, s.at[i]! + 1 + 4 * n)]).toEqual([n, ...spans]);
            // The cells the entries' checks read from them: objectMembers' own.
            expect(membersOf(e.fields, s.data, s.at[i]!)).toEqual(objectMembers(e.fields));
          }
        });
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.dictionary(plainKey, plainJson, { maxKeys: 3 }), fc.nat(30), (name, size, details, how) => {
        const stored = { [ROWID]: 1, id: 'r', created_at: 'c', updated_at: 'c', deleted_at: null, hlc: 'h', name, size, details: canonicalJson(details), tags: null, owner: 'x' };
        const text = canonicalJson({ details, name, owner: 'x', size, tags: null });
        const vs = variants(text);
        const e = { op: 'insert' as const, hlc: 'h', at: 'c', fields: how < vs.length ? vs[how]! : text };
        const layout = entryLayout(SPEC, stored, ROWID)!;
        const s = entrySpans([e]);
        const without = sameAsEntry(SPEC, stored, e, layout, DEFAULTS, PARSED_DEFAULTS);
        if (s.at[0]! >= 0) expect(sameAsEntry(SPEC, stored, e, layout, DEFAULTS, PARSED_DEFAULTS, { data: s.data, at: s.at[0]! })).toBe(without);
        else expect(without).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('entries as sent to the second thread (packEntries)', () => {
  const entry = (i: number, over: Record<string, unknown> = {}) => ({ seq: i, id: `01ID${i}`, table_name: 'requests', row_id: `R${i}`, op: 'insert' as const, fields: '{"a":"é’"}', field_digests: '{}', salt: i % 2 ? 'ab' : null, hlc: `h${i}`, device_id: 'D', actor: 'Él', at: '2026-01-01T00:00:00.000Z', reason: i % 3 ? null : 'raison', prev_hash: 'p'.repeat(64), hash: 'h'.repeat(64), device_seq: i, tx_id: `T${i}`, schema_version: 16, format: 3, cell_salts: i % 5 ? null : '{"a":"s"}', ...over });
  it('come back value for value', () => {
    const entries = Array.from({ length: 50 }, (_, i) => entry(i));
    const packed = packEntries(entries)!;
    expect(packed).toBeDefined();
    expect(unpackEntries(packed)).toEqual(entries);
    // Through a structured clone, as postMessage sends them.
    expect(unpackEntries(structuredClone(packed))).toEqual(entries);
  });
  it('are sent value by value when a joined column holds something else (a tampered entry)', () => {
    for (const over of [{ id: 'é' }, { hash: 42 }, { salt: Buffer.from('ab') }, { row_id: '\u0000' }, { extra: 1 }]) {
      const entries = [entry(1), entry(2, over)];
      expect(packEntries(entries), JSON.stringify(over)).toBeUndefined();
    }
  });
});

/**
 * The text comparison of a replayed row with its stored row (`audit verify`'s streamed replay,
 * db/audit-stream.ts): decides "equal" without parsing and re-serialising every value, and
 * otherwise leaves the row to `compareRow` (db/audit.ts). Imports nothing at run time, so the
 * second thread of a full check (jobs/audit-hasher.worker.ts) can run it too.
 */
import type { TableSpec } from './tables';
import { replayStamps } from './replay-stamps';

export type CompareSpec = Pick<TableSpec, 'jsonColumns' | 'digestColumns' | 'derivedColumns' | 'derive'>;

/** A cell's value as the canonical text its entry holds; `value` = JSON.parse(text) once `parsed`. */
export interface TextCell {
  text: string | undefined;
  value: unknown;
  parsed?: boolean;
}

/** A replayed row of root cells (see audit-stream.ts StreamRow). */
export interface TextRow {
  cells: Map<string, TextCell>;
  createdAt?: string;
  hlc: string;
  updatedAt: string;
}

/**
 * True only when `compareRow` would find nothing (false = it must decide), for a row of root cells
 * held as text: created_at, updated_at and hlc equal the replay's; a derived column equals what
 * `spec.derive` gives for the input `materialize` builds; a JSON column's stored text is the
 * entry's text and that text is canonical (what `materialize` would write: see `isCanonical`); any
 * other column's value, written as JSON, is the entry's text (JSON.stringify is one to one on
 * strings and finite numbers round-trip, so the parsed value is that value); a column never
 * written holds its declared default.
 */
export function sameAsStored(spec: CompareSpec, stored: Record<string, unknown>, row: TextRow, defaults: Map<string, unknown>, parsedDefaults: Record<string, unknown>): boolean {
  if (spec.digestColumns?.length) return false;
  const derivedCols = spec.derivedColumns ?? [];
  const derived = spec.derive ? deriveFrom(spec, row, parsedDefaults) : undefined;
  for (const col in stored) {
    if (col === 'id') continue;
    const value = stored[col];
    if (col === 'created_at') {
      if (row.createdAt !== undefined && value !== row.createdAt) return false;
      continue;
    }
    if (col === 'updated_at') {
      if (value !== row.updatedAt) return false;
      continue;
    }
    if (col === 'hlc') {
      if (value !== row.hlc) return false;
      continue;
    }
    if (derived && col in derived) {
      if (value !== derived[col]) return false;
      continue;
    }
    const cell = derivedCols.includes(col) ? undefined : row.cells.get(col);
    if (cell) {
      const text = cell.text;
      if (text === undefined) return false;
      if (spec.jsonColumns.includes(col)) {
        if (text === 'null') {
          if (value !== null) return false;
        } else if (value !== text || !isCanonical(text, parsedCell(cell))) return false;
      } else if (!(typeof value === 'string' || value === null || (typeof value === 'number' && Number.isFinite(value))) || JSON.stringify(value) !== text) return false;
      continue;
    }
    // Not replayed: compareRow compares it with its declared default, if it has one.
    if (defaults.has(col) && value !== defaults.get(col)) return false;
  }
  return true;
}

export function parsedCell(cell: TextCell): unknown {
  if (!cell.parsed) {
    cell.value = JSON.parse(cell.text!) as unknown;
    cell.parsed = true;
  }
  return cell.value;
}

/**
 * Whether `text` is `canonicalJson` of `value` (= JSON.parse(text)). canonicalJson writes
 * JSON.stringify of the value with every object's keys inserted in sorted order; JSON.stringify
 * lists integer-like keys first (ascending) whatever the order, then the others in insertion
 * order. So the two texts are equal when JSON.stringify(value) is the text (white space, number
 * and string forms as JSON.stringify writes them; the other keys in the text's order) and, in
 * every object, the keys that are not integer-like come in sorted order.
 */
export function isCanonical(text: string, value: unknown): boolean {
  return JSON.stringify(value) === text && keysSorted(value);
}

function keysSorted(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) {
    for (const x of v) if (!keysSorted(x)) return false;
    return true;
  }
  let prev: string | undefined;
  for (const k in v as Record<string, unknown>) {
    if (!isArrayIndex(k)) {
      if (prev !== undefined && !(k > prev)) return false;
      prev = k;
    }
    if (!keysSorted((v as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A key JavaScript enumerates first, in numeric order (a canonical array index below 2³² − 1). */
function isArrayIndex(k: string): boolean {
  const c = k.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  if (!/^(?:0|[1-9][0-9]*)$/.test(k)) return false;
  return Number(k) < 4294967295;
}

/** `spec.derive` of the row as `materialize` gives it (defaults, then the replayed columns parsed). */
function deriveFrom(spec: CompareSpec, row: TextRow, parsedDefaults: Record<string, unknown>): Record<string, unknown> {
  const derivedCols = spec.derivedColumns ?? [];
  const merged: Record<string, unknown> = { ...parsedDefaults };
  for (const [c, v] of row.cells) if (!derivedCols.includes(c)) merged[c] = parsedCell(v);
  return spec.derive!(merged);
}

/**
 * A row's replay as the stream keeps it: the same rule as replay.ts `replayEntry` (per cell the
 * highest stamp wins), each value kept as the canonical text its entry holds (parsed only when
 * needed), so a row is compared text to text.
 */
export interface StreamRow {
  /** `parsed`: `value` holds JSON.parse(text) (parsed at most once). */
  cells: Map<string, TextCell & { hlc: string }>;
  /**
   * A row of one entry, not replayed yet (its entry kept as it is): replayed where it is compared
   * (`materialize`), on this thread or the second one.
   */
  lazy?: EntryHead & { fields: string; format: number; cells: ReadonlyArray<readonly [string, string]> | null; seq?: number; members?: Int32Array; membersAt?: number };
  createdAt?: string;
  insertHlc?: string;
  hlc: string;
  updatedAt: string;
  /** Some entry was applied (not only sync_pending ones). */
  replayed: boolean;
  /** Only root cells held as text: `sameAsStored` can decide. */
  plain: boolean;
}

/** What replaying an entry reads besides its cells. */
export interface EntryHead {
  op: string;
  hlc: string;
  at: string;
}

export function newRow(): StreamRow {
  return { cells: new Map(), hlc: '', updatedAt: '', replayed: false, plain: true };
}

export function offer(row: StreamRow, cell: string, hlc: string, text: string | undefined, value: unknown): void {
  const cur = row.cells.get(cell);
  if (!cur || hlc > cur.hlc) row.cells.set(cell, { hlc, text, value });
}

/** replay.ts `replayEntry` but the cells: stamps, created_at and the tombstone an insert clears. */
export function applyHead(row: StreamRow, e: EntryHead): void {
  row.replayed = true;
  if (replayStamps(row, e)) offer(row, 'deleted_at', e.hlc, 'null', null);
}

/**
 * replay.ts `replayEntry` with each value kept as its canonical text. False (nothing applied) when
 * the cells are not in strictly increasing key order, as canonical text is (a repeated key, whose
 * last value JSON.parse keeps): the caller replays the parsed fields instead.
 */
export function applyText(row: StreamRow, e: EntryHead, cells: ReadonlyArray<readonly [string, string]>): boolean {
  for (let i = 1; i < cells.length; i++) if (!(cells[i]![0] > cells[i - 1]![0])) return false;
  applyHead(row, e);
  for (const [cell, text] of cells) {
    if (row.plain && cell.includes('.')) row.plain = false;
    offer(row, cell, e.hlc, text, undefined);
  }
  return true;
}

/**
 * Whether `text` is, for certain, `canonicalJson(JSON.parse(text))`, read once without parsing or
 * allocating (a full check reads ~320,000 entries). Never true for a text that is not; false also
 * for some texts that are but that it does not take the time to decide (keys with escapes or that
 * look like array indexes, `__proto__`, escaped surrogates, nesting deeper than 64): the caller then
 * decides the slow way. What canonicalJson writes is JSON.stringify of the value with every object's
 * keys in sorted order: no white space; strings with only `"` `\` and control characters escaped, as
 * JSON.stringify escapes them; numbers as JavaScript writes them (String(Number(text))); keys in
 * strictly increasing order (a repeated key, which JSON.parse collapses, is refused).
 */
export function isCanonicalText(text: string): boolean {
  return canonEnd(text, 0, 0) === text.length;
}

/**
 * The members of a canonical object text (see isCanonicalText): -1 when `text` is not certainly
 * canonical, else their number, with `spans` filled (per member: key start and end — the quotes
 * included — then value start and end).
 */
export function canonicalMembers(text: string, spans: number[]): number {
  spans.length = 0;
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 123 || text.charCodeAt(n - 1) !== 125) return -1;
  if (n === 2) return 0;
  let j = 1;
  let prevS = -1;
  let prevE = -1;
  for (;;) {
    const ke = keyEnd(text, j);
    if (ke < 0 || (prevS >= 0 && compareSpans(text, prevS, prevE, j + 1, ke - 1) >= 0)) return -1;
    prevS = j + 1;
    prevE = ke - 1;
    const ve = canonEnd(text, ke + 1, 1);
    if (ve < 0) return -1;
    spans.push(j, ke, ke + 1, ve);
    const d = text.charCodeAt(ve);
    if (d === 125) return ve === n - 1 ? spans.length / 4 : -1;
    if (d !== 44) return -1;
    j = ve + 1;
  }
}

const MAX_DEPTH = 64;

/** Index just past the canonical value starting at `i`, or -1 (not canonical, or not sure). */
function canonEnd(t: string, i: number, depth: number): number {
  const c = t.charCodeAt(i);
  if (c === 34) return stringEnd(t, i);
  if (c === 123 /* { */) {
    if (depth >= MAX_DEPTH) return -1;
    let j = i + 1;
    if (t.charCodeAt(j) === 125) return j + 1;
    let prevS = -1;
    let prevE = -1;
    for (;;) {
      const ke = keyEnd(t, j);
      if (ke < 0 || (prevS >= 0 && compareSpans(t, prevS, prevE, j + 1, ke - 1) >= 0)) return -1;
      prevS = j + 1;
      prevE = ke - 1;
      const ve = canonEnd(t, ke + 1, depth + 1);
      if (ve < 0) return -1;
      const d = t.charCodeAt(ve);
      if (d === 125) return ve + 1;
      if (d !== 44) return -1;
      j = ve + 1;
    }
  }
  if (c === 91 /* [ */) {
    if (depth >= MAX_DEPTH) return -1;
    let j = i + 1;
    if (t.charCodeAt(j) === 93) return j + 1;
    for (;;) {
      const ve = canonEnd(t, j, depth + 1);
      if (ve < 0) return -1;
      const d = t.charCodeAt(ve);
      if (d === 93) return ve + 1;
      if (d !== 44) return -1;
      j = ve + 1;
    }
  }
  if (c === 110 /* n */) return t.startsWith('null', i) ? i + 4 : -1;
  if (c === 116 /* t */) return t.startsWith('true', i) ? i + 4 : -1;
  if (c === 102 /* f */) return t.startsWith('false', i) ? i + 5 : -1;
  if (c === 45 || (c >= 48 && c <= 57)) return numberEnd(t, i);
  return -1;
}

/**
 * Index just past an object key starting at `i` followed by its colon, or -1. Only keys JavaScript
 * enumerates in insertion order and that need no escape (no backslash, no control character, no
 * lone surrogate): not starting with a digit (an array index comes first whatever the order), not
 * `__proto__` (which canonicalJson's copy would not keep as a key).
 */
function keyEnd(t: string, i: number): number {
  if (t.charCodeAt(i) !== 34) return -1;
  const first = t.charCodeAt(i + 1);
  if (first >= 48 && first <= 57) return -1;
  for (let j = i + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === 34) {
      if (j - i - 1 === 9 && t.startsWith('__proto__', i + 1)) return -1;
      return t.charCodeAt(j + 1) === 58 /* : */ ? j + 1 : -1;
    }
    if (c < 32 || c === 92) return -1;
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c > 0xdbff) return -1;
      const d = t.charCodeAt(j + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return -1;
      j++;
    }
  }
  return -1;
}

/** Compares t[a0, a1) with t[b0, b1) as JavaScript compares strings (UTF-16 code units). */
function compareSpans(t: string, a0: number, a1: number, b0: number, b1: number): number {
  const la = a1 - a0;
  const lb = b1 - b0;
  const m = la < lb ? la : lb;
  for (let k = 0; k < m; k++) {
    const d = t.charCodeAt(a0 + k) - t.charCodeAt(b0 + k);
    if (d !== 0) return d;
  }
  return la - lb;
}

/** Hex digits JSON.stringify writes in \u escapes (lowercase). */
function lowerHex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Index just past a string written as JSON.stringify writes it, starting at `i` (a quote), or -1. */
function stringEnd(t: string, i: number): number {
  const n = t.length;
  for (let j = i + 1; j < n; j++) {
    const c = t.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c < 32) return -1;
    if (c === 92) {
      const e = t.charCodeAt(++j);
      if (e === 34 || e === 92 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) continue;
      // \u00XX: only for a control character that has no short escape (JSON.stringify's form).
      if (e !== 117 || t.charCodeAt(j + 1) !== 48 || t.charCodeAt(j + 2) !== 48) return -1;
      const h = lowerHex(t.charCodeAt(j + 3));
      const l = lowerHex(t.charCodeAt(j + 4));
      if (h < 0 || h > 1 || l < 0) return -1;
      const code = h * 16 + l;
      if (code === 8 || code === 9 || code === 10 || code === 12 || code === 13) return -1;
      j += 4;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // A pair is written as it is; a lone surrogate would be escaped (not decided here).
      if (c > 0xdbff) return -1;
      const d = t.charCodeAt(j + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return -1;
      j++;
    }
  }
  return -1;
}

/** Index just past a JSON number at `i` written as JavaScript writes that number, or -1. */
function numberEnd(t: string, i: number): number {
  let j = i;
  if (t.charCodeAt(j) === 45) j++;
  const d0 = t.charCodeAt(j);
  if (d0 === 48) j++;
  else if (d0 >= 49 && d0 <= 57) while (isDigit(t.charCodeAt(j))) j++;
  else return -1;
  if (t.charCodeAt(j) === 46) {
    j++;
    if (!isDigit(t.charCodeAt(j))) return -1;
    while (isDigit(t.charCodeAt(j))) j++;
  }
  const e = t.charCodeAt(j);
  if (e === 101 || e === 69) {
    j++;
    const s = t.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (!isDigit(t.charCodeAt(j))) return -1;
    while (isDigit(t.charCodeAt(j))) j++;
  }
  // Short integers (most numbers) are their own form; anything else is compared with String(Number(…)).
  if (j - i <= 15 && (d0 !== 48 || j - i === 1) && t.charCodeAt(i) !== 45 && !hasFraction(t, i, j)) return j;
  const s = t.slice(i, j);
  return String(Number(s)) === s ? j : -1;
}

function hasFraction(t: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) {
    const c = t.charCodeAt(k);
    if (c === 46 || c === 101 || c === 69) return true;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What `sameAsEntry` needs of a table's stored rows (their columns), computed once per table. */
export interface EntryLayout {
  /** The columns an insert entry writes, in the order canonical text lists them (sorted), quoted. */
  quoted: string[];
  columns: string[];
  json: boolean[];
  /** Stored columns `sameAsStored` compares with `spec.derive`'s values (or their default). */
  derived: string[];
}

/** Stamps and keys that are no logged cell of an insert: compared apart (`id` and the rowid never). */
const NOT_CELLS = new Set(['id', 'created_at', 'updated_at', 'hlc', 'deleted_at']);

/** The layout of a table's stored rows, from one of them; undefined when `sameAsEntry` cannot be used for it. */
export function entryLayout(spec: CompareSpec, stored: Record<string, unknown>, rowidKey: string): EntryLayout | undefined {
  if (spec.digestColumns?.length) return undefined;
  for (const c of ['created_at', 'updated_at', 'hlc', 'deleted_at']) if (!(c in stored)) return undefined;
  const derived = spec.derivedColumns ?? [];
  const columns = Object.keys(stored)
    .filter((c) => !NOT_CELLS.has(c) && c !== rowidKey && !derived.includes(c))
    .sort();
  // Only names canonical text writes as they are, in this order (see keyEnd).
  for (const c of columns) if (JSON.stringify(c) !== `"${c}"` || /^[0-9]/.test(c) || c === '__proto__' || c.includes('.')) return undefined;
  return { columns, quoted: columns.map((c) => `"${c}"`), json: columns.map((c) => spec.jsonColumns.includes(c)), derived: Object.keys(stored).filter((c) => derived.includes(c)) };
}

const spansOf: number[] = [];

/**
 * True only when `sameAsStored` would find a row of one insert entry equal to its stored row, for
 * the common case, without splitting the entry into cells or parsing them: the entry's `fields` is a
 * canonical object (isCanonicalText) whose members are exactly the layout's columns, each value
 * the stored value's text (a JSON column: the stored text itself; another column: JSON.stringify
 * of a string, a finite number or null), the stamps are the entry's (created_at = updated_at = its
 * `at`, hlc its stamp, no tombstone) and the derived columns are `spec.derive`'s. False = decide
 * the usual way (materialize, sameAsStored, compareRow): nothing is concluded from false.
 */
export function sameAsEntry(
  spec: CompareSpec,
  stored: Record<string, unknown>,
  e: EntryHead & { fields: string },
  layout: EntryLayout,
  defaults: Map<string, unknown>,
  parsedDefaults: Record<string, unknown>,
  /** canonicalMembers of `e.fields` as computed already (its count at `at`, then its spans), if it was. */
  members?: { data: Int32Array; at: number },
): boolean {
  if (e.op !== 'insert') return false;
  if (stored.created_at !== e.at || stored.updated_at !== e.at || stored.hlc !== e.hlc || stored.deleted_at !== null) return false;
  const text = e.fields;
  let spans: ArrayLike<number>;
  let n: number;
  let k = 0;
  if (members) {
    spans = members.data;
    n = members.data[members.at]!;
    k = members.at + 1;
  } else {
    spans = spansOf;
    n = canonicalMembers(text, spansOf);
  }
  if (n !== layout.columns.length) return false;
  for (let i = 0; i < n; i++, k += 4) {
    const q = layout.quoted[i]!;
    if (spans[k + 1]! - spans[k]! !== q.length || text.slice(spans[k]!, spans[k + 1]!) !== q) return false;
    const v0 = spans[k + 2]!;
    const len = spans[k + 3]! - v0;
    const value = stored[layout.columns[i]!];
    let want: string;
    if (layout.json[i]) {
      if (value === null) want = 'null';
      else if (typeof value === 'string') want = value;
      else return false;
    } else if (typeof value === 'string') {
      // The span is a canonical JSON string (canonicalMembers): when it is the value in quotes
      // and the value has no backslash, it is JSON.stringify of the value (which escapes nothing
      // else a canonical string can hold as it is). Otherwise compared with JSON.stringify.
      if (len === value.length + 2 && text.charCodeAt(v0) === 34 && value.indexOf('\\') < 0 && text.slice(v0 + 1, v0 + len - 1) === value) continue;
      want = JSON.stringify(value);
    } else if (value === null || (typeof value === 'number' && Number.isFinite(value))) want = JSON.stringify(value);
    else return false;
    // (A slice compares as fast as startsWith and, unlike it, stays fast on every string shape.)
    if (want.length !== len || text.slice(v0, v0 + len) !== want) return false;
  }
  if (spec.derive) {
    // deriveFrom's input: the defaults, the tombstone the insert clears, then the cells parsed.
    // Each cell's value is JSON.parse of its text: for a JSON column the stored text (equal to it),
    // for another the stored value itself (JSON.parse(JSON.stringify(v)) is v for a string, null or
    // a finite number, but -0 which reads back as 0).
    const merged: Record<string, unknown> = { ...parsedDefaults };
    merged.deleted_at = null;
    for (let i = 0; i < layout.columns.length; i++) {
      const c = layout.columns[i]!;
      const v = stored[c];
      merged[c] = layout.json[i] ? (v === null ? null : (JSON.parse(v as string) as unknown)) : Object.is(v, -0) ? 0 : v;
    }
    const derived = spec.derive(merged);
    for (const c of layout.derived) {
      if (c in derived) {
        if (stored[c] !== derived[c]) return false;
      } else if (defaults.has(c) && stored[c] !== defaults.get(c)) return false;
    }
    // A derived value for a logged column: sameAsStored would compare it with that (not decided here).
    for (const c of layout.columns) if (c in derived) return false;
  } else if (layout.derived.length) {
    for (const c of layout.derived) if (defaults.has(c) && stored[c] !== defaults.get(c)) return false;
  }
  return true;
}

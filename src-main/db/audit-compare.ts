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
  lazy?: EntryHead & { fields: string; format: number; cells: ReadonlyArray<readonly [string, string]> | null; seq?: number };
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

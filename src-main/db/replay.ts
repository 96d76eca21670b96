/**
 * Replay of the change log into row values, independent of the order entries arrived in: per cell
 * the highest HLC stamp wins, a column (root) value overrides every older key cell under it. Used
 * by `audit verify`; applyRemote (db/remote.ts) applies the same rule to stored rows.
 */
import { canonicalJson } from './canonical';
import { keyCellRemoved, keyOf, LOG_FORMAT, rootOf } from './log-format';
import { replayStamps } from './replay-stamps';
import type { TableSpec } from './tables';
import { derivedInput } from './write';

export interface CellValue {
  hlc: string;
  value: unknown;
}

export interface RowReplay {
  cells: Map<string, CellValue>;
  /** The `at` of the insert with the lowest stamp. */
  createdAt?: string;
  insertHlc?: string;
  /** Highest stamp of any entry of the row, and its `at`. */
  hlc: string;
  updatedAt: string;
}

/** A column value as an entry holds it → the value the replay keeps (JSON columns parsed). */
export function rootValue(spec: TableSpec, column: string, v: unknown, format: number): unknown {
  if (format < LOG_FORMAT && spec.jsonColumns.includes(column) && typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

function offer(row: RowReplay, cell: string, hlc: string, value: unknown): void {
  const cur = row.cells.get(cell);
  if (!cur || hlc > cur.hlc) row.cells.set(cell, { hlc, value });
}

export function replayEntry(spec: TableSpec, row: RowReplay, e: { op: string; hlc: string; at: string; format: number }, fields: Record<string, unknown>): void {
  if (replayStamps(row, e)) offer(row, 'deleted_at', e.hlc, null);
  for (const [cell, v] of Object.entries(fields)) {
    offer(row, cell, e.hlc, keyOf(cell) === null ? rootValue(spec, cell, v, e.format) : v);
  }
}

/** The stored value of every replayed column (JSON as canonical text), derived columns included. */
export function materialize(spec: TableSpec, row: RowReplay, defaults: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const parsed = new Map<string, unknown>();
  const keyCells = new Map<string, Array<[string, CellValue]>>();
  const roots = new Set<string>();
  for (const [cell, cv] of row.cells) {
    const key = keyOf(cell);
    if (key === null) {
      roots.add(cell);
      continue;
    }
    const root = rootOf(cell);
    roots.add(root);
    const list = keyCells.get(root);
    if (list) list.push([key, cv]);
    else keyCells.set(root, [[key, cv]]);
  }
  for (const col of roots) {
    const root = row.cells.get(col);
    let value: unknown = root ? root.value : undefined;
    const keys = keyCells.get(col);
    if (keys) {
      let obj: Record<string, unknown>;
      if (value && typeof value === 'object' && !Array.isArray(value)) obj = { ...(value as Record<string, unknown>) };
      else if (value === undefined && typeof defaults.get(col) === 'string') obj = JSON.parse(defaults.get(col) as string) as Record<string, unknown>;
      else obj = {};
      for (const [key, cv] of keys) {
        if (root && cv.hlc < root.hlc) continue;
        if (keyCellRemoved(cv.value)) delete obj[key];
        else obj[key] = (cv.value as { v: unknown }).v;
      }
      value = obj;
    }
    if (spec.jsonColumns.includes(col) && value !== null && value !== undefined) {
      out[col] = canonicalJson(value);
      parsed.set(col, value);
    } else out[col] = value;
  }
  const derived = spec.derivedColumns ?? [];
  for (const c of derived) delete out[c];
  if (!spec.derive) return out;
  // derivedValues' input (defaults, then the replayed columns, JSON parsed), without parsing back
  // the canonical text just written: the replayed values are the parsed form.
  const merged: Record<string, unknown> = { ...parsedDefaults(spec, defaults) };
  Object.assign(merged, out);
  for (const [col, v] of parsed) if (!derived.includes(col)) merged[col] = v;
  Object.assign(out, spec.derive(merged));
  return out;
}

const parsedDefaultsOf = new WeakMap<Map<string, unknown>, Record<string, unknown>>();
/** A table's column defaults with JSON columns parsed (as derivedValues reads them), once per map. */
export function parsedDefaults(spec: TableSpec, defaults: Map<string, unknown>): Record<string, unknown> {
  let out = parsedDefaultsOf.get(defaults);
  if (!out) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of defaults) o[k] = v;
    parsedDefaultsOf.set(defaults, (out = Object.fromEntries(Object.entries(derivedInput(spec, o)))));
  }
  return out;
}

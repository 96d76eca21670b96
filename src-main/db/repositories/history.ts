import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface HistoryEntry {
  seq: number;
  id: string;
  table: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete' | 'restore' | 'purge';
  fields: Record<string, unknown>;
  hlc: string;
  deviceId: string;
  actor: string;
  at: string;
  reason: string | null;
  /** For structured (JSON) columns: which top-level keys differ from the row's previous value. */
  changedKeys?: Record<string, string[]>;
}

function topLevelDiff(before: unknown, after: unknown): string[] {
  const parse = (v: unknown) => {
    try {
      return typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const a = parse(before);
  const b = parse(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/**
 * Format 3 entries log an update of a JSON record as key cells (`details.identity: { v }`): shown
 * as the record's column with the changed keys, as entries written before migration 0009 are.
 */
function groupKeyCells(cells: Record<string, unknown>): { fields: Record<string, unknown>; changedKeys?: Record<string, string[]> } {
  const fields: Record<string, unknown> = {};
  const changedKeys: Record<string, string[]> = {};
  for (const [cell, v] of Object.entries(cells)) {
    const dot = cell.indexOf('.');
    if (dot < 0) {
      fields[cell] = v;
      continue;
    }
    const col = cell.slice(0, dot);
    const key = cell.slice(dot + 1);
    const obj = (fields[col] ??= {}) as Record<string, unknown>;
    if (v && typeof v === 'object' && 'v' in v) obj[key] = (v as { v: unknown }).v;
    (changedKeys[col] ??= []).push(key);
  }
  for (const k of Object.values(changedKeys)) k.sort();
  return Object.keys(changedKeys).length ? { fields, changedKeys } : { fields };
}

/** Adds, for JSON columns, the keys that changed since the row's previous logged value. */
export async function withChangedKeys(db: Kysely<DB>, entries: HistoryEntry[], jsonColumns: (table: string) => readonly string[]): Promise<HistoryEntry[]> {
  for (const e of entries) {
    const cols = jsonColumns(e.table).filter((c) => c in e.fields);
    if (cols.length === 0 || e.op !== 'update' || e.changedKeys) continue;
    const earlier = await db
      .selectFrom('change_log')
      .select(['fields'])
      .where('table_name', '=', e.table)
      .where('row_id', '=', e.rowId)
      .where('seq', '<', e.seq)
      .orderBy('seq', 'desc')
      .execute();
    const changedKeys: Record<string, string[]> = {};
    for (const c of cols) {
      const prev = earlier.map((r) => JSON.parse(r.fields) as Record<string, unknown>).find((f) => c in f)?.[c];
      changedKeys[c] = topLevelDiff(prev, e.fields[c]);
    }
    e.changedKeys = changedKeys;
  }
  return entries;
}

export async function listHistory(
  db: Kysely<DB>,
  q: { table?: string; rowId?: string; limit: number; beforeSeq?: number },
): Promise<HistoryEntry[]> {
  let query = db.selectFrom('change_log').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (q.table) query = query.where('table_name', '=', q.table);
  if (q.rowId) query = query.where('row_id', '=', q.rowId);
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    table: r.table_name,
    rowId: r.row_id,
    op: r.op,
    ...groupKeyCells(JSON.parse(r.fields) as Record<string, unknown>),
    hlc: r.hlc,
    deviceId: r.device_id,
    actor: r.actor,
    at: r.at,
    reason: r.reason,
  }));
}

/**
 * Entry count and last change without scanning the log (a 335,000-entry log made count/max over
 * `at` cost seconds at every unlock): `seq` is dense from 1 (audit verify checks that no entry is
 * missing), so the newest row by primary key gives the count, the last instant and — entries
 * being stamped by this device's monotonic clock — the highest HLC.
 */
export async function changeLogStats(db: Kysely<DB>): Promise<{ entries: number; lastAt: string | null; lastHlc: string | null }> {
  const r = await db.selectFrom('change_log').select(['seq', 'at', 'hlc']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return { entries: r ? Number(r.seq) : 0, lastAt: r?.at ?? null, lastHlc: r?.hlc ?? null };
}

export function allChangeLogEntries(db: Kysely<DB>) {
  return db.selectFrom('change_log').selectAll().orderBy('seq').execute();
}

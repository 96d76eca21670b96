import type { Kysely } from 'kysely';
import { canonicalJson, GENESIS_HASH, sha256Hex } from './canonical';
import type { DB } from './schema';
import { SYSTEM_COLUMNS, TABLES, type DomainTable } from './tables';
import { contentDigest, entryHashInput, fieldDigest } from './write';

export interface AuditBreak {
  reason: string;
  seq?: number;
  entryId?: string;
  table?: string;
  rowId?: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  firstBroken?: AuditBreak;
}

/**
 * Walks the change-log hash chain, checks each entry's values against their digests, then replays
 * the log and compares the result with every domain row. Detects an edited, removed or inserted
 * log entry, and a row written outside Vigie (edited, inserted or deleted behind the write path).
 */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditReport> {
  const entries = await db.selectFrom('change_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  const state = new Map<string, Record<string, unknown>>();
  let lastSeq = 0;
  for (const e of entries) {
    const at = { seq: e.seq, entryId: e.id, table: e.table_name, rowId: e.row_id };
    if (e.seq !== lastSeq + 1) return { ok: false, entries: entries.length, firstBroken: { ...at, reason: `Entry ${lastSeq + 1} of the change log is missing.` } };
    lastSeq = e.seq;
    if (e.prev_hash !== prev) return { ok: false, entries: entries.length, firstBroken: { ...at, reason: 'The entry does not link to the one before it (chain broken).' } };
    if (sha256Hex(entryHashInput(e)) !== e.hash) return { ok: false, entries: entries.length, firstBroken: { ...at, reason: 'The entry was altered after it was written (hash mismatch).' } };
    prev = e.hash;
    let fields: Record<string, unknown>;
    let digests: Record<string, string>;
    try {
      fields = JSON.parse(e.fields) as Record<string, unknown>;
      digests = JSON.parse(e.field_digests) as Record<string, string>;
    } catch {
      return { ok: false, entries: entries.length, firstBroken: { ...at, reason: 'The entry holds unreadable field data.' } };
    }
    if (e.salt !== null) {
      const keys = Object.keys(fields).sort();
      if (canonicalJson(keys) !== canonicalJson(Object.keys(digests).sort())) {
        return { ok: false, entries: entries.length, firstBroken: { ...at, reason: 'The entry’s changed fields were altered.' } };
      }
      for (const k of keys) {
        if (fieldDigest(e.salt, k, fields[k]) !== digests[k]) {
          return { ok: false, entries: entries.length, firstBroken: { ...at, reason: `The recorded value of “${k}” was altered.` } };
        }
      }
    }
    const key = `${e.table_name}\u0000${e.row_id}`;
    const row = state.get(key) ?? {};
    // An entry touched by a purge has forgotten the purged values (and its salt); the later purge
    // entry carries the values the row holds now, so the replay still ends on the row's state.
    Object.assign(row, fields);
    state.set(key, row);
  }

  for (const name of Object.keys(TABLES) as DomainTable[]) {
    const digestColumns = TABLES[name].digestColumns ?? [];
    const rows = (await (db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(name).selectAll().execute()) as Record<string, unknown>[];
    const seen = new Set<string>();
    for (const r of rows) {
      const id = String(r.id);
      seen.add(id);
      const logged = state.get(`${name}\u0000${id}`);
      if (!logged) return { ok: false, entries: entries.length, firstBroken: { table: name, rowId: id, reason: 'This row was written outside Vigie (it has no change-log entry).' } };
      for (const [col, value] of Object.entries(r)) {
        if ((SYSTEM_COLUMNS as readonly string[]).includes(col) && col !== 'deleted_at') continue;
        const expected = col in logged ? logged[col] : col === 'deleted_at' ? null : undefined;
        if (expected === undefined) continue; // a column added by a later migration, never written yet
        const actual = digestColumns.includes(col) ? contentDigest(value) : value;
        if (canonicalJson(expected) !== canonicalJson(actual)) {
          return { ok: false, entries: entries.length, firstBroken: { table: name, rowId: id, reason: `The column “${col}” was changed outside Vigie.` } };
        }
      }
    }
    for (const key of state.keys()) {
      const [table, rowId] = key.split('\u0000') as [string, string];
      if (table === name && !seen.has(rowId)) {
        return { ok: false, entries: entries.length, firstBroken: { table, rowId, reason: 'A logged row was removed outside Vigie.' } };
      }
    }
  }
  return { ok: true, entries: entries.length };
}

/**
 * The baseline every "× raw" ratio of the benchmarks divides by: the same activity rows inserted
 * with plain better-sqlite3 into a table of the same columns, same cipher (SQLCipher v4 scheme),
 * same journal and sync pragmas as a workspace, in one transaction. Shared by `npm run bench`
 * (bench/run.ts) and `npm run bench -- --scale N` (bench/scale.ts).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../src-main/db/canonical';
import { newUlid } from '../src-main/db/write';

export interface BaselineActivity {
  reference: string;
  name: string;
  role: string;
  status: string;
  owner: string;
  review_date: string;
  details: unknown;
}

/** A bare table of the activity columns, keyed by id and nothing else (the baseline before 2026-12-02). */
export const BARE_ACTIVITIES_DDL = [`CREATE TABLE activities (id TEXT PRIMARY KEY, created_at TEXT, updated_at TEXT, deleted_at TEXT, hlc TEXT, reference TEXT, name TEXT, role TEXT, status TEXT, owner TEXT, review_date TEXT, details TEXT)`];

/**
 * The workspace's own `activities` table as its migrations made it: the table (constraints, STRICT)
 * and its indexes, from a workspace's schema. Inserting "the same rows" raw into this table is what
 * SQLite alone costs to hold them in Vigie; what the write path adds on top (validation, the change-log
 * entry with its digests and hash chain, the clock) is what the ratio measures.
 */
export function activitiesDdl(workspace: Database.Database): string[] {
  const rows = workspace.prepare("SELECT type, sql FROM sqlite_master WHERE tbl_name = 'activities' AND sql IS NOT NULL ORDER BY type = 'table' DESC, name").all() as Array<{ type: string; sql: string }>;
  if (rows[0]?.type !== 'table') throw new Error('activitiesDdl: no activities table in this workspace');
  return rows.map((r) => r.sql);
}

/**
 * Seconds to insert `n` rows made by `row(i)` with raw better-sqlite3 into a new file at `path`, into a
 * table made by `ddl` (default: the bare table).
 */
export function rawActivityInserts(path: string, passphrase: string, n: number, row: (i: number) => BaselineActivity, ddl: readonly string[] = BARE_ACTIVITIES_DDL): number {
  const raw = new Database(path);
  try {
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key='${passphrase.replaceAll("'", "''")}'`);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    for (const sql of ddl) raw.exec(sql);
    const ins = raw.prepare('INSERT INTO activities (id, created_at, updated_at, deleted_at, hlc, reference, name, role, status, owner, review_date, details) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    const t0 = performance.now();
    raw.transaction(() => {
      const now = new Date().toISOString();
      for (let i = 0; i < n; i++) {
        const a = row(i);
        ins.run(newUlid(), now, now, null, 'h', a.reference, a.name, a.role, a.status, a.owner, a.review_date, canonicalJson(a.details));
      }
    })();
    return (performance.now() - t0) / 1000;
  } finally {
    raw.close();
  }
}

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

/** Seconds to insert `n` rows made by `row(i)` with raw better-sqlite3 into a new file at `path`. */
export function rawActivityInserts(path: string, passphrase: string, n: number, row: (i: number) => BaselineActivity): number {
  const raw = new Database(path);
  try {
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key='${passphrase.replaceAll("'", "''")}'`);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(`CREATE TABLE activities (id TEXT PRIMARY KEY, created_at TEXT, updated_at TEXT, deleted_at TEXT, hlc TEXT, reference TEXT, name TEXT, role TEXT, status TEXT, owner TEXT, review_date TEXT, details TEXT)`);
    const ins = raw.prepare('INSERT INTO activities VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
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

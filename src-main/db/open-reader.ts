import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { applyKey } from './cipher';
import { withStatementCache } from './immediate-dialect';
import { BUSY_TIMEOUT_MS, mapOpenError, PAGE_CACHE_KIB, type RawDatabase } from './open';
import type { DB } from './schema';

export interface ReaderConnection {
  raw: RawDatabase;
  db: Kysely<DB>;
  /** Ends the snapshot and closes the connection (idempotent). */
  close(): void;
}

/**
 * A second, read-only connection to a workspace another connection (the main process's) keeps open
 * and migrated: for jobs that run in a worker thread (exports, imports' planning, audit verify).
 * Keyed exactly like openDatabase (applyKey: same cipher, same KDF); WAL lets it read while the
 * main connection writes. It never migrates, never writes (SQLITE_OPEN_READONLY plus query_only),
 * and keeps temporary tables in memory (no plaintext temp files).
 *
 * With `snapshot`, one read transaction is held from the first query to close(), so a job that
 * reads in several queries sees one consistent state of the workspace (the state when it began),
 * even while the person keeps editing.
 */
export function openReader(path: string, passphrase: string, opts: { snapshot?: boolean; busyTimeoutMs?: number } = {}): ReaderConnection {
  const raw = openKeyed(path, passphrase, { readonly: true, busyTimeoutMs: opts.busyTimeoutMs, cacheKiB: PAGE_CACHE_KIB }, (r) => {
    r.pragma('query_only = ON');
    if (opts.snapshot) {
      r.exec('BEGIN');
      // A deferred transaction takes its snapshot at its first read: take it now.
      r.prepare('SELECT count(*) FROM sqlite_master').get();
    }
  });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  let closed = false;
  return {
    raw,
    db,
    close() {
      if (closed) return;
      closed = true;
      try {
        if (raw.inTransaction) raw.exec('ROLLBACK');
      } finally {
        raw.close();
      }
    },
  };
}

/**
 * A second connection to a workspace the main process keeps open and migrated: keyed like
 * openDatabase (the first read proves the key: SQLITE_NOTADB otherwise), temporary tables in memory
 * (no plaintext temp files), then `setup`. Closed again if any of it fails.
 */
function openKeyed(path: string, passphrase: string, opts: { readonly: boolean; busyTimeoutMs: number | undefined; cacheKiB: number }, setup?: (raw: RawDatabase) => void): RawDatabase {
  let raw: RawDatabase;
  try {
    raw = new Database(path, { fileMustExist: true, readonly: opts.readonly, timeout: opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
  } catch (e) {
    mapOpenError(e);
  }
  try {
    applyKey(raw, passphrase);
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    raw.pragma('temp_store = MEMORY');
    raw.pragma(`cache_size = ${opts.cacheKiB}`);
    setup?.(raw);
  } catch (e) {
    raw.close();
    mapOpenError(e);
  }
  return raw;
}

/**
 * A connection that copies the workspace with VACUUM INTO (a backup made in a worker thread,
 * services/backups.ts createBackupOf). SQLite refuses VACUUM INTO on a read-only connection (and
 * with query_only), so this one is opened for writing; nothing runs on it but the copy, which only
 * reads the workspace (no migration, no pragma that writes).
 *
 * Its page cache is small: the copy reads every page once, in order. With the workspaces' 32 MiB, a
 * copy of the 100,000-request bench workspace left the process ~40 MB larger after its worker had
 * ended (310 against 273 MB after the next unlock and dashboard) and took no less time.
 */
export function openCopySource(path: string, passphrase: string, busyTimeoutMs?: number): RawDatabase {
  return openKeyed(path, passphrase, { readonly: false, busyTimeoutMs, cacheKiB: -2048 });
}

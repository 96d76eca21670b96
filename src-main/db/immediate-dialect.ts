/**
 * Kysely over better-sqlite3 whose transactions start with `BEGIN IMMEDIATE`.
 *
 * Why (data-safety issue, item 5): Kysely's SQLite driver opens every transaction with a plain
 * (deferred) `BEGIN`. A deferred transaction that first reads and then writes must upgrade its read
 * snapshot to a write lock; if another program wrote meanwhile, SQLite answers SQLITE_BUSY at once,
 * without waiting out `busy_timeout`. `BEGIN IMMEDIATE` takes the write lock first, so a second
 * writer waits for the first to finish (up to the busy timeout) and then sees its changes.
 */
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';
import type { RawDatabase } from './open';
import type { DB } from './schema';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Statements kept per connection (least recently used dropped first). */
export const STATEMENT_CACHE_SIZE = 512;

/**
 * The connection as Kysely sees it, with its prepared statements kept (performance issue 11).
 * Kysely's SQLite driver prepares every query it runs anew: compiling the SQL again costs more than
 * running it for the small indexed reads a page or a write makes (and a fresh statement holds native
 * memory until it is collected). The same SQL text gets the same statement back; a statement still
 * busy (an iterator over it is open) is never handed out twice — a fresh one is prepared instead.
 */
export function withStatementCache(raw: RawDatabase, max = STATEMENT_CACHE_SIZE): SqliteDatabase {
  type Stmt = ReturnType<RawDatabase['prepare']>;
  const cache = new Map<string, Stmt>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        // Most recently used last.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = raw.prepare(sql);
      if (!hit) {
        cache.set(sql, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  } as SqliteDatabase;
}

/** A Kysely instance over an already opened (keyed, migrated) connection, with immediate write transactions. */
export function kyselyWithImmediateTransactions(raw: RawDatabase): Kysely<DB> {
  return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) }) });
}

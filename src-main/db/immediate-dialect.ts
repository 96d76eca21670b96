/**
 * Kysely over better-sqlite3 whose transactions start with `BEGIN IMMEDIATE`.
 *
 * Why (data-safety issue, item 5): Kysely's SQLite driver opens every transaction with a plain
 * (deferred) `BEGIN`. A deferred transaction that first reads and then writes must upgrade its read
 * snapshot to a write lock; if another program wrote meanwhile, SQLite answers SQLITE_BUSY at once,
 * without waiting out `busy_timeout`. `BEGIN IMMEDIATE` takes the write lock first, so a second
 * writer waits for the first to finish (up to the busy timeout) and then sees its changes.
 */
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
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

/** A Kysely instance over an already opened (keyed, migrated) connection, with immediate write transactions. */
export function kyselyWithImmediateTransactions(raw: RawDatabase): Kysely<DB> {
  return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
}

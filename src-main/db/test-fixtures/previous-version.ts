/**
 * A workspace as a previous build stored it (tests of an upgrade): a new file migrated only up to
 * `before` (exclusive), holding the rows of `from` — every table the older schema has, each with the
 * columns it had then. The change log is read through today's `change_log` (the texts as written),
 * so an older build's plain `change_log` table gets exactly the entries it would have held.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from '../migrations';
import { openDatabase } from '../open';

export async function previousVersionCopy(from: Database.Database, path: string, passphrase: string, before: string): Promise<void> {
  const previous = MIGRATIONS.filter((m) => m.name < before);
  const old = await openDatabase({ path, passphrase, mode: 'create', migrations: previous });
  try {
    const tables = (old.raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('kysely_migration', 'kysely_migration_lock', 'vigie_migration_hashes')`).all() as Array<{ name: string }>).map((r) => r.name);
    old.raw.transaction(() => {
      // Tables are copied in the catalogue's order, not their references' (a case's events before the case): checked at commit.
      old.raw.pragma('defer_foreign_keys = ON');
      for (const t of tables) {
        const cols = (old.raw.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as Array<{ name: string }>).map((c) => c.name);
        const list = cols.map((c) => `"${c}"`).join(', ');
        // As 64-bit integers: a stored stamp (requests_store.hlc_at, ms × 65536 + counter) exceeds 2^53.
        const rows = from.prepare(`SELECT ${list} FROM "${t}"`).safeIntegers(true).all() as Array<Record<string, unknown>>;
        // What the older migrations wrote themselves (a meta key) is replaced by the copied row.
        const ins = old.raw.prepare(`INSERT OR REPLACE INTO "${t}" (${list}) VALUES (${cols.map(() => '?').join(', ')})`);
        for (const r of rows) ins.run(...cols.map((c) => r[c]));
      }
    })();
  } finally {
    await old.db.destroy();
  }
}

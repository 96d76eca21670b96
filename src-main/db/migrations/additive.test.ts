import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { registerLogFunctions } from '../log-store';
import { registerRowFunctions } from '../row-store';
import { TABLES } from '../tables';
import { MIGRATIONS } from './index';
import type { VigieMigration } from './types';

/**
 * From migration 0009 on, colleagues sync one workspace and upgrade on different days: a peer on an
 * older version keeps changes naming tables or columns it does not know in `sync_pending` and
 * replays them after its upgrade. That only works if migrations on synced tables are additive:
 * new tables, new columns with a default, new indexes — never a drop, a rename or a rebuilt table.
 *
 * One exception keeps that promise: a migration that moves a synced table's rows into a store of
 * another form (0015, db/row-store.ts) and gives the same name back as a view with the same columns
 * and values. What readers and peers see is unchanged; the second test checks it by running the
 * migrations.
 */
const SYNCED = new Set(Object.keys(TABLES));
const FIRST_SYNCED = MIGRATIONS.findIndex((m) => m.name === '0009_multi_device');

function nonAdditive(statement: string): string | null {
  const s = statement.replace(/\s+/g, ' ').trim();
  const m = /^(DROP TABLE|ALTER TABLE)\s+(?:IF EXISTS\s+)?"?(\w+)"?\s*(.*)$/i.exec(s);
  if (!m) return null;
  const table = m[2]!;
  if (!SYNCED.has(table)) return null;
  if (/^DROP TABLE/i.test(m[1]!)) return `drops the synced table ${table}`;
  const rest = m[3]!;
  if (/^RENAME/i.test(rest)) return `renames the synced table ${table} or one of its columns`;
  if (/^DROP/i.test(rest)) return `drops a column of the synced table ${table}`;
  if (/^ADD (COLUMN )?\w+ [^,]*NOT NULL/i.test(rest) && !/DEFAULT/i.test(rest)) return `adds a NOT NULL column without a default to ${table}`;
  return null;
}

/** The synced tables a migration rebuilds into a store and gives back as a view of the same name. */
function viewsRestored(m: VigieMigration): Set<string> {
  return new Set(m.statements.flatMap((st) => /^CREATE VIEW "?(\w+)"? AS /i.exec(st.trim())?.[1] ?? []).filter((t) => SYNCED.has(t)));
}

describe('migrations on synced tables are additive only (from 0009)', () => {
  it('no shipped migration since 0009 drops, renames or rebuilds a synced table (unless it gives it back as a view)', () => {
    expect(FIRST_SYNCED).toBeGreaterThan(0);
    const problems = MIGRATIONS.slice(FIRST_SYNCED)
      .flatMap((m) => m.statements.map((st) => ({ m: m.name, why: nonAdditive(st), restored: viewsRestored(m) })))
      .filter((p) => p.why && ![...p.restored].some((t) => p.why!.includes(`synced table ${t}`)))
      .map(({ m, why }) => ({ m, why }));
    expect(problems).toEqual([]);
  });

  it('every synced table keeps its name and every column through each migration since 0009 (table or view)', () => {
    const db = new Database(':memory:');
    registerLogFunctions(db);
    registerRowFunctions(db);
    db.pragma('foreign_keys = ON');
    const columns = () =>
      Object.fromEntries([...SYNCED].map((t) => [t, (db.prepare('SELECT name FROM pragma_table_info(?)').all(t) as Array<{ name: string }>).map((c) => c.name)]));
    let before: Record<string, string[]> = {};
    MIGRATIONS.forEach((m, i) => {
      db.exec('BEGIN');
      for (const st of m.statements) db.exec(st);
      db.exec('COMMIT');
      const after = columns();
      if (i >= FIRST_SYNCED) {
        for (const [t, cols] of Object.entries(before)) {
          if (cols.length === 0) continue;
          expect({ m: m.name, t, missing: cols.filter((c) => !after[t]!.includes(c)) }).toEqual({ m: m.name, t, missing: [] });
        }
      }
      before = after;
    });
    // The view gives the store's rows back (0015: `requests`).
    expect(db.prepare(`SELECT type FROM sqlite_master WHERE name = 'requests'`).get()).toEqual({ type: 'view' });
    db.close();
  });

  it.each([
    ['DROP TABLE requests', /drops the synced table/],
    ['ALTER TABLE breaches DROP COLUMN title', /drops a column/],
    ['ALTER TABLE vendors RENAME COLUMN name TO label', /renames/],
    ['ALTER TABLE activities ADD COLUMN x TEXT NOT NULL', /without a default/],
  ])('the guard catches %s', (statement, why) => {
    expect(nonAdditive(statement)).toMatch(why);
  });

  it.each(['ALTER TABLE activities ADD COLUMN x TEXT NOT NULL DEFAULT \'\'', 'CREATE TABLE things (id TEXT)', 'DROP TABLE request_index', 'CREATE INDEX i ON requests (reference)'])('allows %s', (statement) => {
    expect(nonAdditive(statement)).toBeNull();
  });
});

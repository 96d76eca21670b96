import { describe, expect, it } from 'vitest';
import { TABLES } from '../tables';
import { MIGRATIONS } from './index';

/**
 * From migration 0009 on, colleagues sync one workspace and upgrade on different days: a peer on an
 * older version keeps changes naming tables or columns it does not know in `sync_pending` and
 * replays them after its upgrade. That only works if migrations on synced tables are additive:
 * new tables, new columns with a default, new indexes — never a drop, a rename or a rebuilt table.
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

describe('migrations on synced tables are additive only (from 0009)', () => {
  it('no shipped migration since 0009 drops, renames or rebuilds a synced table', () => {
    expect(FIRST_SYNCED).toBeGreaterThan(0);
    const problems = MIGRATIONS.slice(FIRST_SYNCED).flatMap((m) => m.statements.map((st) => ({ m: m.name, why: nonAdditive(st) }))).filter((p) => p.why);
    expect(problems).toEqual([]);
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

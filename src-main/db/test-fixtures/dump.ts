/**
 * Everything a person could see in a workspace, as one text: every table's rows in a stable order
 * (rowid; a WITHOUT ROWID table — the derived indexes, migration 0018 — by its key). Tests compare two
 * dumps to show that a refused input changed nothing.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../canonical';

export function dumpTables(raw: Database.Database): string {
  const tables = raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string; sql: string }>;
  const order = (sql: string) => (/WITHOUT ROWID\s*$/i.test(sql) ? '1' : 'rowid');
  return canonicalJson(Object.fromEntries(tables.map((t) => [t.name, raw.prepare(`SELECT * FROM "${t.name}" ORDER BY ${order(t.sql)}`).all()])));
}

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { DomainError } from '../domain/errors';
import { MIGRATIONS } from './migrations';
import type { VigieMigration } from './migrations/types';

type Raw = Database.Database;

export function migrationHash(m: VigieMigration): string {
  return createHash('sha256').update(JSON.stringify({ name: m.name, statements: m.statements })).digest('hex');
}

export interface MigrationState {
  applied: string[];
  pending: string[];
}

/** The schema version of a list of applied migrations: the number of the last one ("0005_vendors" → 5). */
export function schemaVersionOf(applied: readonly string[]): number {
  const last = applied[applied.length - 1];
  return last ? Number.parseInt(last.slice(0, 4), 10) || applied.length : 0;
}

function tableExists(raw: Raw, name: string): boolean {
  return (raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) as { n: number }).n > 0;
}

/**
 * Compares the workspace's applied migrations with this build's list. Refuses a workspace written
 * by a newer Vigie (unknown migration names) and one whose applied migration no longer matches
 * the hash it was applied with (someone edited a shipped migration).
 */
export function inspectMigrations(raw: Raw, list: readonly VigieMigration[] = MIGRATIONS): MigrationState {
  const known = new Map(list.map((m) => [m.name, m]));
  if (!tableExists(raw, 'kysely_migration')) return { applied: [], pending: list.map((m) => m.name) };
  const applied = (raw.prepare(`SELECT name FROM kysely_migration ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const unknown = applied.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new DomainError(
      'workspace_too_new',
      `This workspace was written by a newer version of Vigie (it contains migration ${unknown.join(', ')}). Update Vigie to open it; nothing was changed.`,
      { unknown },
    );
  }
  const hashes = new Map(
    tableExists(raw, 'vigie_migration_hashes')
      ? (raw.prepare(`SELECT name, hash FROM vigie_migration_hashes`).all() as { name: string; hash: string }[]).map((r) => [r.name, r.hash])
      : [],
  );
  for (const name of applied) {
    const expected = migrationHash(known.get(name)!);
    if (hashes.get(name) !== expected) {
      throw new DomainError(
        'migration_mismatch',
        `Migration ${name} in this workspace does not match this build of Vigie (its recorded hash differs). The migration was edited after it shipped; refusing to open rather than risk the data.`,
        { name },
      );
    }
  }
  const pending = list.filter((m) => !applied.includes(m.name)).map((m) => m.name);
  // Migrations apply in list order: a pending one that sorts before an applied one means the
  // workspace's history and this build's list disagree (Kysely's Migrator refused this too).
  const lastApplied = applied[applied.length - 1];
  if (lastApplied && pending.some((n) => n < lastApplied)) {
    throw new DomainError(
      'migration_mismatch',
      `This workspace's upgrade history does not match this build of Vigie (migration ${pending.find((n) => n < lastApplied)} is missing before ${lastApplied}); refusing to open rather than risk the data. Nothing was changed.`,
      { missing: pending.filter((n) => n < lastApplied) },
    );
  }
  return { applied, pending };
}

/**
 * Bookkeeping tables. `kysely_migration` and `kysely_migration_lock` keep the exact format Kysely's
 * Migrator created (workspaces made by earlier builds have them), so old and new workspaces read alike.
 */
const BOOKKEEPING = [
  `CREATE TABLE IF NOT EXISTS "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null)`,
  `CREATE TABLE IF NOT EXISTS "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null)`,
  `INSERT OR IGNORE INTO "kysely_migration_lock" ("id", "is_locked") VALUES ('migration_lock', 0)`,
  `CREATE TABLE IF NOT EXISTS vigie_migration_hashes (name TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
];

export interface RunMigrationsResult {
  migrated: string[];
  fromVersion: number;
  toVersion: number;
}

/**
 * Runs every pending migration in ONE transaction (2026-12-01, issue 12): the statements, their
 * hash rows and their `kysely_migration` rows commit together or not at all. SQLite's DDL is
 * transactional, so a failure (or a kill, or a power cut) at any statement leaves the workspace
 * exactly at its previous version; the next open simply tries again. Kysely's Migrator ran each
 * statement in autocommit mode, which left half-made tables behind.
 *
 * BEGIN IMMEDIATE takes the write lock up front: a second process opening the same file waits out
 * the busy timeout instead of interleaving its own upgrade.
 */
export function runMigrations(raw: Raw, list: readonly VigieMigration[] = MIGRATIONS, now: () => Date = () => new Date()): RunMigrationsResult {
  raw.exec('BEGIN IMMEDIATE');
  let current = '';
  let before: MigrationState;
  try {
    // Re-read inside the lock: another process may have upgraded the file since we looked.
    before = inspectMigrations(raw, list);
    for (const sql of BOOKKEEPING) raw.exec(sql);
    const insertHash = raw.prepare(`INSERT INTO vigie_migration_hashes (name, hash, applied_at) VALUES (?, ?, ?)`);
    const insertName = raw.prepare(`INSERT INTO "kysely_migration" ("name", "timestamp") VALUES (?, ?)`);
    const known = new Map(list.map((m) => [m.name, m]));
    for (const name of before.pending) {
      current = name;
      const m = known.get(name)!;
      for (const statement of m.statements) raw.exec(statement);
      const at = now().toISOString();
      insertHash.run(m.name, migrationHash(m), at);
      insertName.run(m.name, at);
    }
    current = '';
    raw.exec('COMMIT');
  } catch (e) {
    let rolledBack: boolean;
    try {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      rolledBack = !raw.inTransaction;
    } catch {
      rolledBack = false;
    }
    if (e instanceof DomainError && !current) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    const step = current ? `migration ${current} failed: ${reason}` : `the upgrade could not be committed: ${reason}`;
    // Two codes, so a translated sentence is never more reassuring than the truth.
    throw new DomainError(
      rolledBack ? 'migration_failed' : 'migration_unconfirmed',
      rolledBack
        ? `Could not upgrade the workspace (${step}). Nothing was changed: the workspace is still at its previous version and will try the upgrade again next time it opens.`
        : `Could not upgrade the workspace (${step}), and Vigie could not confirm that the change was undone. Close Vigie; the next open will check the file, and the backup made before the upgrade can be restored.`,
      { migration: current || undefined, rolledBack },
    );
  }
  const after = [...before.applied, ...before.pending];
  // A workspace that had data (not one being created) is compacted after a migration that moved a
  // large table. The upgrade is committed already: a VACUUM that fails (a full disk) changes nothing
  // and only leaves the free pages for later writes to reuse.
  const known = new Map(list.map((m) => [m.name, m]));
  if (before.applied.length > 0 && before.pending.some((n) => known.get(n)?.compactAfter)) {
    try {
      raw.exec('VACUUM');
    } catch {
      // kept as it is: see above
    }
  }
  return { migrated: before.pending, fromVersion: schemaVersionOf(before.applied), toVersion: schemaVersionOf(after) };
}

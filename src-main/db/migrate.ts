import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { DomainError } from '../domain/errors';
import { MIGRATIONS } from './migrations';
import type { VigieMigration } from './migrations/types';
import type { DB } from './schema';

export function migrationHash(m: VigieMigration): string {
  return createHash('sha256').update(JSON.stringify({ name: m.name, statements: m.statements })).digest('hex');
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly list: readonly VigieMigration[]) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of this.list) {
      out[m.name] = {
        up: async (db: Kysely<unknown>) => {
          for (const statement of m.statements) await sql.raw(statement).execute(db);
          await sql`INSERT INTO vigie_migration_hashes (name, hash, applied_at) VALUES (${m.name}, ${migrationHash(m)}, ${new Date().toISOString()})`.execute(db);
        },
      };
    }
    return out;
  }
}

export interface MigrationState {
  applied: string[];
  pending: string[];
}

async function tableExists(db: Kysely<DB>, name: string): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${name}`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

/**
 * Compares the workspace's applied migrations with this build's list. Refuses a workspace written
 * by a newer Vigie (unknown migration names) and one whose applied migration no longer matches
 * the hash it was applied with (someone edited a shipped migration).
 */
export async function inspectMigrations(db: Kysely<DB>, list: readonly VigieMigration[] = MIGRATIONS): Promise<MigrationState> {
  const known = new Map(list.map((m) => [m.name, m]));
  if (!(await tableExists(db, 'kysely_migration'))) return { applied: [], pending: list.map((m) => m.name) };
  const applied = (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map((r) => r.name);
  const unknown = applied.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new DomainError(
      'workspace_too_new',
      `This workspace was written by a newer version of Vigie (it contains migration ${unknown.join(', ')}). Update Vigie to open it; nothing was changed.`,
      { unknown },
    );
  }
  const hashes = new Map(
    (await sql<{ name: string; hash: string }>`SELECT name, hash FROM vigie_migration_hashes`.execute(db)).rows.map((r) => [r.name, r.hash]),
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
  return { applied, pending: list.filter((m) => !applied.includes(m.name)).map((m) => m.name) };
}

export async function runMigrations(db: Kysely<DB>, list: readonly VigieMigration[] = MIGRATIONS): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS vigie_migration_hashes (name TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`.execute(db);
  const migrator = new Migrator({ db, provider: new StaticProvider(list) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new DomainError(
      'migration_failed',
      `Could not upgrade the workspace (migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}). The workspace was left as it was; a backup was made before the upgrade.`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

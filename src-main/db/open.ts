import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, openSync, readSync, closeSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { DomainError } from '../domain/errors';
import { inspectMigrations, runMigrations } from './migrate';
import { MIGRATIONS } from './migrations';
import type { VigieMigration } from './migrations/types';
import type { DB } from './schema';

export type RawDatabase = Database.Database;

export interface OpenedDatabase {
  raw: RawDatabase;
  db: Kysely<DB>;
  created: boolean;
  migrated: string[];
  backup?: string;
}

export const WORKSPACE_EXTENSION = '.vigie';
export const BACKUPS_KEPT = 5;
export const MIN_PASSPHRASE_LENGTH = 8;

const SQLITE_PLAINTEXT_HEADER = 'SQLite format 3\u0000';

/**
 * Cipher setup (2026-11-23, format v1): SQLite3MultipleCiphers with the SQLCipher v4 scheme
 * (AES-256-CBC + HMAC-SHA512 per page, PBKDF2-HMAC-SHA512 key derivation). Any change to these
 * pragmas makes existing workspaces unreadable: bump the format and migrate, never edit silently.
 */
function applyKey(raw: RawDatabase, passphrase: string): void {
  raw.pragma(`cipher='sqlcipher'`);
  raw.pragma(`legacy=4`);
  raw.pragma(`key='${passphrase.replaceAll("'", "''")}'`);
}

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function isSqliteError(e: unknown, ...codes: string[]): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && codes.includes(String((e as { code: unknown }).code));
}

function mapOpenError(e: unknown): never {
  if (isSqliteError(e, 'SQLITE_NOTADB')) throw new DomainError('wrong_passphrase', 'Wrong passphrase for this workspace');
  if (isSqliteError(e, 'SQLITE_CORRUPT')) {
    throw new DomainError('workspace_corrupt', 'This workspace file is damaged (a page failed its integrity check). Restore it from a backup.');
  }
  if (isSqliteError(e, 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM')) {
    throw new DomainError('workspace_unreadable', 'Vigie cannot open this file: check that it exists and that you may read and write it.');
  }
  throw e;
}

function applyPragmas(raw: RawDatabase): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Temporary tables and indices stay in memory: no plaintext temp files on disk.
  raw.pragma('temp_store = MEMORY');
}

export function validatePassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new DomainError('weak_passphrase', `The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

function backupDir(path: string): string {
  return join(dirname(path), `${basename(path, WORKSPACE_EXTENSION)}.backups`);
}

/**
 * Copies the workspace before an upgrade. `db.backup()` is refused on an encrypted database, so
 * VACUUM INTO writes an encrypted copy with the same key; the copy is then opened and checked.
 */
export function backupWorkspace(raw: RawDatabase, path: string, passphrase: string, now = new Date()): string {
  const dir = backupDir(path);
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let target = join(dir, `${basename(path, WORKSPACE_EXTENSION)}-${stamp}${WORKSPACE_EXTENSION}`);
  for (let i = 2; existsSync(target); i++) target = join(dir, `${basename(path, WORKSPACE_EXTENSION)}-${stamp}-${i}${WORKSPACE_EXTENSION}`);
  raw.prepare('VACUUM INTO ?').run(target);
  const copy = new Database(target);
  try {
    applyKey(copy, passphrase);
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DomainError('backup_failed', `The backup copy ${target} failed its integrity check (${String(check)}); the upgrade was not run.`);
  } finally {
    copy.close();
  }
  const old = readdirSync(dir)
    .filter((f) => f.endsWith(WORKSPACE_EXTENSION))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
  for (const { f } of old.slice(BACKUPS_KEPT)) rmSync(join(dir, f), { force: true });
  return target;
}

export interface OpenOptions {
  path: string;
  passphrase: string;
  mode: 'create' | 'open';
  /** Tests only: run against another migration list (an older or newer build). */
  migrations?: readonly VigieMigration[];
}

export async function openDatabase({ path, passphrase, mode, migrations = MIGRATIONS }: OpenOptions): Promise<OpenedDatabase> {
  if (!path.endsWith(WORKSPACE_EXTENSION)) {
    throw new DomainError('invalid_path', `A workspace file name must end with ${WORKSPACE_EXTENSION} (got ${basename(path)}).`);
  }
  const exists = existsSync(path);
  if (mode === 'create') {
    validatePassphrase(passphrase);
    if (exists) throw new DomainError('workspace_exists', `A file already exists at ${path}; choose another name or open it instead.`);
    if (!existsSync(dirname(path))) throw new DomainError('invalid_path', `The folder ${dirname(path)} does not exist.`);
  } else {
    if (!exists) throw new DomainError('workspace_not_found', `No workspace at ${path}.`);
    if (passphrase.length === 0) throw new DomainError('wrong_passphrase', 'Wrong passphrase for this workspace');
    if (statSync(path).size > 0 && readHeader(path) === SQLITE_PLAINTEXT_HEADER) {
      throw new DomainError('not_encrypted', 'This file is an unencrypted SQLite database, not a Vigie workspace.');
    }
  }

  let raw: RawDatabase;
  try {
    raw = new Database(path, { fileMustExist: mode === 'open' });
  } catch (e) {
    mapOpenError(e);
  }
  try {
    applyKey(raw, passphrase);
    // The first read proves the key: a wrong one fails here with SQLITE_NOTADB.
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    applyPragmas(raw);
  } catch (e) {
    raw.close();
    mapOpenError(e);
  }

  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    const state = await inspectMigrations(db, migrations);
    if (mode === 'open' && state.applied.length === 0) {
      throw new DomainError('not_a_workspace', 'This file opens with that passphrase but is not a Vigie workspace.');
    }
    let backup: string | undefined;
    if (mode === 'open' && state.pending.length > 0) backup = backupWorkspace(raw, path, passphrase);
    const migrated = state.pending.length > 0 ? await runMigrations(db, migrations) : [];
    return { raw, db, created: mode === 'create', migrated, backup };
  } catch (e) {
    await db.destroy();
    if (mode === 'create') for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    if (e instanceof DomainError) throw e;
    mapOpenError(e);
  }
}

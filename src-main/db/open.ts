import Database from 'better-sqlite3-multiple-ciphers';
import { accessSync, closeSync, constants, openSync, readSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { DomainError } from '../domain/errors';
import { createPrivateFile, restrictFile } from './backup-file';
import { applyKey } from './cipher';
import { inspectMigrations, runMigrations, schemaVersionOf } from './migrate';
import { MIGRATIONS } from './migrations';
import type { VigieMigration } from './migrations/types';
import type { DB } from './schema';

export { applyKey } from './cipher';

export type RawDatabase = Database.Database;

export interface OpenedDatabase {
  raw: RawDatabase;
  db: Kysely<DB>;
  created: boolean;
  migrated: string[];
  /** Schema version before and after this open (equal when nothing was upgraded). */
  fromVersion: number;
  schemaVersion: number;
  backup?: string;
  readOnly: boolean;
}

export const WORKSPACE_EXTENSION = '.vigie';
export const MIN_PASSPHRASE_LENGTH = 8;
export const BUSY_TIMEOUT_MS = 5000;

const SQLITE_PLAINTEXT_HEADER = 'SQLite format 3\u0000';

/** `<folder>/<name>.backups`: where a workspace's backups live, beside it. */
export function backupDir(path: string): string {
  return join(dirname(path), `${basename(path, WORKSPACE_EXTENSION)}.backups`);
}

/** A file inside a `<name>.backups` folder is a backup: Vigie never upgrades or writes it in place. */
export function isBackupPath(path: string): boolean {
  return basename(dirname(path)).toLowerCase().endsWith('.backups');
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

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

/** Issue 2's sentence, then issue 12's: a wrong key and a damaged first page look the same. */
export const WRONG_PASSPHRASE_OR_DAMAGED = 'Wrong passphrase for this workspace, or the start of the file is damaged: try a backup.';

export const LOCKED_MESSAGE =
  'This workspace is open in another window or program, which is keeping it busy. Close it there (or wait for it to finish), then try again.';

/**
 * Turns what SQLite or the file system said into a sentence with a specific code. Never lets a raw
 * SQLite message or a source path through: an unknown failure says so, with the SQLite code only.
 */
export function mapOpenError(e: unknown): never {
  if (e instanceof DomainError) throw e;
  const code = sqliteCode(e);
  if (code === 'SQLITE_NOTADB') {
    // A wrong key and a damaged first page fail the same HMAC check: they cannot be told apart.
    throw new DomainError('wrong_passphrase', WRONG_PASSPHRASE_OR_DAMAGED);
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    throw new DomainError('workspace_corrupt', 'This workspace file is damaged (a page failed its integrity check). Restore it from a backup.');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw new DomainError('workspace_locked', LOCKED_MESSAGE);
  if (code.startsWith('SQLITE_READONLY')) {
    throw new DomainError('workspace_read_only', 'This workspace cannot be changed: the file or its folder is read-only. Copy it to a folder you may write to, or change its permissions.');
  }
  if (code === 'SQLITE_FULL') throw new DomainError('disk_full', 'The disk is full: free some space, then try again. Nothing was changed.');
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code.startsWith('SQLITE_IOERR')) {
    throw new DomainError('workspace_unreadable', 'Vigie cannot open this file: check that it exists and that you may read and write it and its folder.', { sqlite: code });
  }
  const fsCode = code;
  if (fsCode === 'EACCES' || fsCode === 'EPERM') {
    throw new DomainError('workspace_unreadable', 'Vigie may not read or write this file: check its permissions and those of its folder.', { errno: fsCode });
  }
  if (fsCode === 'EROFS') throw new DomainError('workspace_read_only', 'This file is on a read-only disk: copy it to a folder you may write to.');
  if (code.startsWith('SQLITE_')) throw new DomainError('workspace_open_failed', `Vigie could not open this workspace (SQLite reported ${code}). Try again; if it persists, restore a backup.`, { sqlite: code });
  throw e;
}

function applyPragmas(raw: RawDatabase): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // Temporary tables and indices stay in memory: no plaintext temp files on disk.
  raw.pragma('temp_store = MEMORY');
  raw.pragma(`cache_size = ${PAGE_CACHE_KIB}`);
}

/**
 * Page cache of a connection, in KiB (negative = KiB for SQLite). SQLite's default is 2 MiB: with a
 * cipher every page read from disk is decrypted again, so a 100,000-case workspace (hundreds of
 * MiB) spent its time re-reading the same index pages. 32 MiB keeps the hot B-tree levels and the
 * request/breach indexes in memory and stays far inside the memory budget (issue 11: ≤ 300 MB).
 */
export const PAGE_CACHE_KIB = -32768;

export function validatePassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new DomainError('weak_passphrase', `The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if (sqliteCode(e) === 'ENOENT' || sqliteCode(e) === 'ENOTDIR') return undefined;
    mapOpenError(e);
  }
}

/** Checks the file system before SQLite sees the path, so each problem gets its own sentence. */
function precheck(path: string, mode: 'create' | 'open', readOnly: boolean): void {
  const folder = dirname(path);
  const folderStat = statOrUndefined(folder);
  if (!folderStat) throw new DomainError('invalid_path', `The folder ${folder} does not exist.`, { folder });
  if (!folderStat.isDirectory()) throw new DomainError('invalid_path', `${folder} is not a folder.`, { folder });
  const st = statOrUndefined(path);
  if (st?.isDirectory()) {
    throw new DomainError('workspace_is_folder', `${basename(path)} is a folder, not a workspace file. Choose the .vigie file itself.`, { path });
  }
  if (mode === 'create') {
    if (st) throw new DomainError('workspace_exists', `A file already exists at ${path}; choose another name or open it instead.`);
    if (!writable(folder)) throw new DomainError('folder_read_only', `Vigie may not create files in ${folder}: choose a folder you may write to.`, { folder });
    return;
  }
  if (!st) throw new DomainError('workspace_not_found', `No workspace at ${path}.`);
  if (!st.isFile()) throw new DomainError('workspace_unreadable', `${basename(path)} is not a regular file.`);
  if (st.size === 0) {
    throw new DomainError('workspace_empty', 'This workspace file is empty (0 bytes): it was truncated or its creation never finished. Restore it from a backup.');
  }
  let header: string;
  try {
    header = readHeader(path);
  } catch (e) {
    mapOpenError(e);
  }
  if (header === SQLITE_PLAINTEXT_HEADER) throw new DomainError('not_encrypted', 'This file is an unencrypted SQLite database, not a Vigie workspace.');
  if (readOnly) return;
  if (!writable(path)) {
    throw new DomainError('workspace_read_only', 'This workspace file is read-only: Vigie needs to write to it. Change its permissions, or copy it to a folder you may write to.', { path });
  }
  // WAL mode creates `-wal` and `-shm` files beside the workspace.
  if (!writable(folder)) {
    throw new DomainError('folder_read_only', `The folder ${folder} is read-only: Vigie needs to create its journal files beside the workspace. Move the workspace to a folder you may write to.`, { folder });
  }
}

export interface UpgradeInfo {
  fromVersion: number;
  toVersion: number;
  pending: string[];
}

export interface OpenOptions {
  path: string;
  passphrase: string;
  mode: 'create' | 'open';
  /** Tests only: run against another migration list (an older or newer build). */
  migrations?: readonly VigieMigration[];
  /**
   * Called before an existing workspace is upgraded, with the connection; returns the path of the
   * verified backup it made. If it throws, the upgrade does not run and nothing is changed.
   */
  beforeUpgrade?: (raw: RawDatabase, info: UpgradeInfo) => string | undefined;
  /** How long to wait for another program holding the write lock. */
  busyTimeoutMs?: number;
}

/** The workspace's files: the database, its write-ahead log and shared-memory index. */
export function workspaceFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`];
}

export async function openDatabase({ path, passphrase, mode, migrations = MIGRATIONS, beforeUpgrade, busyTimeoutMs = BUSY_TIMEOUT_MS }: OpenOptions): Promise<OpenedDatabase> {
  if (!path.endsWith(WORKSPACE_EXTENSION)) {
    throw new DomainError('invalid_path', `A workspace file name must end with ${WORKSPACE_EXTENSION} (got ${basename(path)}).`);
  }
  // A backup is opened read-only: reading it must never change it (no WAL, no upgrade).
  const readOnly = mode === 'open' && isBackupPath(path);
  if (mode === 'create') {
    validatePassphrase(passphrase);
    if (isBackupPath(path)) throw new DomainError('invalid_path', 'A workspace cannot be created inside a backups folder.');
  } else if (passphrase.length === 0) {
    throw new DomainError('wrong_passphrase', 'Wrong passphrase for this workspace');
  }
  precheck(path, mode, readOnly);

  // From here on, a failed create removes every file it made: no empty workspace is left behind.
  const cleanUp = () => {
    if (mode === 'create') for (const f of workspaceFiles(path)) rmSync(f, { force: true });
  };

  let raw: RawDatabase;
  try {
    // Created empty with mode 0600 (SQLite would use 0644 minus the umask); the WAL and SHM files
    // SQLite creates later take the database file's mode.
    if (mode === 'create') createPrivateFile(path);
    raw = new Database(path, { fileMustExist: true, readonly: readOnly, timeout: busyTimeoutMs });
  } catch (e) {
    if (mode === 'create' && sqliteCode(e) === 'EEXIST') throw new DomainError('workspace_exists', `A file already exists at ${path}; choose another name or open it instead.`);
    cleanUp();
    mapOpenError(e);
  }
  try {
    applyKey(raw, passphrase);
    // The first read proves the key: a wrong one fails here with SQLITE_NOTADB.
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!readOnly) {
      applyPragmas(raw);
      // Take the write lock once: a workspace another program keeps busy is reported now, clearly,
      // instead of failing at the first change.
      raw.exec('BEGIN IMMEDIATE');
      raw.exec('ROLLBACK');
      for (const f of workspaceFiles(path)) restrictFile(f);
    }
  } catch (e) {
    raw.close();
    cleanUp();
    mapOpenError(e);
  }

  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    const state = inspectMigrations(raw, migrations);
    if (mode === 'open' && state.applied.length === 0) {
      throw new DomainError('not_a_workspace', 'This file opens with that passphrase but is not a Vigie workspace.');
    }
    const fromVersion = schemaVersionOf(state.applied);
    if (state.pending.length === 0) return { raw, db, created: false, migrated: [], fromVersion, schemaVersion: fromVersion, readOnly };
    if (readOnly) {
      throw new DomainError(
        'backup_not_upgraded',
        'This file is a backup made by an older version of Vigie. Vigie never upgrades a backup in place: restore it into its workspace instead (Settings › Backups › Restore, or `backup restore` on the command line).',
        { path },
      );
    }
    const toVersion = schemaVersionOf([...state.applied, ...state.pending]);
    const backup = mode === 'open' && beforeUpgrade ? beforeUpgrade(raw, { fromVersion, toVersion, pending: state.pending }) : undefined;
    let result;
    try {
      result = runMigrations(raw, migrations);
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'migration_failed' || e.code === 'migration_unconfirmed') && mode === 'create') {
        const d = (e.details ?? {}) as { migration?: string };
        throw new DomainError('create_failed', `Could not create the workspace (migration ${d.migration ?? '?'} failed). No file was left behind; try again, and report this if it persists.`, d);
      }
      if (e instanceof DomainError && (e.code === 'migration_failed' || e.code === 'migration_unconfirmed') && backup) {
        throw new DomainError(e.code, `${e.message} A verified backup was made before the upgrade: ${basename(backup)}.`, {
          ...(e.details as object),
          backup,
        });
      }
      throw e;
    }
    for (const f of workspaceFiles(path)) restrictFile(f);
    return { raw, db, created: mode === 'create', migrated: result.migrated, fromVersion: result.fromVersion, schemaVersion: result.toVersion, backup, readOnly };
  } catch (e) {
    await db.destroy();
    cleanUp();
    mapOpenError(e);
  }
}

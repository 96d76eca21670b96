import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../domain/errors';
import { schemaVersionOf } from './migrate';
import { applyKey } from './cipher';
import type { RawDatabase } from './open';

/** Owner-only modes on POSIX (issue 12, item 8); ignored on Windows, where ACLs apply. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * Takes away any group and other permission (tighten only: a file the user made read-only stays
 * read-only). Workspaces made by earlier builds (0644 minus the umask) are fixed at their next open.
 */
export function restrictFile(path: string): void {
  if (process.platform === 'win32') return;
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) chmodSync(path, mode & 0o700);
  } catch {
    // The file may be gone already (a -shm removed at close): nothing to protect.
  }
}

/** Sets exactly 0600 (a copy takes its source's mode; the umask may have taken more). */
export function setPrivate(path: string): void {
  if (process.platform !== 'win32') chmodSync(path, FILE_MODE);
}

/** Creates an empty file with mode 0600 (whatever the umask) that must not exist yet (SQLite then fills it). */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', FILE_MODE));
  setPrivate(path);
}

/**
 * Writes an encrypted copy of the open database to `target`. `db.backup()` is refused on an
 * encrypted database; VACUUM INTO writes a compacted copy encrypted with the same key. The target
 * is created empty with mode 0600 first (VACUUM INTO accepts an empty file), so the copy is never
 * readable by others, whatever the umask.
 */
export function vacuumInto(raw: RawDatabase, target: string): void {
  createPrivateFile(target);
  try {
    raw.prepare('VACUUM INTO ?').run(target);
    setPrivate(target);
    // VACUUM INTO leaves the copy in the page cache: a backup is on disk before it is called one
    // (and its writeback does not stall the next commits' fsync).
    fsyncPath(target);
    fsyncDirectory(dirname(target));
  } catch (e) {
    rmSync(target, { force: true });
    throw e;
  }
}

export interface CheckedCopy {
  schemaVersion: number;
  applied: string[];
}

/** The migrations a database has applied (no hash check: this only reads which version it is). */
export function appliedMigrations(raw: RawDatabase): string[] {
  const has = (raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get() as { n: number }).n > 0;
  return has ? (raw.prepare(`SELECT name FROM kysely_migration ORDER BY name`).all() as { name: string }[]).map((r) => r.name) : [];
}

/**
 * Opens a copy read-only with the passphrase and runs `PRAGMA quick_check`: a copy that does not
 * open, or fails the check, is not a backup.
 */
export function checkCopy(path: string, passphrase: string): CheckedCopy {
  if (!existsSync(path)) throw new DomainError('backup_not_found', 'This backup file no longer exists.');
  let copy: RawDatabase | undefined;
  try {
    copy = new Database(path, { readonly: true, fileMustExist: true });
    applyKey(copy, passphrase);
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DomainError('backup_damaged', `This backup failed its integrity check (${String(check)}).`);
    const applied = appliedMigrations(copy);
    if (applied.length === 0) throw new DomainError('backup_damaged', 'This copy opens but holds no Vigie workspace.');
    return { schemaVersion: schemaVersionOf(applied), applied };
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    if (code === 'SQLITE_NOTADB') {
      throw new DomainError('backup_unreadable', 'This backup does not open with the passphrase of the workspace (or its start is damaged).');
    }
    if (code.startsWith('SQLITE_CORRUPT')) throw new DomainError('backup_damaged', 'This backup is damaged (a page failed its integrity check).');
    throw e;
  } finally {
    copy?.close();
  }
}

/**
 * Copies the workspace at `path` aside before it is replaced by a restore. When it opens with the
 * passphrase, the copy is a checked VACUUM INTO; when it does not (it may be the damaged file the
 * person is restoring from), the file and its write-ahead log are copied byte for byte, so
 * nothing that was on disk is lost. Returns whether the copy could be verified.
 */
export function copyAside(path: string, passphrase: string, target: string): { verified: boolean; schemaVersion: number | null } {
  let raw: RawDatabase | undefined;
  try {
    raw = new Database(path, { fileMustExist: true, timeout: 5000 });
    applyKey(raw, passphrase);
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    vacuumInto(raw, target);
    raw.close();
    raw = undefined;
    const { schemaVersion } = checkCopy(target, passphrase);
    return { verified: true, schemaVersion };
  } catch {
    raw?.close();
    rmSync(target, { force: true });
    createPrivateFile(target);
    copyFileSync(path, target);
    setPrivate(target);
    if (existsSync(`${path}-wal`)) {
      createPrivateFile(`${target}-wal`);
      copyFileSync(`${path}-wal`, `${target}-wal`);
      setPrivate(`${target}-wal`);
    }
    return { verified: false, schemaVersion: null };
  }
}

/** Writes `bytes`-identical copy of `source` to `target` through a 0600 temporary file and a rename. */
export function replaceFileWith(source: string, target: string): void {
  const temp = join(dirname(target), `.${basename(target)}.restore-${process.pid}-${Date.now()}.tmp`);
  createPrivateFile(temp);
  try {
    copyFileSync(source, temp);
    setPrivate(temp);
    fsyncPath(temp);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  // Make the rename itself durable.
  fsyncDirectory(dirname(target));
}

/** Flushes a file's content to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a directory's entries (a file created or renamed in it) durable; not possible on Windows. */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}

/**
 * Backups a DPO can use (issue 12): encrypted copies of the workspace in `<name>.backups/` beside
 * it, each with a small JSON manifest readable without the passphrase (date, size, schema version,
 * kind; no personal data), rotated, and restorable.
 *
 * Kinds and rotation: domain/backup-rotation.ts.
 */
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkCopy, copyAside, DIR_MODE, FILE_MODE, replaceFileWith, restrictFile, vacuumInto } from '../db/backup-file';
import { backupDir, isBackupPath, WORKSPACE_EXTENSION, workspaceFiles, type RawDatabase } from '../db/open';
import { BACKUP_KINDS, backupsToKeep, localDay, type BackupKind } from '../domain/backup-rotation';
import { DomainError } from '../domain/errors';
import { openCopySource } from '../db/open-reader';

export { BACKUP_KINDS, type BackupKind } from '../domain/backup-rotation';

/** Manifest format 1 (2026-12-01): one `<id>.json` beside each `<id>.vigie`; bump on any change. */
export const MANIFEST_FORMAT = 1;

export interface BackupInfo {
  id: string;
  fileName: string;
  path: string;
  kind: BackupKind;
  createdAt: string;
  size: number;
  /** null for a copy Vigie could not open (a byte copy of a damaged file) or an older build's backup. */
  schemaVersion: number | null;
  /** The copy was opened with the passphrase and passed `PRAGMA quick_check` when it was made. */
  verified: boolean;
  sha256?: string;
}

interface Manifest {
  format: number;
  id: string;
  file: string;
  kind: BackupKind;
  createdAt: string;
  size: number;
  schemaVersion: number | null;
  verified: boolean;
  sha256: string;
}

const ID_PATTERN = /^[A-Za-z0-9._-]{1,200}$/;

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (process.platform !== 'win32') chmodSync(dir, DIR_MODE);
}

/** Hashes in 1 MiB chunks: a large workspace is never read into memory at once. */
function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function writeManifest(dir: string, m: Manifest): void {
  const target = join(dir, `${m.id}.json`);
  const temp = `${target}.tmp`;
  writeFileSync(temp, `${JSON.stringify(m, null, 2)}\n`, { mode: FILE_MODE });
  restrictFile(temp);
  renameSync(temp, target);
}

function toInfo(dir: string, m: Manifest): BackupInfo {
  return { id: m.id, fileName: m.file, path: join(dir, m.file), kind: m.kind, createdAt: m.createdAt, size: m.size, schemaVersion: m.schemaVersion, verified: m.verified, sha256: m.sha256 };
}

/** Every backup of the workspace at `path`, newest first. Needs no passphrase. */
export function listBackups(path: string): BackupInfo[] {
  const dir = backupDir(path);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir);
  const out: BackupInfo[] = [];
  const described = new Set<string>();
  for (const f of files.filter((x) => x.endsWith('.json'))) {
    try {
      const m = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Manifest;
      if (m.format !== MANIFEST_FORMAT || typeof m.file !== 'string' || !existsSync(join(dir, m.file)) || !BACKUP_KINDS.includes(m.kind)) continue;
      described.add(m.file);
      out.push(toInfo(dir, m));
    } catch {
      // A manifest cut short (crash while writing) is ignored; its backup is listed below from the file.
    }
  }
  // A copy without its manifest: made by an earlier build (before upgrades only, named
  // `<name>-<stamp>.vigie`), or cut short by a crash before its check. Listed, marked unverified;
  // a restore checks it before using it.
  for (const f of files.filter((x) => x.endsWith(WORKSPACE_EXTENSION) && !described.has(x))) {
    const st = statSync(join(dir, f));
    const id = basename(f, WORKSPACE_EXTENSION);
    const kind = BACKUP_KINDS.find((k) => new RegExp(`-${k}(-\\d+)?$`).test(id)) ?? 'pre-upgrade';
    out.push({ id, fileName: f, path: join(dir, f), kind, createdAt: st.mtime.toISOString(), size: st.size, schemaVersion: null, verified: false });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

export function findBackup(path: string, id: string): BackupInfo {
  if (!ID_PATTERN.test(id)) throw new DomainError('backup_not_found', 'No backup with this identifier.', { id });
  const found = listBackups(path).find((b) => b.id === id);
  if (!found) throw new DomainError('backup_not_found', `No backup ${id} for this workspace. List them with \`backup list\` or in Settings › Backups.`, { id });
  return found;
}

function newTarget(dir: string, name: string, kind: BackupKind, now: Date): { id: string; file: string } {
  const base = `${name}-${stampOf(now)}-${kind}`;
  let id = base;
  for (let i = 2; existsSync(join(dir, `${id}${WORKSPACE_EXTENSION}`)) || existsSync(join(dir, `${id}.json`)); i++) id = `${base}-${i}`;
  return { id, file: `${id}${WORKSPACE_EXTENSION}` };
}

export interface CreateBackupInput {
  raw: RawDatabase;
  path: string;
  passphrase: string;
  kind: BackupKind;
  now?: Date;
}

/**
 * Makes one backup: VACUUM INTO a new 0600 file, open it with the passphrase and `quick_check` it,
 * then write its manifest and rotate. A copy that fails its check is deleted and the call throws.
 */
export function createBackup({ raw, path, passphrase, kind, now = new Date(), checkpoint }: CreateBackupInput & { checkpoint?: () => void }): BackupInfo {
  if (isBackupPath(path)) throw new DomainError('backup_of_backup', 'This file is itself a backup; restore it rather than backing it up.');
  const dir = backupDir(path);
  ensureDir(dir);
  const { id, file } = newTarget(dir, basename(path, WORKSPACE_EXTENSION), kind, now);
  const target = join(dir, file);
  try {
    vacuumInto(raw, target);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    throw new DomainError(
      'backup_failed',
      code === 'SQLITE_FULL' || code === 'ENOSPC' ? 'The backup could not be written: the disk is full.' : `The backup could not be written in ${dir} (${code || 'unknown error'}).`,
      { folder: dir },
    );
  }
  let schemaVersion: number;
  let digest: string;
  try {
    // A cancel (a backup made in a job) between the steps leaves no copy without its manifest.
    checkpoint?.();
    try {
      ({ schemaVersion } = checkCopy(target, passphrase));
    } catch (e) {
      throw new DomainError('backup_failed', `The backup copy failed its check and was discarded${e instanceof Error ? ` (${e.message})` : ''}.`);
    }
    checkpoint?.();
    digest = sha256File(target);
    checkpoint?.();
  } catch (e) {
    rmSync(target, { force: true });
    throw e;
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, id, file, kind, createdAt: now.toISOString(), size: statSync(target).size, schemaVersion, verified: true, sha256: digest };
  writeManifest(dir, manifest);
  rotateBackups(path, now);
  return toInfo(dir, manifest);
}

export function rotateBackups(path: string, _now = new Date()): string[] {
  const all = listBackups(path);
  const keep = backupsToKeep(all);
  const removed: string[] = [];
  for (const b of all) {
    if (keep.has(b.id)) continue;
    for (const f of [b.path, `${b.path}-wal`, join(backupDir(path), `${b.id}.json`)]) rmSync(f, { force: true });
    removed.push(b.id);
  }
  return removed;
}

/**
 * A backup made off the main thread (the `backup` job, jobs/definitions.ts): on its own connection
 * to the open workspace (openCopySource: VACUUM INTO needs one that is not read-only), closed after.
 * A daily one is made only if none was made today (null otherwise). `checkpoint` throws to cancel;
 * a cancelled backup leaves no file.
 */
export function createBackupOf(input: { path: string; passphrase: string; kind: BackupKind; now: Date; checkpoint?: () => void }): BackupInfo | null {
  if (input.kind === 'daily' && !dailyBackupDue(input.path, input.now)) return null;
  input.checkpoint?.();
  const raw = openCopySource(input.path, input.passphrase);
  try {
    return createBackup({ raw, ...input });
  } finally {
    raw.close();
  }
}

/** True when no automatic daily backup was made on the local calendar day of `now`. */
export function dailyBackupDue(path: string, now = new Date()): boolean {
  const today = localDay(now.toISOString());
  return !listBackups(path).some((b) => b.kind === 'daily' && localDay(b.createdAt) === today);
}

/** What a restored workspace must offer so the restore can be verified. */
export interface Verifiable {
  quickCheck(): string;
  verifyAudit(): Promise<{ ok: boolean; entries: number; firstBroken?: { reason: string } }>;
}

export interface RestoreResult<W> {
  restored: BackupInfo;
  /** The copy of the file that was replaced (null when there was no file to replace). */
  safetyCopy: BackupInfo | null;
  workspace: W;
  quickCheck: string;
  audit: { ok: boolean; entries: number; firstBroken?: { reason: string } };
  /** quick_check said ok and the audit trail verified. */
  verified: boolean;
}

/**
 * Replaces the (closed) workspace at `path` with backup `id`, then verifies it:
 * 1. the backup must open with the passphrase and pass `quick_check` (otherwise nothing changes);
 * 2. the current file is copied aside first (a `pre-restore` backup; a byte copy if it is damaged);
 * 3. stale `-wal`/`-shm` files are removed, the backup is copied to a 0600 temporary file which
 *    is renamed over the workspace;
 * 4. `reopen` opens it (upgrading an older backup, with its own pre-upgrade backup), then
 *    `quick_check` and `audit verify` run on it.
 */
export async function restoreBackup<W extends Verifiable>(input: { path: string; passphrase: string; id: string; now?: Date; reopen: (path: string) => Promise<W> }): Promise<RestoreResult<W>> {
  const { path, passphrase, id, reopen } = input;
  const now = input.now ?? new Date();
  if (isBackupPath(path)) throw new DomainError('backup_of_backup', 'Choose the workspace to restore into, not a backup file.');
  const backup = findBackup(path, id);
  checkCopy(backup.path, passphrase);
  const dir = backupDir(path);
  ensureDir(dir);
  let safety: BackupInfo | null = null;
  if (existsSync(path)) {
    const { id: safetyId, file } = newTarget(dir, basename(path, WORKSPACE_EXTENSION), 'pre-restore', now);
    const target = join(dir, file);
    const { verified, schemaVersion } = copyAside(path, passphrase, target);
    const m: Manifest = { format: MANIFEST_FORMAT, id: safetyId, file, kind: 'pre-restore', createdAt: now.toISOString(), size: statSync(target).size, schemaVersion, verified, sha256: sha256File(target) };
    writeManifest(dir, m);
    safety = toInfo(dir, m);
    // The last connection to close removes the write-ahead log. If it is still there after ours
    // closed, another window or program has the workspace open: replacing the file under it would
    // lose its writes (and deleting its log could damage the file).
    if (verified && existsSync(`${path}-wal`)) {
      throw new DomainError(
        'workspace_locked',
        `This workspace is open in another window or program: close it there, then restore. Nothing was replaced (the current file was backed up as ${safetyId}).`,
        { safetyCopy: safetyId },
      );
    }
  }
  for (const f of workspaceFiles(path).slice(1)) rmSync(f, { force: true });
  replaceFileWith(backup.path, path);
  rotateBackups(path, now);
  const workspace = await reopen(path);
  const quickCheck = workspace.quickCheck();
  const audit = await workspace.verifyAudit();
  return { restored: backup, safetyCopy: safety, workspace, quickCheck, audit, verified: quickCheck === 'ok' && audit.ok };
}

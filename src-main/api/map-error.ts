/**
 * Turns an unexpected error (SQLite, the file system) into a DomainError a person can act on, so
 * no entry point (router, CLI) ever shows a stack trace, an SQLite message or a source path.
 * Pure: it reads only the `code` string that better-sqlite3 and Node put on their errors.
 */
import { DomainError } from '../domain/errors';

export const BUSY_MESSAGE = 'This workspace is open in another window or program, which is saving changes. Wait a moment and try again, or close it there.';

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A DomainError for an error a person can understand; undefined for a genuine bug (reported as `internal`). */
export function mapKnownError(e: unknown): DomainError | undefined {
  if (e instanceof DomainError) return e;
  const code = codeOf(e);
  if (!code) return undefined;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_')) {
    return new DomainError('workspace_busy', BUSY_MESSAGE);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'SQLITE_PERM') {
    return new DomainError('workspace_read_only', 'This workspace cannot be changed: the file or its folder is read-only. Check its permissions, or copy it to a folder you may write in.');
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return new DomainError('workspace_corrupt', 'Part of this workspace file is damaged, so Vigie stopped before changing anything. Restore it from a backup.');
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new DomainError('disk_full', 'The disk is full, so nothing was saved. Free some space and try again.');
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_') || code === 'EIO') {
    return new DomainError('workspace_io_error', 'Vigie could not read or write the workspace file (a disk, network or permission problem). Nothing was changed; check the disk and try again.');
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new DomainError('file_not_accessible', 'Vigie is not allowed to read or write a file it needs. Check the permissions of the file and its folder.');
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DomainError('file_not_found', 'A file Vigie needs was not found (moved or deleted?). Check the path and try again.');
  }
  if (code === 'EISDIR') {
    return new DomainError('file_is_folder', 'The path names a folder, not a file. Choose a file.');
  }
  return undefined;
}

/**
 * The one way Vigie writes a file a person asked for (exports, letters, calendars, packs).
 * Rules (data-safety issue, item 1): never over a workspace (`*.vigie`, its `-wal`/`-shm`), never
 * inside a `<name>.backups/` folder, never with an extension that does not match the format,
 * never over an existing file unless the caller says `force` (CLI `--force`, UI confirmation),
 * and always through a temporary file in the same folder then a rename, so a crash or a cancel
 * leaves either the old file or the new one, never half of one. Files are created 0600.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DomainError } from '../domain/errors';
import type { OutputFormatName } from './platform';

export const OUTPUT_FORMATS = {
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  ods: ['.ods'],
  csv: ['.csv'],
  ics: ['.ics'],
  zip: ['.zip'],
  json: ['.json'],
  txt: ['.txt'],
  pdf: ['.pdf'],
} as const satisfies Record<OutputFormatName, readonly string[]>;
export type OutputFormat = keyof typeof OUTPUT_FORMATS;

export interface OutputOptions {
  format: OutputFormat;
  /** Replace an existing file (CLI `--force`, or the person confirmed in the UI). */
  force?: boolean;
  /** Paths that must never be written (e.g. the open workspace), in addition to every `.vigie` file. */
  protectedPaths?: readonly string[];
  /** Called between chunks when streaming; throwing (e.g. a cancel) removes the temporary file. */
  checkpoint?: () => void;
}

const WORKSPACE_LIKE = /\.vigie(-wal|-shm|-journal)?$/i;
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

/** The format whose extension a path carries, or undefined. */
export function formatOfPath(path: string): OutputFormat | undefined {
  const ext = extname(path).toLowerCase();
  return (Object.keys(OUTPUT_FORMATS) as OutputFormat[]).find((f) => (OUTPUT_FORMATS[f] as readonly string[]).includes(ext));
}

/** The path with symbolic links resolved where it exists (a link named `x.ics` may point at a workspace). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function same(a: string, b: string): boolean {
  // Case-insensitive file systems (macOS, Windows) treat W.VIGIE and w.vigie as one file.
  return process.platform === 'darwin' || process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function refuseWorkspace(target: string, what: string): never {
  throw new DomainError('output_is_workspace', `Refusing to write over ${what}: it is a Vigie workspace file (or part of one). Choose another file name.`, { path: target, name: basename(target) });
}

/**
 * Refuses a workspace file (any `.vigie`, its -wal/-shm/-journal, a link to one) and the protected
 * paths with their side files. Returns the path with links resolved. Commands that choose the format
 * from the extension call it first, so "the workspace" is what they report, not "wrong extension".
 */
export function refuseWorkspacePaths(path: string, protectedPaths: readonly string[] = []): string {
  const target = resolve(path);
  const name = basename(target);
  const realTarget = existsSync(target) ? real(target) : join(real(dirname(target)), name);
  if (WORKSPACE_LIKE.test(name)) refuseWorkspace(target, name);
  if (WORKSPACE_LIKE.test(basename(realTarget))) refuseWorkspace(target, `${name} (a link to ${basename(realTarget)})`);
  for (const p of protectedPaths) {
    const pr = resolve(p);
    const prReal = real(pr);
    for (const suffix of SIDE_FILES) {
      if (same(target, pr + suffix) || same(realTarget, prReal + suffix)) {
        throw new DomainError('output_is_workspace', `Refusing to write over the open workspace ${basename(pr)}. Choose another file name.`, { path: target, name: basename(pr) });
      }
    }
  }
  return realTarget;
}

/**
 * Checks an output path before anything is computed, so a long export does not end in a refusal.
 * Throws a DomainError with a specific code; returns the resolved path.
 */
export function checkOutputPath(path: string, opts: OutputOptions): string {
  if (typeof path !== 'string' || path.trim() === '' || path.includes('\0')) {
    throw new DomainError('output_invalid_name', 'Give the name of the file to write.', {});
  }
  const target = resolve(path);
  const name = basename(target);
  const realTarget = refuseWorkspacePaths(target, opts.protectedPaths);
  const dir = dirname(target);
  const inBackups = (d: string) => d.split(/[\\/]/).some((part) => part.toLowerCase().endsWith('.backups'));
  if (inBackups(dir) || inBackups(dirname(realTarget))) {
    throw new DomainError('output_in_backups', `Refusing to write into a backups folder (${dir}): it holds a workspace's backups. Choose another folder.`, { path: target, folder: dir });
  }
  const expected = OUTPUT_FORMATS[opts.format] as readonly string[];
  if (!expected.includes(extname(name).toLowerCase())) {
    throw new DomainError('output_extension_mismatch', `A ${opts.format.toUpperCase()} file must end with ${expected.join(' or ')} (got ${name}).`, {
      path: target,
      format: opts.format,
      expected: expected.join(', '),
    });
  }
  if (!existsSync(dir)) throw new DomainError('output_folder_missing', `The folder ${dir} does not exist. Create it or choose another folder.`, { path: target, folder: dir });
  if (!statSync(dir).isDirectory()) throw new DomainError('output_folder_missing', `${dir} is not a folder. Choose another folder.`, { path: target, folder: dir });
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (existing) {
    if (existing.isDirectory() || (existing.isSymbolicLink() && existsSync(target) && statSync(target).isDirectory())) {
      throw new DomainError('output_is_folder', `${target} is a folder; give a file name.`, { path: target });
    }
    if (!opts.force) {
      throw new DomainError('output_exists', `${name} already exists. Confirm to replace it (on the command line: --force).`, { path: target, name });
    }
  }
  return target;
}

/** Turns a file-system failure while writing into a sentence with a next step (never errno text alone). */
function fileSystemError(e: unknown, target: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const dir = dirname(target);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new DomainError('output_not_writable', `Vigie may not write in ${dir}. Choose another folder or check its permissions.`, { path: target, folder: dir });
    case 'EROFS':
      return new DomainError('output_not_writable', `${dir} is on a read-only disk. Choose another folder.`, { path: target, folder: dir });
    case 'ENOSPC':
    case 'EDQUOT':
      return new DomainError('output_disk_full', `The disk holding ${dir} is full. Free some space or choose another disk; nothing was written.`, { path: target, folder: dir });
    case 'ENAMETOOLONG':
      return new DomainError('output_invalid_name', 'The file name is too long. Choose a shorter one.', { path: target });
    case 'ENOENT':
    case 'ENOTDIR':
      return new DomainError('output_folder_missing', `The folder ${dir} does not exist any more. Choose another folder.`, { path: target, folder: dir });
    default:
      return e;
  }
}

function lstatExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
}

/**
 * Writes `data` (bytes, text, or chunks) to `path` under the rules above. Returns the final path
 * and the number of bytes written.
 */
export async function writeOutputFile(
  path: string,
  data: Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  opts: OutputOptions,
): Promise<{ path: string; bytes: number }> {
  const target = checkOutputPath(path, opts);
  const temp = tempPathFor(target);
  let fd: number | undefined;
  let bytes = 0;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const put = (chunk: Uint8Array) => {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd!, chunk, off, chunk.length - off);
      bytes += chunk.length;
    };
    if (typeof data === 'string') put(Buffer.from(data, 'utf8'));
    else if (data instanceof Uint8Array) put(data);
    else if (Symbol.asyncIterator in data) {
      for await (const chunk of data as AsyncIterable<Uint8Array>) {
        opts.checkpoint?.();
        put(chunk);
      }
    } else {
      for (const chunk of data as Iterable<Uint8Array>) {
        opts.checkpoint?.();
        put(chunk);
      }
    }
    opts.checkpoint?.();
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // Re-check just before the rename: the file may have appeared meanwhile.
    if (!opts.force && lstatExists(target)) {
      throw new DomainError('output_exists', `${basename(target)} already exists. Confirm to replace it (on the command line: --force).`, { path: target });
    }
    renameSync(temp, target);
    return { path: target, bytes };
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing: the temporary file is removed below */
      }
    }
    rmSync(temp, { force: true });
    throw e instanceof DomainError ? e : fileSystemError(e, target);
  }
}

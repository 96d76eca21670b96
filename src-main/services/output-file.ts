/**
 * The one way Vigie writes a file a person asked for (exports, letters, calendars, packs).
 * Rules (data-safety issue, item 1): never over a workspace (`*.vigie`, its `-wal`/`-shm`), never
 * inside a `<name>.backups/` folder, never with an extension that does not match the format,
 * never over an existing file unless the caller says `force` (CLI `--force`, UI confirmation),
 * and always through a temporary file in the same folder then a rename, so a crash or a cancel
 * leaves either the old file or the new one, never half of one. Files are created 0600.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DomainError } from '../domain/errors';

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
} as const satisfies Record<string, readonly string[]>;
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

/** The format whose extension a path carries, or undefined. */
export function formatOfPath(path: string): OutputFormat | undefined {
  const ext = extname(path).toLowerCase();
  return (Object.keys(OUTPUT_FORMATS) as OutputFormat[]).find((f) => (OUTPUT_FORMATS[f] as readonly string[]).includes(ext));
}

/**
 * Checks an output path before anything is computed, so a long export does not end in a refusal.
 * Throws a DomainError with a specific code; returns the resolved path.
 */
export function checkOutputPath(path: string, opts: OutputOptions): string {
  const target = resolve(path);
  const name = basename(target);
  if (WORKSPACE_LIKE.test(name)) {
    throw new DomainError('output_is_workspace', `Refusing to write over ${name}: it is a Vigie workspace file (or part of one). Choose another file name.`, { path: target });
  }
  for (const p of opts.protectedPaths ?? []) {
    const pr = resolve(p);
    if (target === pr || target === `${pr}-wal` || target === `${pr}-shm`) {
      throw new DomainError('output_is_workspace', `Refusing to write over the open workspace ${basename(pr)}. Choose another file name.`, { path: target });
    }
  }
  if (dirname(target).split(/[\\/]/).some((part) => part.toLowerCase().endsWith('.backups'))) {
    throw new DomainError('output_in_backups', `Refusing to write into a backups folder (${dirname(target)}): it holds the workspace's backups. Choose another folder.`, { path: target });
  }
  const expected = OUTPUT_FORMATS[opts.format] as readonly string[];
  if (!expected.includes(extname(name).toLowerCase())) {
    throw new DomainError('output_extension_mismatch', `A ${opts.format.toUpperCase()} file must end with ${expected.join(' or ')} (got ${name}).`, { path: target, format: opts.format, expected });
  }
  const dir = dirname(target);
  if (!existsSync(dir)) throw new DomainError('output_folder_missing', `The folder ${dir} does not exist. Create it or choose another folder.`, { path: target });
  if (!statSync(dir).isDirectory()) throw new DomainError('output_folder_missing', `${dir} is not a folder.`, { path: target });
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new DomainError('output_is_folder', `${target} is a folder; give a file name.`, { path: target });
    if (!opts.force) {
      throw new DomainError('output_exists', `${name} already exists. Confirm to replace it (on the command line: --force).`, { path: target });
    }
  }
  return target;
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
    if (existsSync(target) && !opts.force) {
      throw new DomainError('output_exists', `${basename(target)} already exists. Confirm to replace it (on the command line: --force).`, { path: target });
    }
    renameSync(temp, target);
    return { path: target, bytes };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
}

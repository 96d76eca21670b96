/**
 * Opening a `.vigie` file the way desktop apps do:
 * - Windows and Linux pass the double-clicked file on the command line (first launch: process.argv;
 *   when Vigie already runs, the second process hands its argv to us through 'second-instance' and
 *   quits — the single-instance lock);
 * - macOS sends 'open-file', possibly before the app is ready (a double-click that launches Vigie);
 * - a `.vigie` file dropped on the window (the preload reports its path).
 * Each path waits until the window can take it, then becomes the renderer's "open this workspace"
 * event: the unlock form, pre-filled. Nothing is opened without the passphrase.
 */
import { posix, win32 } from 'node:path';

export const WORKSPACE_EXTENSION = '.vigie';

export function isWorkspacePath(p: unknown): p is string {
  return typeof p === 'string' && p.length > WORKSPACE_EXTENSION.length && p.length <= 1024 && !p.includes('\0') && p.toLowerCase().endsWith(WORKSPACE_EXTENSION);
}

/**
 * The workspace named on a command line, made absolute against the launching directory.
 * Flags (Chromium's `--original-process-start-time=…`, our own) are skipped; so is a
 * `--flag=x.vigie` value: only a plain argument counts.
 */
export function workspaceFromArgv(argv: readonly string[], cwd: string, platform: NodeJS.Platform = process.platform): string | null {
  const { isAbsolute, resolve } = platform === 'win32' ? win32 : posix;
  for (const raw of argv.slice(1)) {
    if (raw.startsWith('-')) continue;
    const arg = /^file:/i.test(raw) ? fileUrlToPath(raw, platform) : raw;
    if (!isWorkspacePath(arg)) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}

/**
 * Linux desktop entries launch us with `%U`: a file manager may pass `file:///home/…` URLs instead
 * of paths (the Desktop Entry spec allows both). Only local files (no host, or localhost).
 */
export function fileUrlToPath(url: string, platform: NodeJS.Platform = process.platform): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (platform === 'win32') return /^\/[A-Za-z]:\//.test(path) ? path.slice(1).replace(/\//g, '\\') : null;
  return path;
}

/** Holds the file asked for until the window is there to show it. */
export class FileOpenQueue {
  private pending: string | null = null;
  private deliver: ((path: string) => void) | null = null;

  /** Asks to open `path` (the latest request wins while nothing can take it). */
  request(path: string): void {
    if (!isWorkspacePath(path)) return;
    if (this.deliver) this.deliver(path);
    else this.pending = path;
  }

  /** The window is ready: hand it what was asked before, then everything that comes later. */
  attach(deliver: (path: string) => void): void {
    this.deliver = deliver;
    const p = this.pending;
    this.pending = null;
    if (p) deliver(p);
  }

  /** The window went away: hold requests again until the next one attaches. */
  detach(): void {
    this.deliver = null;
  }

  peek(): string | null {
    return this.pending;
  }
}

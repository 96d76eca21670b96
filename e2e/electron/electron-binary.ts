import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the Electron binary is, without requiring the `electron` package (which would try to
 * download it, and fails offline). Returns the reason when it is absent.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const pkg = resolve(import.meta.dirname, '../../node_modules/electron');
  if (!existsSync(pkg)) return { missing: 'the electron package is not installed' };
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const pathFile = join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const full = join(dist, rel);
  if (!existsSync(full)) return { missing: `the Electron binary was never downloaded (no ${full}); this machine cannot fetch it (ELECTRON_SKIP_BINARY_DOWNLOAD or no network)` };
  return { path: full };
}

/**
 * Why the Electron tests cannot run here, or null when they can. Where they must run (release and
 * CI workflows set VIGIE_REQUIRE_ELECTRON=1) a missing binary is an error, never a silent skip.
 */
export function electronSkipReason(): string | null {
  const b = electronBinary();
  if (!('missing' in b)) return null;
  if (process.env.VIGIE_REQUIRE_ELECTRON === '1') throw new Error(`VIGIE_REQUIRE_ELECTRON=1 but ${b.missing}`);
  return `Electron binary absent: ${b.missing}`;
}

/**
 * The renderer is served from `app://vigie/…`, a privileged custom scheme, instead of `file://`:
 * - the page has one exact origin (`app://vigie`), which the IPC sender check and the navigation
 *   guards compare against; a `file://` origin is shared by every file on the disk;
 * - every response carries our Content-Security-Policy header (a `file://` page has no headers);
 * - only files inside the built renderer folder can be read: `..`, encoded separators and absolute
 *   paths are refused (path traversal), so a compromised page cannot read the user's disk.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../csp';
import type { ElectronApi } from './electron-api';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vigie';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready (Electron's rule): standard + secure gives the scheme a real origin. */
export function registerAppScheme(protocol: ElectronApi['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    // standard + secure: a real origin (app://vigie) and a secure context. supportFetchAPI and
    // corsEnabled: Vite's `<script type="module" crossorigin>` is fetched in CORS mode, which
    // Chromium allows only on CORS-enabled schemes (other origins still get no
    // Access-Control-Allow-Origin from us). Never bypassCSP, no service workers.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers of every `app://` response. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/**
 * The file an `app://` URL names, or null when it is not ours or leaves the renderer folder.
 * `/` is the index page (the renderer routes with the URL hash).
 */
export function resolveAppPath(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password || u.port) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed escapes
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const full = resolve(base, `.${path}`);
  const rel = relative(base, full);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Answers one `app://` request from the renderer folder. */
export async function serveAppRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppPath(request.url, root);
  if (!file) return plain(404, 'Not found');
  try {
    const s = await stat(file);
    if (!s.isFile()) return plain(404, 'Not found');
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, { status: 200, headers: securityHeaders(type) });
  } catch {
    return plain(404, 'Not found');
  }
}

/** After ready: serve `app://vigie/…` from the built renderer folder. */
export function serveRenderer(protocol: ElectronApi['protocol'], root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, root));
}

/** True when `url` is our own page: `app://vigie/…`, or the dev server's origin in development. */
export function isOwnPage(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password && !u.port;
  } catch {
    return false;
  }
}

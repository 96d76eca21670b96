/**
 * The loopback web harness: serves the built renderer and the same typed API over HTTP on
 * 127.0.0.1, guarded by a random per-launch token. Used by the browser end-to-end tests and
 * `npm run web`. It wires the same router and services as the Electron app, minus Electron.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { createHandlers } from './api/handlers';
import { createRouter } from './api/router';
import { DomainError } from './domain/errors';
import { PrefsStore } from './services/prefs';
import type { Platform } from './services/platform';
import { Session } from './services/session';

export { CONTENT_SECURITY_POLICY } from './csp';
import { CONTENT_SECURITY_POLICY } from './csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

export interface HarnessOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where workspaces and preferences live; the renderer may only name files inside it. */
  dataDir: string;
  port?: number;
  token?: string;
  version?: string;
  actor?: string;
  quiet?: boolean;
}

export interface Harness {
  url: string;
  origin: string;
  token: string;
  session: Session;
  close(): Promise<void>;
}

/** In the harness a workspace is a bare file name inside dataDir: no path from the page reaches elsewhere. */
export function confinedPath(dataDir: string, requested: string): string {
  const name = basename(requested);
  if (name !== requested && resolve(requested) !== resolve(dataDir, name)) {
    throw new DomainError('invalid_path', `In the web harness a workspace is a file name inside ${dataDir} (got ${requested}).`);
  }
  if (!/^[\p{L}\p{N} ._()-]+\.vigie$/u.test(name)) {
    throw new DomainError('invalid_path', 'A workspace file name may use letters, digits, spaces, dots, dashes and underscores, and must end with .vigie.');
  }
  return join(dataDir, name);
}

/**
 * In the harness a sync folder is a bare folder name inside dataDir (or that folder's full path), as
 * workspaces are: no path typed in the page reaches elsewhere (the harness has no folder dialog).
 */
export function confinedFolder(dataDir: string, requested: string): string {
  const trimmed = requested.trim().replace(/[\\/]+$/, '');
  const name = basename(trimmed);
  if (name !== trimmed && resolve(trimmed) !== resolve(dataDir, name)) {
    throw new DomainError('invalid_path', `In the web harness a sync folder is a folder name inside ${dataDir} (got ${requested}).`);
  }
  if (!/^[\p{L}\p{N} _()-][\p{L}\p{N} ._()-]*$/u.test(name) || name.endsWith('.vigie')) {
    throw new DomainError('invalid_path', 'A sync folder name may use letters, digits, spaces, dots, dashes and underscores (not a .vigie file name).');
  }
  return join(dataDir, name);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        rej(new DomainError('too_large', `Request larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MiB.`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => res(Buffer.concat(chunks).toString('utf8')));
    req.on('error', rej);
  });
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

export async function startWebHarness(opts: HarnessOptions): Promise<Harness> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const platform: Platform = {
    kind: 'web',
    version: opts.version ?? '0.0.0',
    defaultDirectory: dataDir,
    actor: opts.actor ?? 'web harness',
    resolveWorkspacePath: (p) => confinedPath(dataDir, p),
    resolveSyncFolder: (p) => confinedFolder(dataDir, p),
    home: dataDir,
  };
  const session = new Session(platform, new PrefsStore(dataDir));
  const dispatch = createRouter(createHandlers(session), { log: (m, e) => (opts.quiet ? undefined : console.error(m, e)) });
  const rendererDir = resolve(opts.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${join(rendererDir, 'index.html')} is missing): run \`npm run build\` first.`);
  }
  let host = '';
  const expected = Buffer.from(`Bearer ${token}`);

  const server = createServer(async (req, res) => {
    try {
      // DNS-rebinding guard: only our own loopback host name.
      if (req.headers.host !== host && req.headers.host !== host.replace('127.0.0.1', 'localhost')) return send(res, 421, 'Misdirected request', 'text/plain');
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname === '/api/invoke') {
        if (req.method !== 'POST') return send(res, 405, 'POST only', 'text/plain');
        const auth = Buffer.from(String(req.headers.authorization ?? ''));
        if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) return send(res, 401, JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Missing or wrong harness token.' } }), 'application/json');
        let payload: { method?: unknown; input?: unknown };
        try {
          payload = JSON.parse(await readBody(req)) as typeof payload;
        } catch (e) {
          const message = e instanceof DomainError ? e.message : 'The request body is not JSON.';
          return send(res, 400, JSON.stringify({ ok: false, error: { code: e instanceof DomainError ? e.code : 'invalid_input', message } }), 'application/json');
        }
        const result = await dispatch(String(payload.method), payload.input);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
      let decoded: string;
      try {
        decoded = decodeURIComponent(url.pathname);
      } catch {
        return send(res, 400, 'Bad request', 'text/plain'); // malformed percent-encoding (e.g. overlong UTF-8)
      }
      const rel = normalize(decoded).replace(/^([/\\])+/, '');
      let file = resolve(rendererDir, rel || 'index.html');
      if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(res, 403, 'Forbidden', 'text/plain');
      if (!existsSync(file) || statSync(file).isDirectory()) file = join(rendererDir, 'index.html');
      send(res, 200, readFileSync(file), MIME[extname(file)] ?? 'application/octet-stream');
    } catch (e) {
      if (!opts.quiet) console.error('harness error', e);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
    }
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port ?? 0, '127.0.0.1', () => res());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The harness did not get a TCP port.');
  host = `127.0.0.1:${address.port}`;
  const origin = `http://${host}`;
  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    session,
    async close() {
      await session.close();
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
    },
  };
}

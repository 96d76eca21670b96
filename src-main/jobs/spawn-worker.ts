/**
 * Starts a job worker when Vigie runs from its TypeScript sources (the CLI and the web harness under
 * tsx, vitest, Playwright): the worker is jobs/worker.ts, loaded through tsx's module hooks (a new
 * thread does not inherit a test runner's loader, so `--import tsx` is added when missing).
 *
 * The Electron build replaces this module with spawn-worker.electron.ts (electron.vite.config.ts),
 * which lets electron-vite bundle the worker as its own chunk.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

// Not a literal in `new URL(…)`: bundlers must not try to resolve it (the Electron build never uses this file).
const WORKER_FILE = './worker.ts';
const HASHER_FILE = './audit-hasher.worker.ts';

function tsxLoader(): string | undefined {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}

function execArgvWithTsx(): string[] {
  const execArgv = [...process.execArgv];
  if (!execArgv.some((a) => /[\\/]tsx[\\/]/.test(a) || a === 'tsx')) {
    const loader = tsxLoader();
    if (loader) execArgv.push('--import', loader);
  }
  return execArgv;
}

export function createJobWorker(options: WorkerOptions): Worker {
  return new Worker(new URL(WORKER_FILE, import.meta.url), { ...options, execArgv: execArgvWithTsx() });
}

/** The second thread of a full audit verify (audit-hasher.worker.ts). */
export function createAuditHasherWorker(): Worker {
  return new Worker(new URL(HASHER_FILE, import.meta.url), { execArgv: execArgvWithTsx() });
}

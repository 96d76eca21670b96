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
const SYNC_FILE_FILE = '../sync/open-file.worker.ts';

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

/**
 * The second thread's heap: it keeps little (a few batches of entries), so a small old generation
 * makes it collect early instead of growing with the garbage of 300,000 entries. Out of memory, it
 * ends and the check continues on the job's thread (jobs/audit-hasher.ts).
 */
export const AUDIT_HASHER_LIMITS = { maxOldGenerationSizeMb: 192 };

/** The second thread of a full audit verify (audit-hasher.worker.ts). */
export function createAuditHasherWorker(): Worker {
  return new Worker(new URL(HASHER_FILE, import.meta.url), { execArgv: execArgvWithTsx(), resourceLimits: AUDIT_HASHER_LIMITS });
}

/** The thread that opens large sync files (sync/open-file.worker.ts). */
export function createSyncFileWorker(): Worker {
  return new Worker(new URL(SYNC_FILE_FILE, import.meta.url), { execArgv: execArgvWithTsx() });
}

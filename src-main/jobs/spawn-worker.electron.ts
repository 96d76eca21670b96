/**
 * Starts a job worker in the Electron build: electron-vite's `?nodeWorker` import bundles
 * jobs/worker.ts as its own chunk of the main build and returns a function that starts it
 * (`new Worker(new URL(<chunk>, import.meta.url))`). electron.vite.config.ts puts this module in
 * place of spawn-worker.ts, which runs the TypeScript worker from source.
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';
import startWorker from './worker?nodeWorker';
import startHasher from './audit-hasher.worker?nodeWorker';
import startSyncFiles from '../sync/open-file.worker?nodeWorker';

/** As in spawn-worker.ts (kept here: that module is not in this build). */
const AUDIT_HASHER_LIMITS = { maxOldGenerationSizeMb: 192 };

export function createJobWorker(options: WorkerOptions): Worker {
  return startWorker(options);
}

/** The second thread of a full audit verify, bundled the same way (started from the job worker). */
export function createAuditHasherWorker(): Worker {
  return startHasher({ resourceLimits: AUDIT_HASHER_LIMITS });
}

/** The thread that opens large sync files, bundled the same way. */
export function createSyncFileWorker(): Worker {
  return startSyncFiles({});
}

/**
 * The thread that opens large sync files (sync/open-file.thread.ts), started through this folder's
 * `./spawn-worker`, which the Electron build replaces with spawn-worker.electron.ts
 * (electron.vite.config.ts aliases that import, as written here).
 */
export { createSyncFileWorker } from './spawn-worker';

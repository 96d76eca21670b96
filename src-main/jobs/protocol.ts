import type { WorkspaceIdentity } from './read-workspace';

/** What the main process gives a job worker (workerData). */
export interface WorkerStart {
  name: string;
  input: unknown;
  workspace: WorkspaceIdentity;
  /** The workspace's key, to open the worker's own read-only connection (this process's memory only). */
  passphrase: string;
  /** ISO instant of the main process's clock when the job started. */
  now: string;
  /**
   * One Int32 the main process sets to 1 to cancel: the job reads it (Atomics) at each step, with no
   * need for its event loop to turn. Cancelling never terminates the thread: better-sqlite3 13 can
   * abort the whole process when a worker is terminated during a database call (WiseLibs/better-sqlite3#1507).
   */
  cancel: SharedArrayBuffer;
}

/** An error as it leaves the worker: a DomainError keeps its code and details; anything else its code (SQLite, fs) and message. */
export interface WorkerError {
  domain: boolean;
  code?: string;
  message: string;
  details?: unknown;
  name?: string;
  stack?: string;
}

export type WorkerMessage = { type: 'progress'; step: string } | { type: 'result'; value: unknown } | { type: 'error'; error: WorkerError };

/** What the main process sends a worker: a job to run (it runs one at a time), or 'close' (ends once its job is done). */
export type WorkerCommand = { type: 'run'; start: WorkerStart } | { type: 'close' };

/**
 * The job worker's entry (a worker_threads thread): for each job, opens its own read-only
 * connection to the workspace, runs the job, posts its progress and its result (or its error) and
 * closes the connection.
 * Nothing here writes to the workspace. A cancel is a flag the job reads at each step (protocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../db/open-reader';
import { DomainError } from '../domain/errors';
import { JOBS, type JobContext, type JobName } from './definitions';
import type { WorkerCommand, WorkerError, WorkerMessage, WorkerStart } from './protocol';
import { ReadOnlyWorkspace } from './read-workspace';

function toWorkerError(e: unknown): WorkerError {
  if (e instanceof DomainError) return { domain: true, code: e.code, message: e.message, details: e.details };
  const err = e as { code?: unknown; message?: unknown; name?: unknown; stack?: unknown } | null;
  return {
    domain: false,
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    message: typeof err?.message === 'string' ? err.message : String(e),
    ...(typeof err?.name === 'string' ? { name: err.name } : {}),
    ...(typeof err?.stack === 'string' ? { stack: err.stack } : {}),
  };
}

/** Byte arrays in the result move to the main thread instead of being copied. */
function transferables(value: unknown, out: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (depth > 3 || value === null || typeof value !== 'object') return out;
  if (value instanceof Uint8Array) {
    // Only a view over its whole buffer (not a slice of Node's shared pool) can be moved.
    if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer && !out.includes(value.buffer)) out.push(value.buffer);
    return out;
  }
  for (const v of Object.values(value)) transferables(v, out, depth + 1);
  return out;
}

/** Runs one job on its own read-only connection, opened for the job and closed after it (no file stays open between jobs). */
async function runJob(start: WorkerStart, post: (m: WorkerMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  let conn: ReturnType<typeof openReader> | undefined;
  try {
    const def = JOBS[start.name as JobName];
    if (!def) throw new DomainError('internal', `Unknown job ${start.name}.`);
    // Validated by the main process before starting; parsed again here so the job gets zod's output.
    const input = def.input.parse(start.input);
    const flag = new Int32Array(start.cancel);
    const checkpoint = () => {
      if (Atomics.load(flag, 0) !== 0) throw new DomainError('cancelled', 'The job was cancelled.');
    };
    const ctx: JobContext = {
      progress: (step) => {
        checkpoint();
        post({ type: 'progress', step });
      },
      checkpoint,
      now: new Date(start.now),
      passphrase: start.passphrase,
    };
    checkpoint();
    conn = openReader(start.workspace.path, start.passphrase, { snapshot: true });
    const ws = new ReadOnlyWorkspace(start.workspace, conn.raw, conn.db).asWorkspace();
    const value = await (def.run as (ws: unknown, input: unknown, ctx: JobContext) => Promise<unknown>)(ws, input, ctx);
    checkpoint();
    post({ type: 'result', value }, transferables(value));
  } catch (e) {
    const error = toWorkerError(e);
    try {
      post({ type: 'error', error });
    } catch {
      // Details that cannot be cloned: the code and the message still go.
      post({ type: 'error', error: { ...error, details: undefined } });
    }
  } finally {
    conn?.close();
  }
}

/**
 * A worker runs one job at a time and may be given another afterwards (the runner keeps one warm
 * worker, so a job does not pay for loading the modules again). 'close' ends it once its job is done.
 */
function main(): void {
  const port = parentPort;
  if (!port) throw new Error('jobs/worker.ts runs only as a worker thread.');
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  let busy = false;
  let closing = false;
  const close = () => port.close();
  port.on('message', (m: WorkerCommand) => {
    if (m.type === 'close') {
      closing = true;
      if (!busy) close();
      return;
    }
    busy = true;
    void runJob(m.start, post).finally(() => {
      busy = false;
      if (closing) close();
    });
  });
  // Started with a job (workerData): run it at once.
  const first = workerData as WorkerStart | undefined;
  if (first?.name) {
    busy = true;
    void runJob(first, post).finally(() => {
      busy = false;
      if (closing) close();
    });
  }
}

main();

/**
 * Runs heavy work off the main thread: each job in its own worker thread (jobs/worker.ts) with its
 * own read-only connection to the open workspace (opened for the job, closed after it; one warm
 * worker is kept for the next job), so the API keeps answering while an export, an
 * import's reading or `audit verify` runs. At most one job of each name at a time; each reports
 * its steps and can be cancelled: the caller gets its cancellation at once, and the worker, told
 * through a shared flag, stops at its next step and closes its connection (it only reads, so
 * nothing is left half-done). Workers are never terminated mid-call (see protocol.ts).
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { DomainError } from '../domain/errors';
import { JOBS, type JobInput, type JobName, type JobOutput } from './definitions';
import type { WorkerCommand, WorkerError, WorkerMessage, WorkerStart } from './protocol';
import type { WorkspaceIdentity } from './read-workspace';
import { createJobWorker } from './spawn-worker';

/** A running job as the window sees it (jobs.list, the progress bar). */
export interface JobStatus {
  id: string;
  name: JobName;
  /** The last step the job reported ('reading the workspace', 'register', …). */
  step?: string;
  /** How many steps were reported so far. */
  index: number;
  /** How many steps the job reports in all, when known. */
  total?: number;
  startedAt: string;
}

export interface RunOptions {
  /** The caller's name for the job (exports.save's id), used by cancel(id). */
  id?: string;
  total?: number;
  onProgress?: (status: JobStatus) => void;
  /** Aborting it cancels the job. */
  signal?: AbortSignal;
}

/** The sentence when a job of the same name is running. */
const BUSY_WHAT: Record<JobName, string> = {
  export: 'export',
  file: 'file export',
  importPlan: 'import',
  auditVerify: 'change-log check',
  backup: 'backup',
  snapshot: 'sync snapshot',
};

function cancelledError(name: JobName): DomainError {
  if (name === 'export' || name === 'file') return new DomainError('export_cancelled', 'The export was cancelled; no file was written.', {});
  if (name === 'backup') return new DomainError('cancelled', 'The backup was cancelled; no copy was kept.', {});
  if (name === 'snapshot') return new DomainError('cancelled', 'Writing the sync snapshot was cancelled; it is written at the next sync.', {});
  return new DomainError('cancelled', name === 'importPlan' ? 'The import was cancelled; nothing was imported.' : 'The check was cancelled.', {});
}

/** The worker's error as the router expects it: a DomainError, or an error with its code (SQLite, fs) so map-error can name it. */
function fromWorkerError(e: WorkerError): Error {
  if (e.domain && e.code) return new DomainError(e.code, e.message, e.details);
  const err = new Error(e.message) as Error & { code?: string };
  if (e.code) err.code = e.code;
  if (e.name) err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** How long a worker stays warm after its job, for the next one (loading the export modules takes a while). */
const IDLE_MS = 60_000;

/** Resolves when the worker has ended; referenced meanwhile, so a process waiting for it does not exit first. */
const exited = (w: Worker) =>
  new Promise<void>((res) => {
    if (w.threadId === -1) return res();
    w.ref();
    w.once('exit', () => res());
  });

interface Running {
  status: JobStatus;
  worker: Worker;
  cancel(): Promise<void>;
}

export type WorkspaceSource = () => { workspace: WorkspaceIdentity; passphrase: string };

export class JobRunner {
  private readonly running = new Map<JobName, Running>();
  /** Cancelled or closed workers still finishing their current step. */
  private readonly stopping = new Set<Worker>();
  /** The warm worker waiting for the next job (see release). */
  private idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;
  private seq = 0;

  constructor(
    private readonly source: WorkspaceSource,
    private readonly spawn: (options: WorkerOptions) => Worker = createJobWorker,
  ) {}

  /**
   * Run in the main process before every job (the session brings the derived indexes up to date:
   * a worker's read-only connection cannot rebuild them).
   */
  prepare?: () => Promise<void>;

  /** Validates the input, starts the job in a worker and resolves with its result (or rejects with its mapped error). */
  run<N extends JobName>(name: N, input: JobInput<N>, opts: RunOptions = {}): Promise<JobOutput<N>> {
    const prepare = this.prepare;
    return prepare ? prepare().then(() => this.runNow(name, input, opts)) : this.runNow(name, input, opts);
  }

  private runNow<N extends JobName>(name: N, input: JobInput<N>, opts: RunOptions): Promise<JobOutput<N>> {
    const def = JOBS[name];
    if (!def) return Promise.reject(new DomainError('internal', `Unknown job ${String(name)}.`));
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      return Promise.reject(new DomainError('invalid_input', `Invalid input for the ${BUSY_WHAT[name]}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`, { issues: parsed.error.issues }));
    }
    if (this.running.has(name)) {
      return Promise.reject(new DomainError('job_running', `Another ${BUSY_WHAT[name]} is still running: wait for it to finish, or cancel it.`, { job: name }));
    }
    if (opts.signal?.aborted) return Promise.reject(cancelledError(name));
    let src: ReturnType<WorkspaceSource>;
    try {
      src = this.source();
    } catch (e) {
      return Promise.reject(e);
    }
    const cancelFlag = new SharedArrayBuffer(4);
    const start: WorkerStart = { name, input, workspace: src.workspace, passphrase: src.passphrase, now: new Date().toISOString(), cancel: cancelFlag };
    const status: JobStatus = { id: opts.id ?? `${name}-${++this.seq}`, name, index: 0, ...(opts.total ? { total: opts.total } : {}), startedAt: start.now };
    let worker: Worker;
    try {
      worker = this.acquire(start);
    } catch (e) {
      return Promise.reject(e);
    }

    return new Promise<JobOutput<N>>((resolve, reject) => {
      let settled = false;
      const detach = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (this.running.get(name) === entry) this.running.delete(name);
        opts.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const entry: Running = {
        status,
        worker,
        cancel: async () => {
          if (settled) return;
          Atomics.store(new Int32Array(cancelFlag), 0, 1);
          settle(() => reject(cancelledError(name)));
          detach();
          // The worker stops at its next step, then ends (a cancelled worker is not reused).
          worker.postMessage({ type: 'close' } satisfies WorkerCommand);
          this.stopping.add(worker);
          await exited(worker);
          this.stopping.delete(worker);
        },
      };
      const onAbort = () => void entry.cancel();
      const onMessage = (m: WorkerMessage) => {
        if (settled) return;
        if (m.type === 'progress') {
          status.step = m.step;
          status.index += 1;
          opts.onProgress?.({ ...status });
          return;
        }
        detach();
        this.release(worker);
        if (m.type === 'result') settle(() => resolve(m.value as JobOutput<N>));
        else settle(() => reject(fromWorkerError(m.error)));
      };
      const onError = (e: Error) => {
        detach();
        settle(() => reject(e));
      };
      const onExit = (code: number) => {
        detach();
        settle(() => reject(new Error(`The ${BUSY_WHAT[name]} worker stopped (exit code ${code}) before answering.`)));
      };
      this.running.set(name, entry);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  /** A warm idle worker if there is one (its modules are loaded), else a new one started with the job. */
  private acquire(start: WorkerStart): Worker {
    const idle = this.idle;
    this.idle = undefined;
    if (idle && idle.worker.threadId !== -1) {
      clearTimeout(idle.timer);
      idle.worker.ref();
      idle.worker.postMessage({ type: 'run', start } satisfies WorkerCommand);
      return idle.worker;
    }
    const worker = this.spawn({ workerData: start, name: 'vigie-job' });
    worker.once('exit', () => {
      if (this.idle?.worker === worker) {
        clearTimeout(this.idle.timer);
        this.idle = undefined;
      }
    });
    return worker;
  }

  /**
   * A worker whose job ended: kept warm for the next job (IDLE_MS), holding no file open and not
   * keeping the process alive; a second idle one is closed.
   */
  private release(worker: Worker): void {
    worker.unref();
    if (this.idle) {
      worker.postMessage({ type: 'close' } satisfies WorkerCommand);
      return;
    }
    const timer = setTimeout(() => {
      if (this.idle?.worker !== worker) return;
      this.idle = undefined;
      worker.postMessage({ type: 'close' } satisfies WorkerCommand);
    }, IDLE_MS);
    timer.unref();
    this.idle = { worker, timer };
  }

  /** The jobs running now. */
  list(): JobStatus[] {
    return [...this.running.values()].map((r) => ({ ...r.status }));
  }

  /**
   * Cancels the job with this id (exports.cancel) or of this name (jobs.cancel); true when one was
   * running. Its caller gets the cancellation at once; the worker ends at its next step.
   */
  cancel(which: { id: string } | { name: JobName }): boolean {
    const r = 'id' in which ? [...this.running.values()].find((x) => x.status.id === which.id) : this.running.get(which.name);
    if (!r) return false;
    void r.cancel();
    return true;
  }

  /** Stops every job (the workspace is being closed or replaced), closes the warm worker, and waits until they have ended. */
  async cancelAll(): Promise<void> {
    const idle = this.idle;
    this.idle = undefined;
    if (idle) {
      clearTimeout(idle.timer);
      idle.worker.postMessage({ type: 'close' } satisfies WorkerCommand);
      this.stopping.add(idle.worker);
      void exited(idle.worker).then(() => this.stopping.delete(idle.worker));
    }
    await Promise.all([...this.running.values()].map((r) => r.cancel()));
    await Promise.all([...this.stopping].map(exited));
  }
}

import type { jobsContract } from '../contracts/jobs';
import type { FragmentHandlers } from '../router';
import { JobRunner } from '../../jobs/runner';
import type { Session } from '../../services/session';
import { ensureBreachIndex } from '../../services/breach-index';
import { ensureRequestIndex } from '../../services/request-index';

/**
 * The session's job runner: each job reads the open workspace through its own connection, keyed
 * like the main one. Every job stops when the workspace is closed or another one is opened.
 */
export function sessionJobRunner(session: Session): JobRunner {
  const runner = new JobRunner(() => {
    const ws = session.workspace;
    return {
      workspace: { path: ws.path, actor: ws.actor, deviceId: ws.deviceId, workspaceId: ws.workspaceId, sealCheck: ws.sealCheck },
      passphrase: ws.passphraseForRestore,
    };
  });
  // The worker reads the derived indexes (request_index, breach_index) but cannot rebuild them.
  runner.prepare = async () => {
    await ensureRequestIndex(session.workspace.db);
    await ensureBreachIndex(session.workspace.db);
  };
  session.onChange(() => void runner.cancelAll());
  // Backups (the day's automatic one, Settings › Back up now) are copied, checked and hashed in a worker too.
  session.backgroundJobs = {
    backup: (kind) => runner.run('backup', { kind }),
    stop: () => runner.cancelAll(),
  };
  return runner;
}

export function jobsHandlers(jobs: JobRunner): FragmentHandlers<typeof jobsContract> {
  return {
    'jobs.list': async () => ({ items: jobs.list() }),
    'jobs.cancel': async ({ name }) => ({ cancelled: jobs.cancel({ name }) }),
  };
}

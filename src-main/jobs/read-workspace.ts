import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors';
import { verifyAudit } from '../db/audit';
import type { RawDatabase } from '../db/open';
import type { DB } from '../db/schema';
import type { SealCheck } from '../services/seals';
import { Workspace } from '../services/workspace';

/** What a job needs to know of the workspace the main process has open (plain values: they cross to the worker). */
export interface WorkspaceIdentity {
  path: string;
  actor: string;
  deviceId: string;
  workspaceId: string;
  sealCheck: SealCheck;
}

const proto = Workspace.prototype;

/**
 * The workspace as a job in a worker thread sees it: the services' read paths on the worker's own
 * read-only connection. Its read methods are the Workspace's own (called on this object), so a job's
 * output is exactly what the main process would have produced; anything that writes refuses.
 */
export class ReadOnlyWorkspace {
  constructor(
    readonly identity: WorkspaceIdentity,
    readonly raw: RawDatabase,
    readonly db: Kysely<DB>,
  ) {}

  get path(): string {
    return this.identity.path;
  }
  get name(): string {
    return basename(this.path, '.vigie');
  }
  get actor(): string {
    return this.identity.actor;
  }
  get deviceId(): string {
    return this.identity.deviceId;
  }
  get workspaceId(): string {
    return this.identity.workspaceId;
  }
  get sealCheck(): SealCheck {
    return this.identity.sealCheck;
  }

  getProfile: Workspace['getProfile'] = () => proto.getProfile.call(this.asWorkspace());
  changeLogStats: Workspace['changeLogStats'] = () => proto.changeLogStats.call(this.asWorkspace());
  /** The full check (a read-only connection records no check point: the main process does). */
  verifyAudit: Workspace['verifyAudit'] = async () => ({ ...(await verifyAudit(this.db)), seal: this.sealCheck });
  exportAuditCsv: Workspace['exportAuditCsv'] = () => proto.exportAuditCsv.call(this.asWorkspace());
  history: Workspace['history'] = (q) => proto.history.call(this.asWorkspace(), q);

  mutate(): never {
    throw new DomainError('internal', 'A job in a worker thread tried to change the workspace: jobs only read.');
  }
  moveToTrash(): never {
    return this.mutate();
  }

  /**
   * The services take a Workspace: this object has every member their read paths use (the job
   * tests run each job kind end to end in a worker, so a missing one fails there).
   */
  asWorkspace(): Workspace {
    return this as unknown as Workspace;
  }
}

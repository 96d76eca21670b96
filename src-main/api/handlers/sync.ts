import { isAbsolute, normalize } from 'node:path';
import type { z } from 'zod';
import { DomainError } from '../../domain/errors';
import type { Session } from '../../services/session';
import type { Workspace } from '../../services/workspace';
import type { ErasableTable } from '../../domain/erasure';
import { localDateOf } from '../../domain/calendar';
import { normalisePassphrase } from '../../services/passphrase';
import type { syncConflictSchema, syncContract, syncMemberSchema, syncReportSchema, syncStatusSchema } from '../contracts/sync';
import type { FragmentHandlers } from '../router';

type Awaitable<T> = T | Promise<T>;

/** What the Sync page needs of services/sync.ts (SyncService), as SYNC-DESIGN.md fixes it. */
type ServiceStatus = Omit<z.input<typeof syncStatusSchema>, 'fingerprint'>;

export interface SyncApi {
  status(): Awaitable<ServiceStatus>;
  setFolder(dir: string): Awaitable<ServiceStatus>;
  syncNow(): Awaitable<z.input<typeof syncReportSchema>>;
  members(): Awaitable<Array<z.input<typeof syncMemberSchema>>>;
  approve(deviceId: string): Awaitable<Array<z.input<typeof syncMemberSchema>>>;
  remove(deviceId: string): Awaitable<Array<z.input<typeof syncMemberSchema>>>;
  conflicts(): Awaitable<Array<z.input<typeof syncConflictSchema>>>;
  resolve(id: string, keep: 'mine' | 'theirs'): Awaitable<{ resolved: true }>;
}

export interface SyncDeps {
  /** The sync service of the open workspace (with a progress callback for a sync the window runs). */
  sync(ws: Workspace, onProgress?: (p: { phase: 'snapshot' | 'import' | 'export'; done: number; total: number }) => void): SyncApi;
  /** This device's verification code (sync/engine deviceKeys + keyFingerprint). */
  fingerprint(ws: Workspace): Promise<string>;
  /** Creates a colleague's workspace and its join request (SyncService.join). */
  join(input: { path: string; passphrase: string; folder: string; name: string; home?: string }): Promise<{ deviceId: string; fingerprint: string; status: 'pending' }>;
  /** What erasing a record would blank (services/erasure.ts planErasure). */
  plan(ws: Workspace, table: ErasableTable, id: string): z.input<typeof syncContract['records.erasurePlan']['output']>;
  /** Erases one record's personal data through the write path's purge (services/erasure.ts eraseRecord). */
  purge(ws: Workspace, input: { table: ErasableTable; id: string; reason: string; today: string }): Promise<z.input<typeof syncContract['records.purge']['output']>>;
}

/**
 * The Sync page's methods and the UI's erasure. A sync already running for this window's workspace
 * is joined rather than started twice (the page's timer and a click on "Sync now" can meet), so one
 * device never writes two bundles of the same entries at once.
 */
export function syncHandlers(session: Session, deps: SyncDeps): FragmentHandlers<typeof syncContract> {
  const p = session.platform;
  const service = () => deps.sync(session.workspace);
  let running: { ws: Workspace; done: Promise<z.input<typeof syncReportSchema>> } | undefined;
  const folderOf = (typed: string): string => {
    if (p.resolveSyncFolder) return p.resolveSyncFolder(typed);
    if (!isAbsolute(typed)) throw new DomainError('invalid_path', `Choose the shared folder by its full path (got ${typed}).`);
    return normalize(typed);
  };
  const withCode = async (s: ServiceStatus) => ({ ...s, fingerprint: s.folder ? await deps.fingerprint(session.workspace) : null });
  return {
    // A device waiting for approval is in nobody's member list yet, not even its own: its code comes with the status.
    'sync.status': async () => withCode(await service().status()),
    'sync.join': async ({ path, passphrase, folder, name }) => {
      // Keyed with the same NFC form workspace.create uses, so the open below (and later ones) find the key.
      const key = normalisePassphrase(passphrase);
      const joined = await deps.join({ path: p.resolveWorkspacePath(path), passphrase: key, folder: folderOf(folder), name, ...(p.home ? { home: p.home } : {}) });
      await session.open({ path, passphrase: key });
      return joined;
    },
    'sync.pickFolder': async () => ({ path: p.dialogs?.pickFolder ? await p.dialogs.pickFolder() : null }),
    'sync.setFolder': async ({ folder }) => withCode(await service().setFolder(folderOf(folder))),
    'sync.now': async () => {
      const ws = session.workspace;
      if (running?.ws === ws) return running.done;
      // Progress goes to the window (Electron's event channel; the harness has none): a bar on large imports.
      const done = Promise.resolve(deps.sync(ws, p.notify ? (pr) => p.notify?.({ type: 'sync-progress', phase: pr.phase, done: pr.done, total: pr.total }) : undefined).syncNow());
      running = { ws, done };
      try {
        return await done;
      } finally {
        if (running?.done === done) running = undefined;
      }
    },
    'sync.members': async () => ({ items: await service().members() }),
    'sync.approve': async ({ deviceId }) => ({ items: await service().approve(deviceId) }),
    'sync.remove': async ({ deviceId }) => ({ items: await service().remove(deviceId) }),
    'sync.conflicts': async () => ({ items: await service().conflicts() }),
    'sync.resolve': async ({ id, keep }) => service().resolve(id, keep),
    'records.erasurePlan': async ({ table, id }) => deps.plan(session.workspace, table, id),
    'records.purge': async ({ table, id, reason }) => {
      const ws = session.workspace;
      // The erasure mark inside the record carries the day in the organisation's zone.
      const today = localDateOf(new Date().toISOString(), (await ws.getProfile()).profile.time_zone);
      return deps.purge(ws, { table, id, reason, today });
    },
  };
}

/**
 * SyncService (issue 10, Part 2): what the Sync page and the CLI call. The engine (sync/engine.ts)
 * moves the files; this service validates inputs, keeps the local settings (meta: sync_folder,
 * sync_last), and turns members, join requests and conflicts into what a person reads.
 *
 * Error codes (api/contracts/errors.ts): sync_folder_unset, sync_folder_invalid, sync_not_member,
 * sync_join_unknown, sync_member_unknown, sync_remove_self, sync_conflict_unknown,
 * sync_workspace_unknown; plus invalid_input for malformed arguments.
 */
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { memberCodeFor } from '../domain/references';
import { backupDir } from '../db/open';
import { getMeta, setMeta } from '../db/repositories/meta';
import { keyOf, rootOf } from '../db/log-format';
import { parseHlc } from '../sync/hlc';
import { TABLES, type DomainTable, type TableSpec } from '../db/tables';
import type { SyncConflictsTable } from '../db/schema';
import { deviceIdSchema } from '../sync/bundle';
import { keyFingerprint } from '../sync/crypto';
import { readJoinRequests, readKeyCards, writeJoinRequest, type JoinRequest } from '../sync/folder';
import { currentEpoch, deviceKeys, exportFor, isActiveMember, memberRecords, META, syncWorkspace, workspacesIn, type EngineOptions } from '../sync/engine';
import { Workspace } from './workspace';

export interface SyncReport {
  exported: number;
  imported: number;
  rejected: Array<{ file: string; reason: string }>;
  conflicts: number;
  pendingJoins: Array<{ deviceId: string; name: string }>;
}

export interface LastSync {
  at: string;
  exported: number;
  imported: number;
  rejected: Array<{ file: string; reason: string }>;
  conflicts: number;
}

export interface PendingJoin {
  deviceId: string;
  name: string;
  fingerprint: string;
  requestedAt: string;
}

export interface SyncStatus {
  folder: string | null;
  deviceId: string;
  deviceName: string;
  memberCode: string;
  isMember: boolean;
  epoch: number;
  lastSync: LastSync | null;
  pendingJoins: PendingJoin[];
  openConflicts: number;
  skewMs: number;
  pendingEntries: number;
}

export interface MemberView {
  deviceId: string;
  name: string;
  memberCode: string;
  status: 'active' | 'removed' | 'pending';
  fingerprint: string;
  joinedEpoch: number | null;
  removedEpoch: number | null;
  thisDevice: boolean;
}

export interface ConflictSide {
  value: unknown;
  at: string;
  device: string;
  actor: string;
}

export interface ConflictView {
  id: string;
  kind: 'value' | 'edited-while-deleted';
  table: string;
  rowId: string;
  recordLabel: string;
  cell: string;
  mine: ConflictSide;
  theirs: ConflictSide;
  keptIs: 'mine' | 'theirs';
  detectedAt: string;
}

const lastSyncSchema = z.object({
  at: z.string(),
  exported: z.number(),
  imported: z.number(),
  rejected: z.array(z.object({ file: z.string(), reason: z.string() })),
  conflicts: z.number(),
  skewMs: z.number().optional(),
});

export const joinInputSchema = z.object({
  path: z.string().min(1),
  passphrase: z.string().min(1),
  folder: z.string().min(1),
  name: z.string().trim().min(1, 'Give the name your colleagues know you by.').max(120),
  home: z.string().optional(),
});

const RUNNING = new WeakMap<Workspace, Promise<SyncReport>>();

export class SyncService {
  constructor(
    private readonly ws: Workspace,
    private readonly opts: EngineOptions = {},
  ) {}

  private now(): Date {
    return (this.opts.now ?? (() => new Date()))();
  }

  private async folder(): Promise<string | null> {
    return (await getMeta(this.ws.db, META.folder)) ?? null;
  }

  private async requireFolder(): Promise<string> {
    const f = await this.folder();
    if (!f) throw new DomainError('sync_folder_unset', 'No sync folder is set for this workspace: choose one first (Sync page, or `sync --folder DIR`).');
    checkFolder(f, this.ws.path);
    return f;
  }

  private deviceName(): string {
    const me = memberRecords(this.ws).find((m) => m.deviceId === this.ws.deviceId);
    return me?.name ?? this.ws.actor;
  }

  async status(): Promise<SyncStatus> {
    const folder = await this.folder();
    const roster = memberRecords(this.ws);
    const me = roster.find((m) => m.deviceId === this.ws.deviceId);
    const last = await this.lastSync();
    let pendingJoins: PendingJoin[] = [];
    if (folder && isActiveMember(this.ws, roster)) {
      try {
        pendingJoins = await this.pendingJoins(folder);
      } catch {
        pendingJoins = []; // an unplugged drive: the status still answers
      }
    }
    const joinName = await getMeta(this.ws.db, META.joinName);
    return {
      folder,
      deviceId: this.ws.deviceId,
      deviceName: me?.name ?? joinName ?? this.ws.actor,
      memberCode: me?.memberCode ?? '',
      isMember: isActiveMember(this.ws, roster),
      epoch: currentEpoch(roster),
      lastSync: last ? { at: last.at, exported: last.exported, imported: last.imported, rejected: last.rejected, conflicts: last.conflicts } : null,
      pendingJoins,
      openConflicts: Number(this.ws.raw.prepare('SELECT COUNT(*) FROM sync_conflicts WHERE resolved_at IS NULL').pluck().get()),
      skewMs: Math.max(last?.skewMs ?? 0, this.ws.clock.maxSkewMs),
      pendingEntries: Number(this.ws.raw.prepare('SELECT COUNT(*) FROM sync_pending').pluck().get()),
    };
  }

  private async lastSync(): Promise<(LastSync & { skewMs?: number }) | null> {
    const raw = await getMeta(this.ws.db, META.last);
    if (!raw) return null;
    try {
      return lastSyncSchema.parse(JSON.parse(raw));
    } catch {
      return null;
    }
  }

  /** Chooses the shared folder (kept in this workspace's local settings, never synced). */
  async setFolder(dir: string): Promise<SyncStatus> {
    if (typeof dir !== 'string' || dir.trim() === '') throw new DomainError('invalid_input', 'Choose a folder.');
    const abs = resolve(dir);
    checkFolder(abs, this.ws.path);
    await setMeta(this.ws.db, META.folder, abs);
    return this.status();
  }

  /**
   * One sync now: import what colleagues wrote, export what this device wrote, and report. A sync
   * already running on this workspace (the timer and the button) is joined, not run twice.
   */
  async syncNow(): Promise<SyncReport> {
    const running = RUNNING.get(this.ws);
    if (running) return running;
    const p = this.syncOnce().finally(() => RUNNING.delete(this.ws));
    RUNNING.set(this.ws, p);
    return p;
  }

  private async syncOnce(): Promise<SyncReport> {
    const folder = await this.requireFolder();
    const r = await syncWorkspace(this.ws, folder, { ...this.opts, memberName: this.deviceName() });
    const rejected = r.rejected.map(({ file, reason }) => ({ file, reason }));
    const last = { at: this.now().toISOString(), exported: r.exported, imported: r.imported, rejected, conflicts: r.conflicts, skewMs: r.skewMs };
    await setMeta(this.ws.db, META.last, JSON.stringify(last));
    const pendingJoins = isActiveMember(this.ws) ? (await this.pendingJoins(folder)).map(({ deviceId, name }) => ({ deviceId, name })) : [];
    return { exported: r.exported, imported: r.imported, rejected, conflicts: r.conflicts, pendingJoins };
  }

  private async pendingJoins(folder: string): Promise<PendingJoin[]> {
    const keys = await deviceKeys(this.ws);
    const known = new Set(memberRecords(this.ws).map((m) => m.deviceId));
    const inbox = await readJoinRequests(folder, this.ws.workspaceId, keys.ageIdentity);
    return inbox.requests
      .map((r) => r.request)
      .filter((r) => !known.has(r.deviceId))
      .map((r) => ({ deviceId: r.deviceId, name: r.name, fingerprint: r.fingerprint, requestedAt: r.requestedAt }));
  }

  private async joinRequest(folder: string, deviceId: string): Promise<JoinRequest | undefined> {
    const keys = await deviceKeys(this.ws);
    const inbox = await readJoinRequests(folder, this.ws.workspaceId, keys.ageIdentity);
    return inbox.requests.find((r) => r.request.deviceId === deviceId)?.request;
  }

  async members(): Promise<MemberView[]> {
    const roster = memberRecords(this.ws);
    const out: MemberView[] = roster.map((m) => ({
      deviceId: m.deviceId,
      name: m.name,
      memberCode: m.memberCode,
      status: m.status,
      fingerprint: keyFingerprint(m),
      joinedEpoch: m.joinedEpoch,
      removedEpoch: m.removedEpoch ?? null,
      thisDevice: m.deviceId === this.ws.deviceId,
    }));
    const folder = await this.folder();
    if (folder && isActiveMember(this.ws, roster)) {
      try {
        for (const p of await this.pendingJoins(folder)) out.push({ deviceId: p.deviceId, name: p.name, memberCode: '', status: 'pending', fingerprint: p.fingerprint, joinedEpoch: null, removedEpoch: null, thisDevice: false });
      } catch {
        // The folder is unreachable: members are still listed.
      }
    }
    return out;
  }

  private requireMember(): void {
    if (!isActiveMember(this.ws)) throw new DomainError('sync_not_member', 'This device is not an active member of the workspace: only a member can approve or remove colleagues.');
  }

  /**
   * Approves a join request (after comparing its fingerprint by phone): the colleague becomes a
   * member with their own reference code, and a snapshot encrypted to every member including them
   * is written, from which their workspace starts.
   */
  async approve(deviceId: string): Promise<MemberView[]> {
    const id = parseDeviceId(deviceId);
    const folder = await this.requireFolder();
    this.requireMember();
    if (memberRecords(this.ws).some((m) => m.deviceId === id)) throw new DomainError('sync_already_member', `Device ${id} is already in the member list.`, { deviceId: id });
    const request = await this.joinRequest(folder, id);
    if (!request) throw new DomainError('sync_join_unknown', `No join request from device ${id} in the sync folder (or not one this device can read).`, { deviceId: id });
    const roster = memberRecords(this.ws);
    const epoch = currentEpoch(roster);
    const code = memberCodeFor(request.name, new Set(roster.map((m) => m.memberCode).filter(Boolean)));
    await this.ws.mutate((w) =>
      w.write({
        op: 'insert',
        table: 'sync_members',
        id,
        values: { name: request.name, age_recipient: request.ageRecipient, signing_public_key: request.signingPublicKey, member_code: code, status: 'active', joined_epoch: epoch, removed_epoch: null, approved_by: this.ws.deviceId },
      }),
    );
    // Export the approval and write the snapshot the newcomer starts from, now (after a sync already running).
    await RUNNING.get(this.ws)?.catch(() => undefined);
    await this.syncNow();
    return this.members();
  }

  /**
   * Removes a member: a new key epoch starts; new files are no longer encrypted to them and their
   * files of the new epoch or later are refused. What they already received stays readable to them.
   */
  async remove(deviceId: string): Promise<MemberView[]> {
    const id = parseDeviceId(deviceId);
    const folder = await this.requireFolder();
    this.requireMember();
    if (id === this.ws.deviceId) throw new DomainError('sync_remove_self', 'A device cannot remove itself: ask another member to remove it.');
    const roster = memberRecords(this.ws);
    const m = roster.find((x) => x.deviceId === id);
    if (!m) throw new DomainError('sync_member_unknown', `Device ${id} is not in the member list.`, { deviceId: id });
    if (m.status === 'removed') throw new DomainError('sync_member_unknown', `Device ${id} was already removed.`, { deviceId: id });
    const epoch = currentEpoch(roster) + 1;
    await this.ws.mutate((w) => w.write({ op: 'update', table: 'sync_members', id, values: { status: 'removed', removed_epoch: epoch } }));
    // The removal itself travels for the epoch it ends, so the removed device learns it.
    await RUNNING.get(this.ws)?.catch(() => undefined);
    await exportFor(this.ws, folder, roster, this.opts);
    await this.syncNow();
    return this.members();
  }

  async conflicts(): Promise<ConflictView[]> {
    const rows = this.ws.raw
      .prepare('SELECT id, kind, table_name, row_id, cell, kept_value, kept_hlc, kept_entry, lost_value, lost_hlc, lost_entry, detected_at FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY detected_at, id')
      .all() as ConflictRow[];
    return rows.map((r) => this.viewOf(r));
  }

  private viewOf(r: ConflictRow): ConflictView {
    const entry = (id: string) => this.ws.raw.prepare('SELECT device_id, actor, at FROM change_log WHERE id = ?').get(id) as { device_id: string; actor: string; at: string } | undefined;
    const side = (value: string | null, hlc: string, entryId: string): ConflictSide => {
      const e = entry(entryId);
      let at = e?.at ?? '';
      try {
        at = new Date(parseHlc(hlc).wall).toISOString();
      } catch {
        /* keep the entry's time */
      }
      return { value: value === null ? null : (JSON.parse(value) as unknown), at, device: e?.device_id ?? parseDevice(hlc), actor: e?.actor ?? '' };
    };
    const kept = side(r.kept_value, r.kept_hlc, r.kept_entry);
    const lost = side(r.lost_value, r.lost_hlc, r.lost_entry);
    const keptIsMine = kept.device === this.ws.deviceId || lost.device !== this.ws.deviceId;
    const spec = (TABLES as Record<string, TableSpec>)[r.table_name];
    const row = spec ? (this.ws.raw.prepare(`SELECT * FROM "${r.table_name}" WHERE id = ?`).get(r.row_id) as Record<string, unknown> | undefined) : undefined;
    let recordLabel = `${r.table_name} ${r.row_id}`;
    try {
      if (spec && row) recordLabel = spec.label(row);
    } catch {
      /* keep the id */
    }
    return {
      id: r.id,
      kind: r.kind,
      table: r.table_name,
      rowId: r.row_id,
      recordLabel,
      cell: r.cell,
      mine: keptIsMine ? kept : lost,
      theirs: keptIsMine ? lost : kept,
      keptIs: keptIsMine ? 'mine' : 'theirs',
      detectedAt: r.detected_at,
    };
  }

  /**
   * Settles a conflict. Keeping the value shown now records the decision on this device (the write
   * path logs nothing for an unchanged value, so colleagues who also see the conflict settle it
   * themselves); keeping the other one writes it through the write path: a new change that every
   * device receives and that settles the same conflict on theirs ('superseded'). For "edited while
   * deleted": theirs = restore the row with the edit, mine = keep it deleted.
   */
  async resolve(id: string, keep: 'mine' | 'theirs'): Promise<{ resolved: true }> {
    if (typeof id !== 'string' || !/^[0-9A-Za-z]{1,64}$/.test(id)) throw new DomainError('invalid_input', 'A conflict id is letters and digits.');
    if (keep !== 'mine' && keep !== 'theirs') throw new DomainError('invalid_input', '--keep must be mine or theirs.');
    const r = this.ws.raw.prepare('SELECT id, kind, table_name, row_id, cell, kept_value, kept_hlc, kept_entry, lost_value, lost_hlc, lost_entry, detected_at FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL').get(id) as ConflictRow | undefined;
    if (!r) throw new DomainError('sync_conflict_unknown', `No open conflict with id ${id}.`, { id });
    const view = this.viewOf(r);
    const table = r.table_name as DomainTable;
    const spec = (TABLES as Record<string, TableSpec>)[table];
    if (!spec) throw new DomainError('sync_conflict_unknown', `Conflict ${id} is about a table this version does not know.`, { id });
    const at = this.now().toISOString();
    await this.ws.mutate(async (w) => {
      if (r.kind === 'edited-while-deleted') {
        const row = this.ws.raw.prepare(`SELECT deleted_at FROM "${table}" WHERE id = ?`).get(r.row_id) as { deleted_at: string | null } | undefined;
        if (keep === 'theirs' && row?.deleted_at) await w.write({ op: 'restore', table, id: r.row_id });
      } else if (keep !== view.keptIs) {
        const chosen = keep === 'mine' ? view.mine.value : view.theirs.value;
        const root = rootOf(r.cell);
        const key = keyOf(r.cell);
        let value: unknown = chosen;
        if (key !== null) {
          // A key cell (`details.identity`): write the whole object with that key set; the write path logs only the key.
          const current = this.ws.raw.prepare(`SELECT "${root}" AS v FROM "${table}" WHERE id = ?`).get(r.row_id) as { v: string | null } | undefined;
          const obj = current?.v ? ({ ...(JSON.parse(current.v) as Record<string, unknown>) }) : {};
          const logged = chosen as { v?: unknown } | null;
          if (logged && typeof logged === 'object' && 'v' in logged) obj[key] = logged.v;
          else delete obj[key];
          value = obj;
        }
        const row = this.ws.raw.prepare(`SELECT deleted_at FROM "${table}" WHERE id = ?`).get(r.row_id) as { deleted_at: string | null } | undefined;
        if (!row) throw new DomainError('not_found', `The record of conflict ${id} no longer exists.`);
        if (row.deleted_at) throw new DomainError('deleted', 'This record is in the trash; restore it before choosing a value.');
        await w.write({ op: 'update', table, id: r.row_id, values: { [root]: value } });
      }
      this.ws.raw.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(at, keep === 'mine' ? 'kept-mine' : 'kept-theirs', id);
    });
    return { resolved: true };
  }

  /**
   * Creates a colleague's workspace (its own passphrase, the shared workspace id) and writes its
   * encrypted join request into the folder. The workspace stays empty until a member approves
   * the request and syncs; the next `sync` here then brings the whole workspace in.
   */
  static async join(input: { path: string; passphrase: string; folder: string; name: string; home?: string; now?: () => Date }): Promise<{ deviceId: string; fingerprint: string; status: 'pending' }> {
    const parsed = joinInputSchema.safeParse(input);
    if (!parsed.success) throw new DomainError('invalid_input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    let root = resolve(parsed.data.folder);
    checkFolder(root);
    // The folder itself, or the vigie-<workspaceId> folder inside it.
    const m = /^vigie-([0-9A-Za-z][0-9A-Za-z_-]{0,63})$/.exec(basename(root));
    let ids = workspacesIn(root);
    if (m && ids.length === 0 && existsSync(join(root, 'keys'))) {
      ids = [m[1]!];
      root = dirname(root);
    }
    if (ids.length !== 1) {
      throw new DomainError(
        'sync_workspace_unknown',
        ids.length === 0 ? `No Vigie workspace in ${root}: a member must sync to this folder once before anyone can join.` : `${root} holds several Vigie workspaces (${ids.join(', ')}): choose the vigie-… folder of the one to join.`,
      );
    }
    const workspaceId = ids[0]!;
    const ws = await Workspace.createJoined(resolve(parsed.data.path), parsed.data.passphrase, workspaceId, { actor: parsed.data.name, ...(input.home ? { home: input.home } : {}), ...(input.now ? { now: input.now } : {}) });
    try {
      const keys = await deviceKeys(ws);
      const recipients = readKeyCards(root, workspaceId)
        .filter((c) => c.deviceId !== ws.deviceId)
        .map((c) => c.ageRecipient);
      if (recipients.length === 0) throw new DomainError('sync_workspace_unknown', `No member has published keys in ${root} yet: ask a member to sync once, then join again.`);
      await writeJoinRequest(root, workspaceId, keys, parsed.data.name, recipients, (input.now ?? (() => new Date()))());
      await setMeta(ws.db, META.folder, root);
      await setMeta(ws.db, META.joinName, parsed.data.name);
      const fingerprint = keyFingerprint(keys);
      await ws.close();
      return { deviceId: ws.deviceId, fingerprint, status: 'pending' };
    } catch (e) {
      await ws.discard();
      throw e;
    }
  }
}

/** An open conflict as the review reads it (the columns of sync_conflicts it selects). */
type ConflictRow = Omit<SyncConflictsTable, 'resolved_at' | 'resolution'>;

function parseDevice(hlc: string): string {
  try {
    return parseHlc(hlc).device;
  } catch {
    return '';
  }
}

function parseDeviceId(deviceId: unknown): string {
  const r = deviceIdSchema.safeParse(deviceId);
  if (!r.success) throw new DomainError('invalid_input', 'A device id is 1–64 letters, digits, _ or -.');
  return r.data;
}

/** The folder exists, is a folder, can be written, and is not the workspace's backups folder. */
export function checkFolder(dir: string, workspacePath?: string): void {
  if (!isAbsolute(dir)) throw new DomainError('sync_folder_invalid', `The sync folder must be an absolute path (got ${dir}).`, { folder: dir });
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new DomainError('sync_folder_invalid', `The sync folder ${dir} cannot be found. Is the network share or the drive connected?`, { folder: dir });
  }
  if (!st.isDirectory()) throw new DomainError('sync_folder_invalid', `${dir} is a file, not a folder.`, { folder: dir });
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new DomainError('sync_folder_invalid', `Vigie cannot write into ${dir}.`, { folder: dir });
  }
  if (workspacePath) {
    const real = (p: string) => {
      try {
        return realpathSync(p);
      } catch {
        return resolve(p);
      }
    };
    const backups = real(backupDir(workspacePath));
    const d = real(dir);
    const rel = relative(backups, d);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`))) {
      throw new DomainError('sync_folder_invalid', `${dir} is inside the workspace's backups folder; choose the folder your team shares.`, { folder: dir });
    }
  }
}


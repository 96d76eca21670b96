import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors';
import { refuseUnsafeText } from '../domain/text';
import { DEFAULT_ORG_PROFILE, missingProfileFields, ORG_PROFILE_FIELDS, orgProfileSchema, type OrgProfile } from '../domain/org-profile';
import { chainContains, chainHead, verifyAudit, type AuditCheckpoint, type AuditReport, type VerifyOptions } from '../db/audit';
import { kyselyWithImmediateTransactions } from '../db/immediate-dialect';
import { isBackupPath, openDatabase, workspaceFiles, type RawDatabase } from '../db/open';
import type { VigieMigration } from '../db/migrations/types';
import { createBackup, dailyBackupDue, listBackups, type BackupInfo, type BackupKind } from './backups';
import { allChangeLogEntries, changeLogStats, listHistory, withChangedKeys, type HistoryEntry } from '../db/repositories/history';
import { getMeta, setMeta } from '../db/repositories/meta';
import { ORG_PROFILE_ID, readOrgProfile } from '../db/repositories/org-profile';
import { transactionReads, type TransactionReads } from '../db/repositories/in-transaction';
import { listTrash, type TrashItem } from '../db/repositories/trash';
import type { ActivitiesTable, DB } from '../db/schema';
import { TABLES, type DomainTable } from '../db/tables';
import { toCsv } from '../export/csv';
import { invalidInput, newUlid, prepared, write, type WriteCommand, type WriteContext, type WriteResult } from '../db/write';
import { HybridLogicalClock, parseHlc } from '../sync/hlc';
import { allocateReference, claimReference } from '../db/references';
import type { ReferenceKind } from '../domain/references';
import { refreshRequestIndex, requestIndexContext, type RequestIndexContext } from './request-index';
import type { DsarCase } from '../domain/requests/case';
import { DeviceRegistry } from './device-identity';
import { applyRemote, checkRemote, newestStamp, RemoteRejection, retryPending, type ApplyOptions, type ApplyResult } from '../db/remote';
import { ONE_TRANSACTION_MAX, PartSize, partEnd, type RemotePartOptions } from './remote-parts';
import type { LogEntryRow } from '../db/log-format';
import { refreshBreachIndex } from './breach-index';
import { insertedActivityRow, refreshActivityIndex } from './activity-index';
import { ensureVendorIndex, refreshVendorIndex } from './vendor-index';
import { compareSeal, DamagedSealError, SealStore, type Seal, type SealCheck } from './seals';
import { normalisePassphrase } from './passphrase';

export const WORKSPACE_FORMAT_VERSION = '1';

export interface WorkspaceOptions {
  actor: string;
  now?: () => Date;
  /**
   * The installation folder (Electron's userData, `vigieHome()` for the CLI) where this computer
   * keeps the seal of each workspace it opened. Without it no seal is kept or compared.
   */
  home?: string;
}

export interface OpenWorkspaceOptions extends WorkspaceOptions {
  /** Make the day's backup if none was made today (the app and the CLI do; tests choose). */
  dailyBackup?: boolean;
  /** Tests only: another migration list (an older or newer build). */
  migrations?: readonly VigieMigration[];
  busyTimeoutMs?: number;
}

/** Errors after which the person's best next step is a backup: their details list the backups. */
const OFFER_BACKUPS = new Set(['wrong_passphrase', 'workspace_corrupt', 'workspace_empty', 'migration_failed', 'migration_unconfirmed']);

function backupSummary(b: BackupInfo) {
  return { id: b.id, kind: b.kind, createdAt: b.createdAt, size: b.size, schemaVersion: b.schemaVersion };
}

/** The audit report, with how the workspace compares with what this computer last saw. */
export type AuditVerifyReport = AuditReport & { seal: SealCheck; scope?: 'full' | 'since-checkpoint'; checkpoint?: AuditCheckpoint };

/**
 * Opens with the NFC form of the passphrase. A workspace created before passphrases were normalised
 * (2026-12-01) was keyed with the bytes as typed: if the NFC form is refused and differs, the
 * passphrase as typed is tried once.
 */
async function openPassphrase(passphrase: string, open: (key: string) => ReturnType<typeof openDatabase>): Promise<{ opened: Awaited<ReturnType<typeof openDatabase>>; key: string }> {
  const nfc = normalisePassphrase(passphrase);
  try {
    return { opened: await open(nfc), key: nfc };
  } catch (e) {
    if (nfc !== passphrase && e instanceof DomainError && e.code === 'wrong_passphrase') return { opened: await open(passphrase), key: passphrase };
    throw e;
  }
}

/**
 * The workspace's queries run through a Kysely instance whose transactions begin IMMEDIATE (see
 * db/immediate-dialect.ts), on the same connection openDatabase keyed and migrated. The instance
 * openDatabase made is dropped unused (destroying it would close the connection).
 */
function immediate<T extends { raw: RawDatabase; db: Kysely<DB> }>(opened: T): T {
  return { ...opened, db: kyselyWithImmediateTransactions(opened.raw) };
}

/**
 * Writes inside one transaction: every write goes through the one write path, and reads are the
 * repository queries bound to the transaction. The raw transaction is never handed to a service.
 */
export interface Writer {
  write(cmd: WriteCommand): Promise<WriteResult>;
  read: TransactionReads & {
    /**
     * The profile and response targets as this transaction sees them, read once per transaction
     * (and again after the transaction writes either): what a new case's deadlines are computed
     * with, and what the request index refresh of this transaction uses too.
     */
    requestIndexContext(): Promise<RequestIndexContext>;
  };
  /** This device's next reference of a kind (see domain/references.ts): DSAR-2026-0016, BR-2026-CM-001… */
  reference(kind: ReferenceKind, year: number): string;
  /** A reference given explicitly: numbering of this device's series continues after it. */
  claimReference(kind: ReferenceKind, year: number, reference: string): void;
  /**
   * The case just inserted under `id`, as its writer validated it (the row was written from it):
   * the stored deadlines this transaction computes for it read it instead of parsing the row back.
   * Forgotten as soon as the transaction writes that case again.
   */
  caseInserted(id: string, c: DsarCase): void;
}

/** The derived indexes (request_index, breach_index) of rows a remote change touched, in its transaction. */
async function refreshDerived(trx: Parameters<typeof refreshRequestIndex>[0], touched: ReadonlyArray<{ table: string; rowId: string }>): Promise<void> {
  const of = (table: string) => [...new Set(touched.filter((t) => t.table === table).map((t) => t.rowId))];
  const cases = of('requests');
  if (cases.length) await refreshRequestIndex(trx, cases);
  const breaches = of('breaches');
  const activities = of('activities');
  if (breaches.length || activities.length) await refreshBreachIndex(trx, breaches, activities);
  const vendors = of('vendors');
  if (activities.length || vendors.length) await refreshActivityIndex(trx, activities, vendors);
  if (vendors.length) await refreshVendorIndex(trx, vendors);
}

/** Least time between two seals taken after writes (see Workspace.sealAfterWrite). */
export const SEAL_INTERVAL_MS = 1000;

/** An open, unlocked workspace. Services take one of these; it never knows about Electron. */
export class Workspace {
  #passphrase: string;
  /** Why the day's automatic backup could not be made (the workspace still opened). */
  backupWarning: string | undefined;

  private constructor(
    passphrase: string,
    readonly path: string,
    readonly raw: RawDatabase,
    readonly db: Kysely<DB>,
    readonly deviceId: string,
    readonly clock: HybridLogicalClock,
    private readonly options: WorkspaceOptions & { now: () => Date },
    readonly migrated: string[],
    readonly backup?: string,
    readonly schemaVersion = 0,
  ) {
    this.#passphrase = passphrase;
    this.seals = options.home ? new SealStore(options.home) : undefined;
  }

  private readonly seals: SealStore | undefined;
  /** The id seals are kept under: the id of the first change-log entry (see db/audit.ts checkMeta). */
  workspaceId = '';
  /** How this workspace compared, when it was opened, with the seal this computer kept. */
  sealCheck: SealCheck = { status: 'unavailable' };
  private wroteInSession = false;
  private closed = false;
  /** A large remote bundle being applied (applyRemote): close waits for it to stop at its next turn. */
  private applying: Promise<unknown> | undefined;
  private lastWriteSeal = 0;
  private pendingSeal: ReturnType<typeof setTimeout> | undefined;

  get actor(): string {
    return this.options.actor;
  }

  get name(): string {
    return basename(this.path, '.vigie');
  }

  static async create(path: string, passphrase: string, opts: WorkspaceOptions & { profile?: Partial<OrgProfile> }): Promise<Workspace> {
    const opened = immediate(await openDatabase({ path, passphrase: normalisePassphrase(passphrase), mode: 'create' }));
    const deviceId = newUlid();
    try {
      await setMeta(opened.db, 'device_id', deviceId);
      await setMeta(opened.db, 'format_version', WORKSPACE_FORMAT_VERSION);
      await setMeta(opened.db, 'created_at', (opts.now ?? (() => new Date()))().toISOString());
      // No vendor yet: the stored parses are complete under this version's key.
      await ensureVendorIndex(opened.db);
    } catch (e) {
      await opened.db.destroy();
      for (const f of workspaceFiles(path)) rmSync(f, { force: true });
      throw e;
    }
    const ws = new Workspace(normalisePassphrase(passphrase), path, opened.raw, opened.db, deviceId, new HybridLogicalClock(deviceId), { now: () => new Date(), ...opts }, opened.migrated, undefined, opened.schemaVersion);
    try {
      const genesis = await ws.mutate((w) => w.write({ op: 'insert', table: 'org_profile', id: ORG_PROFILE_ID, values: { ...DEFAULT_ORG_PROFILE, ...opts.profile } }));
      await setMeta(opened.db, 'workspace_id', genesis.entryId!);
      ws.workspaceId = genesis.entryId!;
      if (opts.home) new DeviceRegistry(opts.home).remember(ws.workspaceId, path, deviceId);
      if (ws.seals) ws.sealCheck = { status: 'first-seen' };
      await ws.recordSeal();
    } catch (e) {
      await ws.discard();
      throw e;
    }
    return ws;
  }

  static async open(path: string, passphrase: string, opts: OpenWorkspaceOptions): Promise<Workspace> {
    if (isBackupPath(path)) {
      throw new DomainError(
        'is_backup',
        'This file is a backup. Vigie does not open backups as workspaces (that would change them): restore it instead, from Settings › Backups of its workspace or with `backup restore` on the command line.',
      );
    }
    const now = opts.now ?? (() => new Date());
    let opened;
    let key: string;
    try {
      const r = await openPassphrase(passphrase, (pp) =>
        openDatabase({
          path,
          passphrase: pp,
          mode: 'open',
          migrations: opts.migrations,
          busyTimeoutMs: opts.busyTimeoutMs,
          beforeUpgrade: (raw) => createBackup({ raw, path, passphrase: pp, kind: 'pre-upgrade', now: now() }).path,
        }),
      );
      opened = immediate(r.opened);
      key = r.key;
    } catch (e) {
      if (e instanceof DomainError && OFFER_BACKUPS.has(e.code)) {
        let backups: ReturnType<typeof backupSummary>[];
        try {
          backups = listBackups(path).map(backupSummary);
        } catch {
          backups = [];
        }
        throw new DomainError(e.code, e.message, { ...(typeof e.details === 'object' && e.details ? e.details : {}), backups });
      }
      throw e;
    }
    let ws: Workspace;
    let workspaceId: string;
    try {
      const head = await chainHead(opened.db);
      const storedId = await getMeta(opened.db, 'workspace_id');
      workspaceId = storedId ?? head.firstId ?? '';
      // Workspaces created before seals existed get their id from their first entry, once.
      if (!storedId && head.firstId) await setMeta(opened.db, 'workspace_id', head.firstId);
      // The device id lives with the installation: a copy of the file gets its own before its first write.
      let deviceId = (await getMeta(opened.db, 'device_id')) ?? newUlid();
      if (opts.home && workspaceId) deviceId = new DeviceRegistry(opts.home).resolve(workspaceId, path).deviceId;
      await setMeta(opened.db, 'device_id', deviceId);
      // Resume the clock after the newest stamp this workspace holds (any device's), so stamps never go backwards.
      const newest = newestStamp(opened.raw);
      const last = newest ? parseHlc(newest) : undefined;
      const clock = new HybridLogicalClock(deviceId, undefined, last ? { wall: last.wall, counter: last.counter } : undefined);
      ws = new Workspace(key, path, opened.raw, opened.db, deviceId, clock, { now, ...opts }, opened.migrated, opened.backup, opened.schemaVersion);
    } catch (e) {
      await opened.db.destroy();
      throw e;
    }
    // The upgrade to 0017 (or a new vendor schema version) stores every vendor's parse now, not in the
    // first dashboard call. Only a saving: if it cannot be written, the vendors are parsed when read.
    await ensureVendorIndex(opened.db).catch(() => undefined);
    if (opts.dailyBackup) ws.ensureDailyBackup();
    ws.workspaceId = workspaceId;
    await ws.compareWithSeal();
    return ws;
  }

  async close(): Promise<void> {
    this.cancelPendingSeal();
    this.closed = true;
    // A bundle being applied stops at its next turn (what it had not committed is rolled back).
    await this.applying;
    await this.recordSeal();
    await this.db.destroy();
  }

  /** Closes and deletes a workspace whose creation failed: no half-made file is left behind. */
  async discard(): Promise<void> {
    this.cancelPendingSeal();
    this.closed = true;
    await this.applying;
    await this.db.destroy().catch(() => undefined);
    for (const f of workspaceFiles(this.path)) rmSync(f, { force: true });
  }

  // ── backups ─────────────────────────────────────────────────────────────
  /** An encrypted, checked copy in `<name>.backups/` (see services/backups.ts). */
  backupNow(kind: BackupKind = 'manual'): BackupInfo {
    return createBackup({ raw: this.raw, path: this.path, passphrase: this.#passphrase, kind, now: this.options.now() });
  }

  /** The day's automatic backup, if none was made today. A failure is kept as a warning, never blocks the work. */
  ensureDailyBackup(): BackupInfo | undefined {
    try {
      if (!dailyBackupDue(this.path, this.options.now())) return undefined;
      const b = this.backupNow('daily');
      this.backupWarning = undefined;
      return b;
    } catch (e) {
      this.backupWarning = e instanceof Error ? e.message : String(e);
      return undefined;
    }
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.path);
  }

  /** For a restore: the session reopens the restored file with the same passphrase. */
  get passphraseForRestore(): string {
    return this.#passphrase;
  }

  /** `PRAGMA quick_check` of the open file: 'ok' or SQLite's list of problems. */
  quickCheck(): string {
    return String(this.raw.pragma('quick_check', { simple: true }));
  }

  /** The seal of the workspace as it is now (what "Copy seal" copies and `audit seal` prints). */
  async seal(): Promise<Seal> {
    const head = await chainHead(this.db);
    return { workspaceId: this.workspaceId, entries: head.entries, headHash: head.headHash, at: this.options.now().toISOString() };
  }

  private async compareWithSeal(): Promise<void> {
    if (!this.seals || !this.workspaceId) return;
    try {
      const current = await this.seal();
      const kept = this.seals.read(this.workspaceId);
      const seen = kept?.seal;
      this.sealCheck = compareSeal(seen, current, seen ? await chainContains(this.db, seen.entries, seen.headHash) : false);
      if (this.sealCheck.status !== 'behind') await this.recordSeal();
    } catch (e) {
      if (e instanceof DamagedSealError) {
        // Nothing to compare with; the damaged file is kept aside and a new seal starts from here.
        let aside = '';
        try {
          aside = this.seals.setAside(this.workspaceId, this.options.now());
        } catch {
          /* reported below */
        }
        this.sealCheck = { status: 'unavailable', warning: `This computer’s seal of the workspace was damaged, so it could not tell whether the workspace is behind what it last saw${aside ? ` (the damaged seal was kept as ${aside})` : ''}.` };
        await this.recordSeal();
        return;
      }
      this.sealCheck = { status: 'unavailable', warning: `This computer’s seal of the workspace could not be read (${e instanceof Error ? e.message : String(e)}).` };
    }
  }

  /**
   * Keeps the workspace's current seal in the installation folder. A workspace found behind the
   * kept seal does not overwrite it unless someone wrote to it in this session (they chose to carry
   * on from there); that choice is kept in the file. Never blocks work: a failure is reported by
   * audit verify.
   */
  private async recordSeal(): Promise<void> {
    if (!this.seals || !this.workspaceId) return;
    try {
      const current = await this.seal();
      const kept = this.seals.read(this.workspaceId);
      let acceptedBehind = kept?.acceptedBehind;
      if (kept) {
        const check = compareSeal(kept.seal, current, await chainContains(this.db, kept.seal.entries, kept.seal.headHash));
        if (check.status === 'same') return;
        if (check.status === 'behind') {
          if (!this.wroteInSession) return;
          acceptedBehind = { at: current.at, seen: kept.seal, found: this.sealCheck.status === 'behind' && this.sealCheck.found ? this.sealCheck.found : current };
        }
      }
      this.seals.write({ seal: current, ...(acceptedBehind ? { acceptedBehind } : {}) });
    } catch (e) {
      if (this.sealCheck.status !== 'behind') this.sealCheck = { ...this.sealCheck, warning: `This computer could not keep the workspace’s seal (${e instanceof Error ? e.message : String(e)}).` };
    }
  }

  /** The member code in this device's references ('' for the founding device or a workspace that does not sync). */
  memberCode(): string {
    // A cached statement (db/write.ts prepared): this runs for every reference a bulk import allocates.
    const r = prepared(this.raw, 'SELECT member_code FROM sync_members WHERE id = ?').get(this.deviceId) as { member_code: string } | undefined;
    return r?.member_code ?? '';
  }

  private writeContext(): WriteContext {
    return { actor: this.options.actor, deviceId: this.deviceId, clock: this.clock, now: this.options.now, raw: this.raw, schemaVersion: this.schemaVersion, tx: { txId: newUlid() } };
  }

  /** Runs `fn` in one transaction; all its writes and their log entries commit or roll back together. */
  async mutate<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    const ctx = this.writeContext();
    let wrote = false;
    const result = await this.db.transaction().execute(async (trx) => {
      // Cases written in this transaction get their stored deadlines recomputed before it commits.
      const cases = new Set<string>();
      // Breaches written, and activities (a processor activity's contract sets a breach's clock): their stored clocks too.
      const breaches = new Set<string>();
      const activities = new Set<string>();
      // Activities whose last write here was their insert: their rows as written (activity-index.ts insertedActivityRow).
      const insertedActivities = new Map<string, ActivitiesTable>();
      // Activities and vendors written: the activities' stored completeness (activity-index.ts).
      const vendors = new Set<string>();
      // Cases whose last write here was their insert from a validated case (Writer.caseInserted).
      const known = new Map<string, DsarCase>();
      let indexContext: Promise<RequestIndexContext> | undefined;
      const requestContext = () => (indexContext ??= requestIndexContext(trx));
      const r = await fn({
        read: { ...transactionReads(trx), requestIndexContext: requestContext },
        reference: (kind, year) => allocateReference(this.raw, kind, year, this.memberCode()),
        claimReference: (kind, year, reference) => claimReference(this.raw, kind, year, this.memberCode(), reference),
        caseInserted: (id, c) => {
          if (cases.has(id)) known.set(id, c);
        },
        write: async (cmd) => {
          const w = write(ctx, cmd);
          if (w.entryId) wrote = true;
          // What the request index context holds changed: read again when next asked.
          if (cmd.table === 'org_profile' || cmd.table === 'response_targets') indexContext = undefined;
          if (cmd.table === 'requests') {
            cases.add(w.id);
            known.delete(w.id);
          }
          if (cmd.table === 'breaches') breaches.add(w.id);
          if (cmd.table === 'activities') {
            activities.add(w.id);
            const row = w.inserted && insertedActivityRow(w.id, w.inserted);
            if (row) insertedActivities.set(w.id, row);
            else insertedActivities.delete(w.id);
          }
          if (cmd.table === 'vendors') vendors.add(w.id);
          return w;
        },
      });
      await refreshRequestIndex(trx, [...cases], cases.size ? await requestContext() : undefined, known);
      await refreshBreachIndex(trx, [...breaches], [...activities]);
      await refreshActivityIndex(trx, [...activities], [...vendors], insertedActivities);
      await refreshVendorIndex(trx, [...vendors]);
      return r;
    });
    if (wrote) {
      this.wroteInSession = true;
      await this.sealAfterWrite();
    }
    return result;
  }

  /**
   * The seal after a write: at once, unless a write sealed less than SEAL_INTERVAL_MS ago — then
   * once at the end of that interval (and at close). Replacing the seal file costs a rename that
   * the file system flushes (~3 ms on ext4 under load, more than the write itself: performance
   * issue 11); a run of edits shares one. What the seal detects — a workspace put back to an
   * older state — is unchanged at that grain; after a crash the seal may be up to one interval
   * old, so the next open finds the workspace "ahead", which is not an alarm.
   */
  private async sealAfterWrite(): Promise<void> {
    const now = Date.now();
    if (now - this.lastWriteSeal >= SEAL_INTERVAL_MS) {
      this.cancelPendingSeal();
      this.lastWriteSeal = now;
      await this.recordSeal();
      return;
    }
    this.pendingSeal ??= setTimeout(() => {
      this.pendingSeal = undefined;
      if (this.closed) return;
      this.lastWriteSeal = Date.now();
      void this.recordSeal();
    }, SEAL_INTERVAL_MS - (now - this.lastWriteSeal));
    this.pendingSeal.unref?.();
  }

  private cancelPendingSeal(): void {
    if (this.pendingSeal) clearTimeout(this.pendingSeal);
    this.pendingSeal = undefined;
  }

  /**
   * Applies entries another device wrote (a bundle or a snapshot). Derived indexes of the rows it
   * changed are refreshed in the same transaction as the rows.
   *
   * A few entries go in one transaction: all or nothing (a RemoteRejection rolls everything back).
   * A larger bundle (a colleague's import, the snapshot a new member starts from: hundreds of
   * thousands of entries) would hold the main process for seconds to minutes, the window frozen
   * meanwhile (issue 11: "the UI stays responsive while anything heavy runs"). So it is first
   * checked whole, writing nothing (db/remote.ts checkRemote: shapes, chains, duplicates, hashes,
   * ids), a slice at a time — a bad entry anywhere still refuses all of it, before anything is
   * written — then applied in parts of ~PART_MS each (remote-parts.ts partEnd), each part in its
   * own transaction with its derived indexes, the event loop turning between two. Entries that
   * must commit together (an entry a purge scrubbed and that purge, which can lie far apart in a
   * snapshot) share one transaction, still applied a part at a time with the event loop turning
   * between parts inside it (the window answers; other queries wait for it). Should the apply stop between parts
   * (the workspace closed, a disk error), the parts applied are whole, valid transactions of the
   * sender's chain; the file is not marked applied, and the next sync reads it again, skipping the
   * entries already held (duplicates) — what the sync ledger does with any file it did not finish.
   */
  async applyRemote(entries: readonly LogEntryRow[], opts: Pick<ApplyOptions, 'sender' | 'blob'> & RemotePartOptions = {}): Promise<ApplyResult> {
    const { part, onProgress, ...apply } = opts;
    if (entries.length <= (part ?? ONE_TRANSACTION_MAX)) {
      const r = await this.db.transaction().execute(async (trx) => {
        const result = applyRemote(this.raw, entries, { ...apply, localDevice: this.deviceId, clock: this.clock, now: this.options.now });
        await refreshDerived(trx, result.touched);
        return result;
      });
      if (r.applied > 0) {
        this.wroteInSession = true;
        await this.recordSeal();
      }
      return r;
    }
    const run = this.applyInParts(entries, part, onProgress, apply);
    this.applying = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      this.applying = undefined;
    }
  }

  private async applyInParts(entries: readonly LogEntryRow[], part: number | undefined, onProgress: RemotePartOptions['onProgress'], apply: Pick<ApplyOptions, 'sender' | 'blob'>): Promise<ApplyResult> {
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    const stillOpen = () => {
      if (this.closed) throw new DomainError('no_workspace', 'The workspace was closed while a colleague’s changes were being applied: what was applied is kept, the rest is applied at the next sync.');
    };
    // 1. The whole bundle checked, writing nothing.
    const check = checkRemote(this.raw, entries);
    const checkSize = new PartSize(part);
    for (let done = 0; done < entries.length; ) {
      const t0 = performance.now();
      const was = done;
      done = check.next(checkSize.next);
      checkSize.took(done - was, performance.now() - t0);
      onProgress?.({ step: 'check', done, total: entries.length });
      await turn();
      stillOpen();
    }
    // 2. Applied a part at a time.
    const together = check.together();
    const total: ApplyResult = { applied: 0, duplicates: 0, pending: 0, conflicts: 0, skewMs: 0, touched: [] };
    const size = new PartSize(part);
    let committed = 0;
    try {
      for (let from = 0; from < entries.length; ) {
        // One transaction: a part, or a longer span that must commit whole (a scrubbed entry and
        // its row's purge, see checkRemote's `together`), applied in parts with the event loop
        // turning between them inside the transaction (other queries wait for it; the window answers).
        const to = partEnd(entries, from, size.next, together);
        // One part in its transaction: timed with its commit (an fsync, now and then a WAL
        // checkpoint), so that parts are sized by what they hold the loop for.
        const single = Math.min(to, partEnd(entries, from, size.next)) >= to;
        const t0 = performance.now();
        const r = await this.db.transaction().execute(async (trx) => {
          const sum: ApplyResult = { applied: 0, duplicates: 0, pending: 0, conflicts: 0, skewMs: 0, touched: [] };
          for (let at = from; at < to; ) {
            const end = Math.min(to, partEnd(entries, at, size.next));
            const t1 = performance.now();
            const result = applyRemote(this.raw, entries.slice(at, end), { ...apply, hashChecked: true, retry: false, localDevice: this.deviceId, clock: this.clock, now: this.options.now });
            await refreshDerived(trx, result.touched);
            if (!single) size.took(end - at, performance.now() - t1);
            sum.applied += result.applied;
            sum.duplicates += result.duplicates;
            sum.pending += result.pending;
            sum.conflicts += result.conflicts;
            for (const t of result.touched) sum.touched.push(t);
            at = end;
            if (at < to) {
              onProgress?.({ step: 'apply', done: at, total: entries.length });
              await turn();
              stillOpen();
            }
          }
          return sum;
        });
        if (single) size.took(to - from, performance.now() - t0);
        committed++;
        total.applied += r.applied;
        total.duplicates += r.duplicates;
        total.pending += r.pending;
        total.conflicts += r.conflicts;
        for (const t of r.touched) total.touched.push(t);
        if (r.applied > 0) this.wroteInSession = true;
        from = to;
        onProgress?.({ step: 'apply', done: from, total: entries.length });
        await turn();
        stillOpen();
      }
      // 3. Entries kept pending that the bundle's rows let apply now (a part does not retry them: its rows may come later).
      const retried = await this.db.transaction().execute(async (trx) => {
        const r = retryPending(this.raw, { ...apply, localDevice: this.deviceId, clock: this.clock, now: this.options.now });
        await refreshDerived(trx, r.touched);
        return r;
      });
      total.applied += retried.applied;
      total.pending = Math.max(0, total.pending - retried.applied);
      total.conflicts += retried.conflicts;
      for (const t of retried.touched) total.touched.push(t);
      total.skewMs = this.clock.maxSkewMs;
      return total;
    } catch (e) {
      // Parts were applied: the file is not refused as a whole (the next sync skips what is held and decides the rest).
      if (e instanceof RemoteRejection && committed > 0) throw new Error(`A colleague’s file was applied in part (${total.applied + total.pending} entries) before this: ${e.message}`, { cause: e });
      throw e;
    } finally {
      if (total.applied > 0 && !this.closed) await this.recordSeal();
    }
  }

  /** Replays entries kept pending (after an upgrade that taught this version their tables or columns). */
  async retryPending(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const r = retryPending(this.raw, { localDevice: this.deviceId, clock: this.clock, now: this.options.now });
      await refreshDerived(trx, r.touched);
      return r.applied;
    });
  }

  /**
   * A new, empty workspace that will receive a colleague's workspace through sync (`join`): its own
   * passphrase and device id, the shared workspace id, and no entry of its own until the snapshot
   * arrives (so its first write never competes with the founder's organisation profile).
   */
  static async createJoined(path: string, passphrase: string, workspaceId: string, opts: WorkspaceOptions): Promise<Workspace> {
    const opened = immediate(await openDatabase({ path, passphrase: normalisePassphrase(passphrase), mode: 'create' }));
    const deviceId = newUlid();
    const now = (opts.now ?? (() => new Date()))();
    try {
      await setMeta(opened.db, 'device_id', deviceId);
      await setMeta(opened.db, 'format_version', WORKSPACE_FORMAT_VERSION);
      await setMeta(opened.db, 'created_at', now.toISOString());
      await setMeta(opened.db, 'joined_at', now.toISOString());
      await setMeta(opened.db, 'workspace_id', workspaceId);
    } catch (e) {
      await opened.db.destroy();
      for (const f of workspaceFiles(path)) rmSync(f, { force: true });
      throw e;
    }
    const ws = new Workspace(normalisePassphrase(passphrase), path, opened.raw, opened.db, deviceId, new HybridLogicalClock(deviceId), { now: () => new Date(), ...opts }, opened.migrated, undefined, opened.schemaVersion);
    ws.workspaceId = workspaceId;
    if (opts.home) new DeviceRegistry(opts.home).remember(workspaceId, path, deviceId);
    return ws;
  }

  // ── organisation profile ────────────────────────────────────────────────
  async getProfile(): Promise<{ profile: OrgProfile; missing: string[] }> {
    const profile = (await readOrgProfile(this.db)) ?? DEFAULT_ORG_PROFILE;
    return { profile, missing: missingProfileFields(profile) };
  }

  async updateProfile(values: Partial<OrgProfile>): Promise<{ profile: OrgProfile; changed: string[]; missing: string[] }> {
    refuseUnsafeText(values, 'organisation profile');
    const unknown = Object.keys(values ?? {}).filter((k) => !(ORG_PROFILE_FIELDS as string[]).includes(k));
    if (unknown.length > 0) {
      const message = `Unknown profile field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}. Valid fields: ${ORG_PROFILE_FIELDS.join(', ')}.`;
      throw new DomainError('invalid_input', message, { issues: unknown.map((k) => ({ path: [k], message: 'Unknown field.', code: 'unknown_field' })) });
    }
    const parsed = orgProfileSchema.partial().safeParse(values);
    if (!parsed.success) throw invalidInput(parsed.error, 'organisation profile');
    const r = await this.mutate((w) => w.write({ op: 'update', table: 'org_profile', id: ORG_PROFILE_ID, values: parsed.data }));
    const { profile, missing } = await this.getProfile();
    return { profile, changed: r.changed, missing };
  }

  // ── trash, history, audit ───────────────────────────────────────────────
  listTrash(): Promise<TrashItem[]> {
    return listTrash(this.db);
  }

  async moveToTrash(table: DomainTable, id: string, reason?: string): Promise<void> {
    await this.mutate((w) => w.write({ op: 'delete', table, id, reason }));
  }

  async restore(table: DomainTable, id: string): Promise<void> {
    if (!TABLES[table]?.trashable) throw new DomainError('invalid_input', `Nothing of type ${table} can be in the trash.`);
    await this.mutate((w) => w.write({ op: 'restore', table, id }));
  }

  async history(q: { table?: string; rowId?: string; limit?: number; beforeSeq?: number }): Promise<HistoryEntry[]> {
    const entries = await listHistory(this.db, { ...q, limit: q.limit ?? 200 });
    return withChangedKeys(this.db, entries, (t) => (TABLES as Record<string, { jsonColumns: readonly string[] }>)[t]?.jsonColumns ?? []);
  }

  /** The whole change log as CSV (UTF-8 with BOM, ';' separated, as French spreadsheets expect). */
  async exportAuditCsv(): Promise<{ fileName: string; contentBase64: string; entries: number }> {
    const rows = await allChangeLogEntries(this.db);
    const header = ['seq', 'at', 'actor', 'device_id', 'hlc', 'table', 'row_id', 'op', 'fields', 'reason', 'prev_hash', 'hash'];
    const text = toCsv(header, rows.map((r) => [r.seq, r.at, r.actor, r.device_id, r.hlc, r.table_name, r.row_id, r.op, r.fields, r.reason, r.prev_hash, r.hash]));
    return { fileName: `${this.name}-journal-${new Date().toISOString().slice(0, 10)}.csv`, contentBase64: Buffer.from(text, 'utf8').toString('base64'), entries: rows.length };
  }

  /**
   * `full` checks every entry and row and records a check point; `quick` checks what was written or
   * received since the last check point (a full check when there is none).
   */
  /**
   * `hasher` starts the check's second thread for a large log (jobs/audit-hasher.ts): the command line
   * passes it; without it (tests, small logs) everything runs on this thread, with the same verdict.
   */
  async verifyAudit(mode: 'full' | 'quick' = 'full', opts: Pick<VerifyOptions, 'hasher' | 'hasherMinEntries'> = {}): Promise<AuditVerifyReport> {
    const from = mode === 'quick' ? await this.auditCheckpoint() : undefined;
    const report = await verifyAudit(this.db, { ...(from ? { from } : {}), ...opts });
    await this.recordAuditCheckpoint(report);
    return { ...report, seal: this.sealCheck };
  }

  /** The last verified check point (for a quick check), if any. */
  async auditCheckpoint(): Promise<AuditCheckpoint | undefined> {
    try {
      const kept = await getMeta(this.db, 'audit_checkpoint');
      return kept ? (JSON.parse(kept) as AuditCheckpoint) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps the check point of a check that passed. */
  async recordAuditCheckpoint(report: { ok: boolean; checkpoint?: AuditCheckpoint }): Promise<void> {
    if (report.ok && report.checkpoint) await setMeta(this.db, 'audit_checkpoint', JSON.stringify(report.checkpoint));
  }


  changeLogStats() {
    return changeLogStats(this.db);
  }
}

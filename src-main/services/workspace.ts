import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../domain/errors';
import { DEFAULT_ORG_PROFILE, missingProfileFields, orgProfileSchema, type OrgProfile } from '../domain/org-profile';
import { verifyAudit, type AuditReport } from '../db/audit';
import { isBackupPath, openDatabase, workspaceFiles, type RawDatabase } from '../db/open';
import type { VigieMigration } from '../db/migrations/types';
import { createBackup, dailyBackupDue, listBackups, type BackupInfo, type BackupKind } from './backups';
import { allChangeLogEntries, changeLogStats, listHistory, withChangedKeys, type HistoryEntry } from '../db/repositories/history';
import { getMeta, setMeta } from '../db/repositories/meta';
import { ORG_PROFILE_ID, readOrgProfile } from '../db/repositories/org-profile';
import { listTrash, type TrashItem } from '../db/repositories/trash';
import type { DB } from '../db/schema';
import { TABLES, type DomainTable } from '../db/tables';
import { toCsv } from '../export/csv';
import { invalidInput, newUlid, write, type WriteCommand, type WriteContext, type WriteResult } from '../db/write';
import { HybridLogicalClock, parseHlc } from '../sync/hlc';
import { refreshRequestIndex } from './request-index';

export const WORKSPACE_FORMAT_VERSION = '1';

export interface WorkspaceOptions {
  actor: string;
  now?: () => Date;
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

/** Writes inside one transaction: every call goes through the one write path. */
export interface Writer {
  write(cmd: WriteCommand): Promise<WriteResult>;
  trx: Transaction<DB>;
}

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
    private readonly options: Required<WorkspaceOptions>,
    readonly migrated: string[],
    readonly backup?: string,
    readonly schemaVersion = 0,
  ) {
    this.#passphrase = passphrase;
  }

  get actor(): string {
    return this.options.actor;
  }

  get name(): string {
    return basename(this.path, '.vigie');
  }

  static async create(path: string, passphrase: string, opts: WorkspaceOptions & { profile?: Partial<OrgProfile> }): Promise<Workspace> {
    const opened = await openDatabase({ path, passphrase, mode: 'create' });
    const deviceId = newUlid();
    try {
      await setMeta(opened.db, 'device_id', deviceId);
      await setMeta(opened.db, 'format_version', WORKSPACE_FORMAT_VERSION);
      await setMeta(opened.db, 'created_at', (opts.now ?? (() => new Date()))().toISOString());
    } catch (e) {
      await opened.db.destroy();
      for (const f of workspaceFiles(path)) rmSync(f, { force: true });
      throw e;
    }
    const ws = new Workspace(passphrase, path, opened.raw, opened.db, deviceId, new HybridLogicalClock(deviceId), { now: () => new Date(), ...opts }, opened.migrated, undefined, opened.schemaVersion);
    try {
      await ws.mutate((w) => w.write({ op: 'insert', table: 'org_profile', id: ORG_PROFILE_ID, values: { ...DEFAULT_ORG_PROFILE, ...opts.profile } }));
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
    try {
      opened = await openDatabase({
        path,
        passphrase,
        mode: 'open',
        migrations: opts.migrations,
        busyTimeoutMs: opts.busyTimeoutMs,
        beforeUpgrade: (raw) => createBackup({ raw, path, passphrase, kind: 'pre-upgrade', now: now() }).path,
      });
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
    try {
      const deviceId = (await getMeta(opened.db, 'device_id')) ?? newUlid();
      await setMeta(opened.db, 'device_id', deviceId);
      // Resume the clock after the newest stamp this workspace holds, so stamps never go backwards.
      const stats = await changeLogStats(opened.db);
      const last = stats.lastHlc ? parseHlc(stats.lastHlc) : undefined;
      const clock = new HybridLogicalClock(deviceId, undefined, last ? { wall: last.wall, counter: last.counter } : undefined);
      ws = new Workspace(passphrase, path, opened.raw, opened.db, deviceId, clock, { now, ...opts }, opened.migrated, opened.backup, opened.schemaVersion);
    } catch (e) {
      await opened.db.destroy();
      throw e;
    }
    if (opts.dailyBackup) ws.ensureDailyBackup();
    return ws;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Closes and deletes a workspace whose creation failed: no half-made file is left behind. */
  async discard(): Promise<void> {
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

  private writeContext(): WriteContext {
    return { actor: this.options.actor, deviceId: this.deviceId, clock: this.clock, now: this.options.now };
  }

  /** Runs `fn` in one transaction; all its writes and their log entries commit or roll back together. */
  async mutate<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    const ctx = this.writeContext();
    return this.db.transaction().execute(async (trx) => {
      // Cases written in this transaction get their stored deadlines recomputed before it commits.
      const cases = new Set<string>();
      const result = await fn({
        trx,
        write: async (cmd) => {
          const r = await write(trx, ctx, cmd);
          if (cmd.table === 'requests') cases.add(r.id);
          return r;
        },
      });
      await refreshRequestIndex(trx, [...cases]);
      return result;
    });
  }

  // ── organisation profile ────────────────────────────────────────────────
  async getProfile(): Promise<{ profile: OrgProfile; missing: string[] }> {
    const profile = (await readOrgProfile(this.db)) ?? DEFAULT_ORG_PROFILE;
    return { profile, missing: missingProfileFields(profile) };
  }

  async updateProfile(values: Partial<OrgProfile>): Promise<{ profile: OrgProfile; changed: string[]; missing: string[] }> {
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

  verifyAudit(): Promise<AuditReport> {
    return verifyAudit(this.db);
  }

  changeLogStats() {
    return changeLogStats(this.db);
  }
}

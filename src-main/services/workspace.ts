import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../domain/errors';
import { refuseUnsafeText } from '../domain/text';
import { DEFAULT_ORG_PROFILE, missingProfileFields, ORG_PROFILE_FIELDS, orgProfileSchema, type OrgProfile } from '../domain/org-profile';
import { verifyAudit, type AuditReport } from '../db/audit';
import { kyselyWithImmediateTransactions } from '../db/immediate-dialect';
import { openDatabase, type RawDatabase } from '../db/open';
import { allChangeLogEntries, changeLogStats, listHistory, withChangedKeys, type HistoryEntry } from '../db/repositories/history';
import { getMeta, setMeta } from '../db/repositories/meta';
import { ORG_PROFILE_ID, readOrgProfile } from '../db/repositories/org-profile';
import { listTrash, type TrashItem } from '../db/repositories/trash';
import type { DB } from '../db/schema';
import { TABLES, type DomainTable } from '../db/tables';
import { toCsv } from '../export/csv';
import { invalidInput, newUlid, write, type WriteCommand, type WriteContext, type WriteResult } from '../db/write';
import { HybridLogicalClock, parseHlc } from '../sync/hlc';
import { normalisePassphrase } from './passphrase';

export const WORKSPACE_FORMAT_VERSION = '1';

export interface WorkspaceOptions {
  actor: string;
  now?: () => Date;
}

/**
 * Opens with the NFC form of the passphrase. A workspace created before passphrases were normalised
 * (2026-12-01) was keyed with the bytes as typed: if the NFC form is refused and differs, the
 * passphrase as typed is tried once.
 */
async function openPassphrase(path: string, passphrase: string) {
  const nfc = normalisePassphrase(passphrase);
  try {
    return await openDatabase({ path, passphrase: nfc, mode: 'open' });
  } catch (e) {
    if (nfc !== passphrase && e instanceof DomainError && e.code === 'wrong_passphrase') return openDatabase({ path, passphrase, mode: 'open' });
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

/** Writes inside one transaction: every call goes through the one write path. */
export interface Writer {
  write(cmd: WriteCommand): Promise<WriteResult>;
  trx: Transaction<DB>;
}

/** An open, unlocked workspace. Services take one of these; it never knows about Electron. */
export class Workspace {
  private constructor(
    readonly path: string,
    readonly raw: RawDatabase,
    readonly db: Kysely<DB>,
    readonly deviceId: string,
    readonly clock: HybridLogicalClock,
    private readonly options: Required<WorkspaceOptions>,
    readonly migrated: string[],
    readonly backup?: string,
  ) {}

  get actor(): string {
    return this.options.actor;
  }

  get name(): string {
    return basename(this.path, '.vigie');
  }

  static async create(path: string, passphrase: string, opts: WorkspaceOptions & { profile?: Partial<OrgProfile> }): Promise<Workspace> {
    const opened = immediate(await openDatabase({ path, passphrase: normalisePassphrase(passphrase), mode: 'create' }));
    const deviceId = newUlid();
    await setMeta(opened.db, 'device_id', deviceId);
    await setMeta(opened.db, 'format_version', WORKSPACE_FORMAT_VERSION);
    await setMeta(opened.db, 'created_at', (opts.now ?? (() => new Date()))().toISOString());
    const ws = new Workspace(path, opened.raw, opened.db, deviceId, new HybridLogicalClock(deviceId), { now: () => new Date(), ...opts }, opened.migrated);
    try {
      await ws.mutate((w) => w.write({ op: 'insert', table: 'org_profile', id: ORG_PROFILE_ID, values: { ...DEFAULT_ORG_PROFILE, ...opts.profile } }));
    } catch (e) {
      await ws.close();
      const { rmSync } = await import('node:fs');
      for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
      throw e;
    }
    return ws;
  }

  static async open(path: string, passphrase: string, opts: WorkspaceOptions): Promise<Workspace> {
    const opened = immediate(await openPassphrase(path, passphrase));
    const deviceId = (await getMeta(opened.db, 'device_id')) ?? newUlid();
    await setMeta(opened.db, 'device_id', deviceId);
    // Resume the clock after the newest stamp this workspace holds, so stamps never go backwards.
    const stats = await changeLogStats(opened.db);
    const last = stats.lastHlc ? parseHlc(stats.lastHlc) : undefined;
    const clock = new HybridLogicalClock(deviceId, undefined, last ? { wall: last.wall, counter: last.counter } : undefined);
    return new Workspace(path, opened.raw, opened.db, deviceId, clock, { now: () => new Date(), ...opts }, opened.migrated, opened.backup);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private writeContext(): WriteContext {
    return { actor: this.options.actor, deviceId: this.deviceId, clock: this.clock, now: this.options.now };
  }

  /** Runs `fn` in one transaction; all its writes and their log entries commit or roll back together. */
  async mutate<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    const ctx = this.writeContext();
    return this.db.transaction().execute(async (trx) => fn({ trx, write: (cmd) => write(trx, ctx, cmd) }));
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

  verifyAudit(): Promise<AuditReport> {
    return verifyAudit(this.db);
  }

  changeLogStats() {
    return changeLogStats(this.db);
  }
}

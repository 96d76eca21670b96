/**
 * applyRemote — beside `write` (db/write.ts), the only way a change enters the database: entries
 * written by another device (a colleague's bundle, a snapshot) are checked against their device's
 * chain, de-duplicated, stored as received, and applied cell by cell where their stamp wins.
 *
 * Rules (issue 10, Part 1):
 * - Chain: an entry must be the next of its device (device_seq = held + 1, prev_hash = the held
 *   head); one already held with the same hash is a duplicate (skipped); with another hash the
 *   device's history was rewritten (a fork: the whole bundle is refused). A gap (entries missing
 *   before it) refuses the bundle as `gap`, for the caller to retry once the earlier file arrives.
 * - Clock: the HLC's `receive` never throws; a peer whose clock runs ahead is accepted and the skew
 *   recorded (`skewMs`), for the Sync page to show.
 * - Merge: per cell, last writer wins by HLC stamp (db/log-format.ts). A root (whole column)
 *   overrides older key cells under it. A losing value the winner had not seen is a conflict for
 *   the review list (sync_conflicts), never silently lost.
 * - Deletes: `deleted_at` is a cell like any other; an edit the deleter had not seen keeps the row
 *   deleted and is flagged "edited while deleted" (a conflict of that kind, with Restore).
 * - Purge: applied like a write of the purged columns; then every older entry of the row held here
 *   forgets those values. An older entry that arrives after the purge is scrubbed on receipt.
 * - Unknown tables/columns (a colleague on a newer version) and updates of rows not here yet are
 *   stored in the log and kept in `sync_pending`, replayed by `retryPending` (after an upgrade, or
 *   when the row arrives). Foreign keys are checked when the caller's transaction ends.
 */
import type Database from 'better-sqlite3';
import { DomainError } from '../domain/errors';
import type { HybridLogicalClock } from '../sync/hlc';
import { parseHlc } from '../sync/hlc';
import { canonicalJson, sha256Hex } from './canonical';
import { cellSalt, checkCells, digestsOf, hashV3, keyCellRemoved, keyOf, LOG_FORMAT, rootOf, withFullDigests, type LogEntryRow } from './log-format';
import { TABLES, type DomainTable, type TableSpec } from './tables';
import { BASE_KEY, clocksOfRow, deviceHead, derivedValues, effectiveStamp, entryHashInput, insertEntry, newUlid, prepared, saltDigest, scrubEntries, setClock } from './write';

type Raw = Database.Database;

export type RemoteRejectReason = 'gap' | 'fork' | 'chain_break' | 'bad_hash' | 'bad_entry';

/** A bundle refused as a whole: nothing of it was applied (the caller rolls its transaction back). */
export class RemoteRejection extends Error {
  constructor(
    readonly reason: RemoteRejectReason,
    message: string,
    readonly entryId?: string,
  ) {
    super(message);
    this.name = 'RemoteRejection';
  }
}

export interface ApplyOptions {
  /** This device (entries of other devices are "remote"; our own echoed back are duplicates). */
  localDevice: string;
  clock: HybridLogicalClock;
  now: () => Date;
  /**
   * The sender of a bundle and its version vector (kept for the Sync page: what it had seen).
   * Conflicts are decided per cell from each entry's `@base` (db/write.ts BASE_KEY), exact whatever
   * order bundles arrive in.
   */
  sender?: { device: string; vector: Record<string, number> };
  /** The contents of file columns, by sha256 of the content (attachments travel as blobs). */
  blob?: (sha256: string) => string | undefined;
  /** The entries' hashes were checked already (`checkRemote` over the whole bundle): not computed again. */
  hashChecked?: boolean;
  /** false: the pending entries are not retried at the end (the caller does, once after the bundle's last part). */
  retry?: boolean;
}

export interface ApplyResult {
  applied: number;
  duplicates: number;
  pending: number;
  conflicts: number;
  /** Largest amount (ms) by which an entry's clock was ahead of ours. */
  skewMs: number;
  /** Rows whose stored values changed (for derived indexes: request_index…). */
  touched: Array<{ table: string; rowId: string }>;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The highest device_seq held from each device. */
export function versionVector(raw: Raw): Record<string, number> {
  return Object.fromEntries(deviceHeads(raw).map((r) => [r.device_id, r.n]));
}

/**
 * Each device's newest entry (its sequence number and stamp), found by skipping from device to
 * device along the (device_id, device_seq) index: a few index probes per device instead of reading
 * the whole log (a GROUP BY or MAX(hlc) over 300,000 entries at every open and every sync).
 */
export function deviceHeads(raw: Raw): Array<{ device_id: string; n: number; hlc: string }> {
  return prepared(
    raw,
    `WITH RECURSIVE d(id) AS (
       SELECT (SELECT device_id FROM change_log ORDER BY device_id LIMIT 1)
       UNION ALL
       SELECT (SELECT device_id FROM change_log WHERE device_id > d.id ORDER BY device_id LIMIT 1) FROM d WHERE d.id IS NOT NULL
     )
     SELECT d.id AS device_id,
       (SELECT device_seq FROM change_log WHERE device_id = d.id ORDER BY device_seq DESC LIMIT 1) AS n,
       (SELECT hlc FROM change_log WHERE device_id = d.id ORDER BY device_seq DESC LIMIT 1) AS hlc
     FROM d WHERE d.id IS NOT NULL ORDER BY d.id`,
  ).all() as Array<{ device_id: string; n: number; hlc: string }>;
}

/**
 * The newest stamp the workspace holds, any device's (the clock resumes after it). Each device's
 * clock only moves forward and its entries are applied in its own order, so its newest entry holds
 * its newest stamp.
 */
export function newestStamp(raw: Raw): string | null {
  // A log from before per-device chains (migration 0009; only opened so by tests that stop the upgrade early) has no heads.
  if (!prepared(raw, "SELECT 1 FROM pragma_table_info('change_log') WHERE name = 'device_seq'").get()) return prepared(raw, 'SELECT MAX(hlc) FROM change_log').pluck().get() as string | null;
  let best: string | null = null;
  for (const h of deviceHeads(raw)) if (h.hlc && (best === null || h.hlc > best)) best = h.hlc;
  return best;
}

const SELECT_ENTRY = 'SELECT id, table_name, row_id, op, fields, field_digests, salt, cell_salts, hlc, device_id, device_seq, tx_id, schema_version, format, actor, at, reason, prev_hash, hash FROM change_log';

/** One device's entries after `afterSeq`, in chain order (what a bundle carries). */
export function entriesOf(raw: Raw, deviceId: string, afterSeq: number, limit = 1_000_000): LogEntryRow[] {
  return (prepared(raw, `${SELECT_ENTRY} WHERE device_id = ? AND device_seq > ? ORDER BY device_seq LIMIT ?`).all(deviceId, afterSeq, limit) as LogEntryRow[]).map(withFullDigests);
}

/** Every entry, in the order this device stored them (a snapshot: each device's chain stays in order). */
export function allEntries(raw: Raw): LogEntryRow[] {
  return (prepared(raw, `${SELECT_ENTRY} ORDER BY seq`).all() as LogEntryRow[]).map(withFullDigests);
}

function entryById(raw: Raw, id: string): LogEntryRow | undefined {
  const e = prepared(raw, `${SELECT_ENTRY} WHERE id = ?`).get(id) as LogEntryRow | undefined;
  return e && withFullDigests(e);
}

function tableColumns(raw: Raw, table: string): Set<string> {
  return new Set((prepared(raw, 'SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>).map((r) => r.name));
}

/**
 * What `applyRemote` knows while it admits a bundle's entries: each device's chain head so far, and
 * for a check that writes nothing (`checkRemote`), the entries this bundle already admitted (held
 * nowhere else: nothing was stored).
 */
interface Admission {
  heads: Map<string, { seq: number; hash: string }>;
  /** Only when nothing is written: hashes by `device\0seq`, and ids, of the entries admitted. */
  virtual?: { hashes: Map<string, string>; ids: Set<string> };
}

/**
 * The checks an entry passes before anything of it is stored (shape, chain, duplicate, hash, id),
 * the same for `applyRemote` and `checkRemote`: 'duplicate' (held already with the same hash: skipped),
 * 'new', or 'scrubbed' (new, and values of it were forgotten by a purge: only when its hash was
 * checked here). Throws the RemoteRejection that refuses the bundle.
 */
function admit(raw: Raw, e: LogEntryRow, state: Admission, hashChecked: boolean): 'duplicate' | 'new' | 'scrubbed' {
  checkShape(e);
  const head = state.heads.get(e.device_id) ?? deviceHead(raw, e.device_id);
  if (e.device_seq <= head.seq) {
    const heldHash =
      state.virtual?.hashes.get(`${e.device_id}\u0000${e.device_seq}`) ??
      (prepared(raw, 'SELECT hash FROM change_log WHERE device_id = ? AND device_seq = ?').get(e.device_id, e.device_seq) as { hash: string } | undefined)?.hash;
    if (heldHash === e.hash) return 'duplicate';
    throw new RemoteRejection('fork', `Device ${e.device_id} sent a different entry ${e.device_seq} from the one received before: its history was rewritten, so nothing from this file was applied.`, e.id);
  }
  if (e.device_seq > head.seq + 1) throw new RemoteRejection('gap', `Entries ${head.seq + 1}–${e.device_seq - 1} of device ${e.device_id} have not arrived yet.`, e.id);
  if (e.prev_hash !== head.hash) throw new RemoteRejection('chain_break', `Entry ${e.device_seq} of device ${e.device_id} does not link to the one before it.`, e.id);
  const scrubbed = hashChecked ? false : checkHash(e);
  if (state.virtual?.ids.has(e.id) || prepared(raw, 'SELECT 1 FROM change_log WHERE id = ?').get(e.id)) throw new RemoteRejection('bad_entry', `Entry id ${e.id} is already used by another entry.`, e.id);
  state.heads.set(e.device_id, { seq: e.device_seq, hash: e.hash });
  if (state.virtual) {
    state.virtual.hashes.set(`${e.device_id}\u0000${e.device_seq}`, e.hash);
    state.virtual.ids.add(e.id);
  }
  return scrubbed ? 'scrubbed' : 'new';
}

/** A check of a whole bundle that writes nothing (`checkRemote`), run a part at a time. */
export interface RemoteCheck {
  /** Checks the next `count` entries; throws the RemoteRejection `applyRemote` would throw. Returns the entries checked so far. */
  next(count: number): number;
  readonly total: number;
  /**
   * Once every entry is checked: for entry i, the index of the last entry that must be applied in
   * the same transaction as it (i itself for most). An entry whose values a purge forgot (the
   * sender scrubbed it) is only valid with that purge held — `audit verify` calls a forgotten value
   * without a later purge of its row a tampering — so it and the bundle's later purges of its row
   * go in one part.
   */
  together(): Int32Array;
}

/**
 * Every check `applyRemote` makes before it stores an entry (shape, chains, duplicates, forks, gaps,
 * hashes, ids), over a whole bundle, writing nothing: a bundle applied in several transactions
 * (Workspace.applyRemote, issue 11) is checked whole first, so that a bad entry anywhere in it still
 * refuses all of it before anything is written. Its parts are then applied with `hashChecked`
 * (the hashes, the costly part, are not computed twice); the chain and id checks run again there,
 * against the database as it is then.
 */
export function checkRemote(raw: Raw, entries: readonly LogEntryRow[]): RemoteCheck {
  const state: Admission = { heads: new Map(), virtual: { hashes: new Map(), ids: new Set() } };
  let at = 0;
  /** Scrubbed entries' indexes, and the last purge of each row in the bundle. */
  const scrubbed: number[] = [];
  const lastPurge = new Map<string, number>();
  const rowKey = (e: LogEntryRow) => `${e.table_name}\u0000${e.row_id}`;
  return {
    total: entries.length,
    next(count: number) {
      const end = Math.min(entries.length, at + Math.max(1, count));
      for (; at < end; at++) {
        const e = entries[at]!;
        const admitted = admit(raw, e, state, false);
        if (admitted === 'duplicate') continue;
        if (admitted === 'scrubbed') scrubbed.push(at);
        if (e.op === 'purge') lastPurge.set(rowKey(e), at);
      }
      return at;
    },
    together() {
      const out = new Int32Array(entries.length);
      for (let i = 0; i < out.length; i++) out[i] = i;
      for (const i of scrubbed) {
        const j = lastPurge.get(rowKey(entries[i]!));
        if (j !== undefined && j > i) out[i] = j;
      }
      return out;
    },
  };
}

/** Applies a bundle's entries (in chain order per device) inside the caller's transaction. */
export function applyRemote(raw: Raw, entries: readonly LogEntryRow[], opts: ApplyOptions): ApplyResult {
  const result: ApplyResult = { applied: 0, duplicates: 0, pending: 0, conflicts: 0, skewMs: 0, touched: [] };
  raw.pragma('defer_foreign_keys = ON');
  const state: Admission = { heads: new Map() };
  const columnsOf = new Map<string, Set<string>>();
  const at = opts.now().toISOString();
  for (const e of entries) {
    if (admit(raw, e, state, opts.hashChecked === true) === 'duplicate') {
      result.duplicates++;
      continue;
    }

    opts.clock.receive(e.hlc);
    const stored = scrubOnReceipt(raw, e);
    insertEntry(raw, stored);

    const spec = (TABLES as Record<string, TableSpec>)[e.table_name];
    let cols = columnsOf.get(e.table_name);
    if (spec && !cols) columnsOf.set(e.table_name, (cols = tableColumns(raw, e.table_name)));
    const fields = JSON.parse(stored.fields) as Record<string, unknown>;
    if (!spec || !cols) {
      markPending(raw, e.id, `unknown_table:${e.table_name}`, at);
      result.pending++;
      continue;
    }
    const unknown = Object.keys(fields).map(rootOf).find((c) => !cols.has(c));
    if (unknown) {
      markPending(raw, e.id, `unknown_column:${e.table_name}.${unknown}`, at);
      result.pending++;
      continue;
    }
    const outcome = applyCells(raw, spec, stored, fields, opts, at);
    if (outcome.pending) {
      markPending(raw, e.id, outcome.pending, at);
      result.pending++;
      continue;
    }
    result.applied++;
    result.conflicts += outcome.conflicts;
    result.touched.push({ table: e.table_name, rowId: e.row_id });
  }
  if (opts.retry === false) {
    result.skewMs = opts.clock.maxSkewMs;
    return result;
  }
  const retried = retryPending(raw, opts);
  result.applied += retried.applied;
  result.pending = Math.max(0, result.pending - retried.applied);
  result.conflicts += retried.conflicts;
  result.touched.push(...retried.touched);
  result.skewMs = opts.clock.maxSkewMs;
  return result;
}

/** Replays the pending entries that can apply now (their row arrived, or this version knows their table). */
export function retryPending(raw: Raw, opts: ApplyOptions): { applied: number; pending: number; conflicts: number; touched: ApplyResult['touched'] } {
  const out = { applied: 0, pending: 0, conflicts: 0, touched: [] as ApplyResult['touched'] };
  const at = opts.now().toISOString();
  for (let progress = true; progress; ) {
    progress = false;
    const ids = prepared(raw, 'SELECT p.entry_id FROM sync_pending p JOIN change_log c ON c.id = p.entry_id ORDER BY c.hlc').all() as Array<{ entry_id: string }>;
    out.pending = ids.length;
    for (const { entry_id } of ids) {
      const e = entryById(raw, entry_id);
      if (!e) continue;
      const spec = (TABLES as Record<string, TableSpec>)[e.table_name];
      if (!spec) continue;
      const cols = tableColumns(raw, e.table_name);
      const fields = JSON.parse(e.fields) as Record<string, unknown>;
      if (Object.keys(fields).some((c) => !cols.has(rootOf(c)))) continue;
      const outcome = applyCells(raw, spec, e, fields, opts, at);
      if (outcome.pending) continue;
      prepared(raw, 'DELETE FROM sync_pending WHERE entry_id = ?').run(entry_id);
      out.applied++;
      out.conflicts += outcome.conflicts;
      out.touched.push({ table: e.table_name, rowId: e.row_id });
      progress = true;
    }
  }
  return out;
}

function markPending(raw: Raw, entryId: string, reason: string, at: string): void {
  prepared(raw, 'INSERT OR REPLACE INTO sync_pending (entry_id, reason, received_at) VALUES (?, ?, ?)').run(entryId, reason, at);
}

const OPS = new Set(['insert', 'update', 'delete', 'restore', 'purge']);
function checkShape(e: LogEntryRow): void {
  const bad = (what: string) => {
    throw new RemoteRejection('bad_entry', `A received change-log entry is malformed (${what}).`, typeof e?.id === 'string' ? e.id : undefined);
  };
  if (!e || typeof e !== 'object') bad('not an object');
  for (const k of ['id', 'table_name', 'row_id', 'fields', 'field_digests', 'hlc', 'device_id', 'tx_id', 'actor', 'at', 'prev_hash', 'hash'] as const) if (typeof e[k] !== 'string' || e[k].length > (k === 'fields' ? 64 * 1024 * 1024 : 100_000)) bad(k);
  if (!OPS.has(e.op)) bad('op');
  if (!Number.isSafeInteger(e.device_seq) || e.device_seq < 1) bad('device_seq');
  if (e.format !== LOG_FORMAT && e.format !== 2) bad('format');
  if (!Number.isSafeInteger(e.schema_version) || e.schema_version < 0) bad('schema_version');
  if (e.salt !== null && typeof e.salt !== 'string') bad('salt');
  if (e.cell_salts !== null && typeof e.cell_salts !== 'string') bad('cell_salts');
  if (e.reason !== null && typeof e.reason !== 'string') bad('reason');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(e.device_id)) bad('device_id');
  if (!/^[a-z_]{1,64}$/.test(e.table_name)) bad('table_name');
  try {
    const stamp = parseHlc(e.hlc);
    if (stamp.device !== e.device_id) bad('hlc device');
  } catch {
    bad('hlc');
  }
}

/** Refuses an entry whose hash or values do not hold; true when values of it were forgotten (a purge scrubbed it). */
function checkHash(e: LogEntryRow): boolean {
  if (e.format >= LOG_FORMAT) {
    if (hashV3(e, digestsOf(e)) !== e.hash) throw new RemoteRejection('bad_hash', `Entry ${e.device_seq} of device ${e.device_id} was altered after it was written.`, e.id);
    const checked = checkCells(e);
    if (checked.problem) throw new RemoteRejection('bad_entry', `Entry ${e.device_seq} of device ${e.device_id}: ${checked.problem}`, e.id);
    return e.salt === null || checked.missing.length > 0;
  }
  // Written before migration 0009 (a snapshot of an older workspace): hash version 2, or 1, or a
  // salt a purge removed (checked in full by audit verify against the purge's records).
  const ok = (e.salt !== null && sha256Hex(entryHashInput(e, 2, saltDigest(e.salt))) === e.hash) || sha256Hex(entryHashInput(e, 1)) === e.hash || e.salt === null;
  if (!ok) throw new RemoteRejection('bad_hash', `Entry ${e.device_seq} of device ${e.device_id} was altered after it was written.`, e.id);
  return e.salt === null;
}

/** An entry older than a purge of its row held here forgets the purged values before it is stored. */
function scrubOnReceipt(raw: Raw, e: LogEntryRow): LogEntryRow {
  if (e.format < LOG_FORMAT) return e;
  const purges = prepared(raw, "SELECT field_digests FROM change_log WHERE table_name = ? AND row_id = ? AND op = 'purge' AND hlc > ?").all(e.table_name, e.row_id, e.hlc) as Array<{ field_digests: string }>;
  if (purges.length === 0) return e;
  const purged = new Set(purges.flatMap((p) => Object.keys(JSON.parse(p.field_digests) as Record<string, unknown>).filter((k) => !k.startsWith('@'))));
  const fields = JSON.parse(e.fields) as Record<string, unknown>;
  const drop = Object.keys(fields).filter((c) => purged.has(rootOf(c)));
  if (drop.length === 0) return e;
  for (const c of drop) delete fields[c];
  const kept: Record<string, string> = e.cell_salts ? (JSON.parse(e.cell_salts) as Record<string, string>) : {};
  const salts: Record<string, string> = {};
  for (const c of Object.keys(fields)) salts[c] = e.salt !== null ? cellSalt(e.salt, c) : kept[c]!;
  return { ...e, fields: canonicalJson(fields), salt: null, cell_salts: canonicalJson(salts) };
}

interface Clocks {
  cells: Map<string, string>;
}

function clocksOf(raw: Raw, table: string, rowId: string): Clocks {
  return { cells: clocksOfRow(raw, table, rowId) };
}

function effective(c: Clocks, cell: string): string {
  return effectiveStamp(c.cells, cell);
}

interface Writer {
  id: string;
  device: string;
  op: string;
  base: Record<string, string>;
}

function baseOf(fieldDigests: string): Record<string, string> {
  const b = (JSON.parse(fieldDigests) as Record<string, unknown>)[BASE_KEY];
  return b && typeof b === 'object' ? (b as Record<string, string>) : {};
}

/** The entry that wrote a stamp on this row. */
function writerOf(raw: Raw, table: string, rowId: string, hlc: string): Writer | undefined {
  const r = prepared(raw, 'SELECT id, device_id, op, field_digests FROM change_log WHERE table_name = ? AND row_id = ? AND hlc = ? LIMIT 1').get(table, rowId, hlc) as { id: string; device_id: string; op: string; field_digests: string } | undefined;
  return r ? { id: r.id, device: r.device_id, op: r.op, base: baseOf(r.field_digests) } : undefined;
}

/**
 * Whether the author of an entry with stamps `base` had seen the value stamped `hlc` in `cell` when it
 * wrote. A base stamp equal to `hlc` means it had; an older one, that it had not. A newer one is not
 * proof: clocks run ahead (a computer a day fast stamps its own concurrent write after ours), so the
 * question goes to the writer of that newer stamp, down the cell's history. A stamp whose writer has
 * not reached this replica yet is taken as seen: that writer's replica, and every replica that
 * receives both, decides it when the two meet (a conflict recorded here would be a false alarm
 * whenever the stamp's author had seen the value, the ordinary case of a chain of edits).
 */
function sawStamp(raw: Raw, table: string, rowId: string, base: Record<string, string>, cell: string, hlc: string): boolean {
  let stamps = base;
  for (let depth = 0; depth < 10_000; depth++) {
    const seen = stamps[cell] ?? stamps[rootOf(cell)] ?? '';
    if (seen === hlc) return true;
    if (seen < hlc) return false;
    const w = writerOf(raw, table, rowId, seen);
    if (!w) return true;
    stamps = w.base;
  }
  return false;
}

/**
 * Other writers' updates of `cell` that still hold its value (`current`) as it is overwritten: the
 * value lost now is theirs too. A writer that repeated a concurrent value (same value, so no conflict
 * then) and later changed it would otherwise erase the first writer's value without a trace.
 */
function holdersOf(raw: Raw, table: string, rowId: string, cell: string, current: unknown, except: Set<string>): Array<{ id: string; hlc: string }> {
  const rows = prepared(raw, "SELECT id, device_id, hlc, fields FROM change_log WHERE table_name = ? AND row_id = ? AND op = 'update'").all(table, rowId) as Array<{ id: string; device_id: string; hlc: string; fields: string }>;
  const want = canonicalJson(current);
  const out: Array<{ id: string; hlc: string }> = [];
  for (const r of rows) {
    if (except.has(r.device_id) || except.has(r.id)) continue;
    const fields = JSON.parse(r.fields) as Record<string, unknown>;
    if (!(cell in fields) || canonicalJson(fields[cell]) !== want) continue;
    out.push({ id: r.id, hlc: r.hlc });
  }
  return out;
}

function cellValueOf(spec: TableSpec, row: Record<string, unknown>, cell: string): unknown {
  const root = rootOf(cell);
  const key = keyOf(cell);
  const v = row[root];
  if (key === null) return spec.jsonColumns.includes(root) && typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  const obj = typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : {};
  return key in obj ? { v: obj[key] } : {};
}

function recordConflict(
  raw: Raw,
  c: { kind: 'value' | 'edited-while-deleted'; table: string; rowId: string; cell: string; kept: unknown; keptHlc: string; keptEntry: string; lost: unknown; lostHlc: string; lostEntry: string; at: string },
): void {
  prepared(
    raw,
    'INSERT INTO sync_conflicts (id, kind, table_name, row_id, cell, kept_value, kept_hlc, kept_entry, lost_value, lost_hlc, lost_entry, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(newUlid(), c.kind, c.table, c.rowId, c.cell, c.kept === undefined ? null : canonicalJson(c.kept), c.keptHlc, c.keptEntry, c.lost === undefined ? null : canonicalJson(c.lost), c.lostHlc, c.lostEntry, c.at);
}

function applyCells(raw: Raw, spec: TableSpec, e: LogEntryRow, fields: Record<string, unknown>, opts: ApplyOptions, at: string): { pending?: string; conflicts: number } {
  const table = e.table_name as DomainTable;
  const derived = new Set(spec.derivedColumns ?? []);
  const legacy = e.format < LOG_FORMAT;
  const toStoredValue = (col: string, v: unknown): unknown => {
    if (spec.digestColumns?.includes(col)) {
      const d = v as { sha256: string } | null;
      if (d === null) return null;
      return opts.blob?.(d.sha256);
    }
    if (spec.jsonColumns.includes(col)) return legacy ? v : canonicalJson(v);
    return v;
  };
  const row = prepared(raw, `SELECT * FROM ${q(table)} WHERE id = ?`).get(e.row_id) as Record<string, unknown> | undefined;
  if (!row) {
    if (e.op !== 'insert') return { pending: 'row_missing', conflicts: 0 };
    const values: Record<string, unknown> = {};
    for (const [col, v] of Object.entries(fields)) {
      if (derived.has(col)) continue;
      const s = toStoredValue(col, v);
      if (s === undefined) return { pending: `blob_missing:${col}`, conflicts: 0 };
      values[col] = s;
    }
    Object.assign(values, derivedValues(spec, values));
    const cols = Object.keys(values).sort();
    const sqlCols = ['id', 'created_at', 'updated_at', 'deleted_at', 'hlc', ...cols];
    prepared(raw, `INSERT INTO ${q(table)} (${sqlCols.map(q).join(', ')}) VALUES (${sqlCols.map((c) => `@${c}`).join(', ')})`).run({ ...values, id: e.row_id, created_at: e.at, updated_at: e.at, deleted_at: null, hlc: e.hlc });
    setClock(raw, table, e.row_id, '*', e.hlc);
    // Cells of the row written before its insert arrived (none normally) keep their newer stamps.
    return { conflicts: 0 };
  }

  const clocks = clocksOf(raw, table, e.row_id);
  const incomingBase = baseOf(e.field_digests);
  const set: Record<string, unknown> = {};
  let conflicts = 0;
  const objects = new Map<string, Record<string, unknown>>();
  const objectOf = (col: string) => {
    let o = objects.get(col);
    if (!o) {
      const cur = set[col] ?? row![col];
      o = typeof cur === 'string' ? (JSON.parse(cur) as Record<string, unknown>) : {};
      objects.set(col, o);
    }
    return o;
  };
  // An insert of a row that exists (a row with a deterministic id derived on two devices) merges
  // its columns as root cells; `deleted_at` takes the insert's "live" unless a newer delete holds.
  const cells: Array<[string, unknown]> = Object.entries(fields).filter(([c]) => !derived.has(rootOf(c)));
  if (e.op === 'insert') cells.push(['deleted_at', null]);
  for (const [cell, v] of cells) {
    const eff = effective(clocks, cell);
    const root = rootOf(cell);
    const key = keyOf(cell);
    const current = cellValueOf(spec, { ...row, ...set, ...Object.fromEntries([...objects].map(([k, o]) => [k, canonicalJson(o)])) }, cell);
    const incoming = key === null && spec.jsonColumns.includes(root) && legacy && typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
    const differs = canonicalJson(current) !== canonicalJson(incoming);
    if (e.hlc > eff) {
      if (differs && eff && e.op !== 'insert') {
        const winner = writerOf(raw, table, e.row_id, eff);
        if (winner && winner.device !== e.device_id && !sawStamp(raw, table, e.row_id, incomingBase, cell, eff)) {
          recordConflict(raw, { kind: 'value', table, rowId: e.row_id, cell, kept: incoming, keptHlc: e.hlc, keptEntry: e.id, lost: current, lostHlc: eff, lostEntry: winner.id, at });
          conflicts++;
        }
        for (const h of holdersOf(raw, table, e.row_id, cell, current, new Set([e.device_id, ...(winner ? [winner.id] : [])]))) {
          if (h.hlc >= e.hlc || sawStamp(raw, table, e.row_id, incomingBase, cell, h.hlc)) continue;
          recordConflict(raw, { kind: 'value', table, rowId: e.row_id, cell, kept: incoming, keptHlc: e.hlc, keptEntry: e.id, lost: current, lostHlc: h.hlc, lostEntry: h.id, at });
          conflicts++;
        }
      }
      if (key === null) {
        if (spec.objectColumns?.includes(root)) {
          // A column value overrides older keys; keys written after it are kept.
          const obj = { ...((incoming as Record<string, unknown>) ?? {}) };
          const cur = objectOf(root);
          for (const [c, h] of clocks.cells) {
            if (rootOf(c) !== root || keyOf(c) === null || h <= e.hlc) continue;
            const k = keyOf(c)!;
            if (k in cur) obj[k] = cur[k];
            else delete obj[k];
          }
          objects.set(root, obj);
        } else {
          const s = toStoredValue(root, v);
          if (s === undefined) return { pending: `blob_missing:${root}`, conflicts };
          set[root] = s;
        }
      } else {
        const obj = objectOf(root);
        if (keyCellRemoved(v)) delete obj[key];
        else obj[key] = (v as { v: unknown }).v;
      }
      clocks.cells.set(cell, e.hlc);
      setClock(raw, table, e.row_id, cell, e.hlc);
      resolveSuperseded(raw, table, e.row_id, cell, e.hlc, at);
    } else if (differs && eff && e.op !== 'insert') {
      const winner = writerOf(raw, table, e.row_id, eff);
      if (winner && winner.device !== e.device_id && !sawStamp(raw, table, e.row_id, winner.base, cell, e.hlc)) {
        recordConflict(raw, { kind: 'value', table, rowId: e.row_id, cell, kept: current, keptHlc: eff, keptEntry: winner.id, lost: incoming, lostHlc: e.hlc, lostEntry: e.id, at });
        conflicts++;
      }
    }
  }
  for (const [col, o] of objects) set[col] = canonicalJson(o);
  const merged = { ...row, ...set };
  for (const [k, v] of Object.entries(derivedValues(spec, merged))) if (v !== row[k]) set[k] = v;
  if (e.op === 'insert' && (e.hlc < String(clocks.cells.get('*') ?? '~'))) {
    set.created_at = e.at;
    setClock(raw, table, e.row_id, '*', e.hlc);
  }
  if (e.hlc > String(row.hlc)) {
    set.hlc = e.hlc;
    set.updated_at = e.at;
  }
  // Edited while deleted: an edit the deleter had not seen keeps the row deleted, flagged for review.
  const deletedAt = 'deleted_at' in set ? set.deleted_at : row.deleted_at;
  if (deletedAt && e.op === 'update') {
    const delHlc = effective(clocks, 'deleted_at');
    const deleter = writerOf(raw, table, e.row_id, delHlc);
    if (deleter && deleter.op === 'delete' && deleter.device !== e.device_id && !((deleter.base['@row'] ?? '') >= e.hlc)) {
      recordConflict(raw, { kind: 'edited-while-deleted', table, rowId: e.row_id, cell: '*', kept: deletedAt, keptHlc: delHlc, keptEntry: deleter.id, lost: null, lostHlc: e.hlc, lostEntry: e.id, at });
      conflicts++;
    }
  }
  if (e.op === 'delete' && 'deleted_at' in set && set.deleted_at) {
    // The reverse: the deleter had not seen an edit held here.
    const last = prepared(raw, "SELECT id, device_id, hlc FROM change_log WHERE table_name = ? AND row_id = ? AND op = 'update' AND device_id <> ? AND hlc > ? ORDER BY hlc DESC LIMIT 1").get(table, e.row_id, e.device_id, incomingBase['@row'] ?? '') as { id: string; device_id: string; hlc: string } | undefined;
    if (last) {
      recordConflict(raw, { kind: 'edited-while-deleted', table, rowId: e.row_id, cell: '*', kept: set.deleted_at, keptHlc: e.hlc, keptEntry: e.id, lost: null, lostHlc: last.hlc, lostEntry: last.id, at });
      conflicts++;
    }
  }
  if (Object.keys(set).length) {
    const cols = Object.keys(set).sort();
    prepared(raw, `UPDATE ${q(table)} SET ${cols.map((c) => `${q(c)} = @${c}`).join(', ')} WHERE id = @__id`).run({ ...set, __id: e.row_id });
  }
  if (e.op === 'purge') {
    // The purged columns as its digests name them (its values may have been scrubbed by a later purge held here).
    const columns = Object.keys(JSON.parse(e.field_digests) as Record<string, unknown>).filter((c) => !c.startsWith('@') && keyOf(c) === null);
    scrubEntries(raw, table, e.row_id, columns, e.hlc);
  }
  return { conflicts };
}

/** A newer write of a cell settles the open conflicts about it. */
function resolveSuperseded(raw: Raw, table: string, rowId: string, cell: string, hlc: string, at: string): void {
  prepared(raw, "UPDATE sync_conflicts SET resolved_at = ?, resolution = 'superseded' WHERE resolved_at IS NULL AND table_name = ? AND row_id = ? AND cell = ? AND kept_hlc < ? AND lost_hlc < ?").run(at, table, rowId, cell, hlc, hlc);
}

export function remoteError(e: unknown): DomainError | undefined {
  if (e instanceof RemoteRejection) return new DomainError('sync_rejected', e.message, { reason: e.reason, entryId: e.entryId });
  return undefined;
}

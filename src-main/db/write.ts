import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type z } from 'zod';
import { DomainError } from '../domain/errors';
import type { HybridLogicalClock } from '../sync/hlc';
import { canonicalJson, GENESIS_HASH, sha256Hex, sortedKeys } from './canonical';
import { cellSalt, compactDigests, digestsOf, hashV3, keyCellValue, LOG_FORMAT, rootOf, type LogEntryRow } from './log-format';
import { packFields, packHex, storedStampColumns } from './log-store';
import { tableSpec, type DomainTable, type TableSpec } from './tables';
import { monotonicUlid } from './ulid';

type Raw = Database.Database;

/** One transaction's view of this device's chain: its head is read once, then kept in memory. */
export interface TxState {
  txId: string;
  head?: { seq: number; hash: string };
}

/** Who is writing, from which device, with which clock. Tests pass a fixed clock. */
export interface WriteContext {
  actor: string;
  deviceId: string;
  clock: HybridLogicalClock;
  now: () => Date;
  /** The connection the caller's transaction runs on (statements are prepared once per connection). */
  raw: Raw;
  /** The schema version of this build (recorded in each entry). */
  schemaVersion: number;
  tx: TxState;
}

export type WriteCommand =
  | {
      op: 'insert';
      table: DomainTable;
      id?: string;
      values: Record<string, unknown>;
      reason?: string;
      /**
       * For rows with a deterministic id (a timeline event derived from a case's dates): when a row
       * with this id exists, keep it and write nothing, so two devices deriving the same event do
       * not each add a copy.
       */
      ifExists?: 'keep';
    }
  | { op: 'update'; table: DomainTable; id: string; values: Record<string, unknown>; reason?: string }
  | { op: 'delete'; table: DomainTable; id: string; reason?: string }
  | { op: 'restore'; table: DomainTable; id: string; reason?: string }
  /**
   * GDPR erasure of personal data kept in a row and in its history: the row's columns get the
   * given replacement values, every earlier log entry of the row forgets those columns' values
   * (and its salt), and one 'purge' entry records who, when and why. The hash chain covers digests,
   * not values, so `audit verify` still passes.
   */
  | { op: 'purge'; table: DomainTable; id: string; values: Record<string, unknown>; reason: string };

export interface WriteResult {
  id: string;
  op: WriteCommand['op'];
  /** Columns whose stored value changed; empty for an update that changed nothing (no log entry). */
  changed: string[];
  entryId?: string;
  /** An insert's row as written: `id`, `created_at` = `updated_at` = `at`, no `deleted_at`, `hlc`, and the stored columns (values as bound). */
  inserted?: { at: string; hlc: string; stored: Readonly<Record<string, string | number | null>> };
}

const newId = monotonicUlid();
export function newUlid(): string {
  return newId();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/**
 * A ULID-shaped id derived from its parts (26 Crockford characters), for rows two devices must
 * derive identically (timeline events of a case's dates).
 */
export function derivedId(...parts: string[]): string {
  const h = sha256Hex(parts.join('\u0000'));
  let out = '';
  for (let i = 0; i < 26; i++) out += CROCKFORD[parseInt(h.slice(i * 2, i * 2 + 2), 16) % 32];
  return out;
}

/** Turns zod issues into one sentence a person can act on, and keeps the issues as details. */
export function invalidInput(error: z.ZodError, what: string): DomainError {
  const parts = error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`);
  return new DomainError('invalid_input', `Invalid ${what}: ${parts.join('; ')}`, { issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
}

/** A column's value as stored in SQLite. */
export function storedValue(spec: TableSpec, column: string, v: unknown): string | number | null {
  if (spec.jsonColumns.includes(column)) return canonicalJson(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as string | number | null;
}

/** A column's value as a format 3 entry logs it (JSON parsed, file contents as their digest). */
export function loggedValue(spec: TableSpec, column: string, stored: string | number | null): unknown {
  if (spec.jsonColumns.includes(column)) return stored === null ? null : (JSON.parse(String(stored)) as unknown);
  if (spec.digestColumns?.includes(column)) return contentDigest(stored);
  return stored;
}

/** What the change log keeps of a digest-only column's value. */
export function contentDigest(value: unknown): { sha256: string; length: number } | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return { sha256: sha256Hex(text), length: text.length };
}

/** The fields as a format 2 entry recorded them: digest-only columns replaced by their digest. */
export function loggedFields(table: DomainTable, fields: Record<string, unknown>): Record<string, unknown> {
  const digestColumns = tableSpec(table).digestColumns ?? [];
  if (digestColumns.length === 0) return fields;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, digestColumns.includes(k) ? contentDigest(v) : v]));
}

/** Digest of a format 1/2 entry's field. */
export function fieldDigest(salt: string, column: string, value: unknown): string {
  return sha256Hex(`${salt}\u0000${column}\u0000${canonicalJson(value)}`);
}

/**
 * Entry hash format of entries written before migration 0009 (format 2 rows). 2026-12-01: version
 * 2 added the digest of the entry's salt. Format 3 entries are hashed by log-format.ts.
 */
export const ENTRY_HASH_VERSION = 2;

/**
 * Key, inside a purge entry's `field_digests`, of what the purge scrubbed from entries written
 * before migration 0009: for each entry whose salt it removed (or that an earlier purge had
 * scrubbed), the digest of that entry's salt and the digests of the values the entry still holds,
 * salted with the purge's own salt.
 */
export const SCRUBBED_KEY = '@scrubbed';

/**
 * Key, inside a format 3 entry's `field_digests` (so covered by its hash), of what its writer had
 * seen: for each cell it overwrote, the stamp that cell held before (`''` for none), and under
 * `@row` the row's newest stamp (deletes and restores). A value that loses the merge is a conflict
 * exactly when its winner's base is older than it: the winner's author never saw it.
 */
export const BASE_KEY = '@base';

/** The stamps of a row's cells (db/log-format.ts: `*` = the insert). */
export function clocksOfRow(raw: Raw, table: string, rowId: string): Map<string, string> {
  const rows = prepared(raw, 'SELECT cell, hlc FROM cell_clock WHERE table_name = ? AND row_id = ?').all(table, rowId) as Array<{ cell: string; hlc: string }>;
  const m = new Map(rows.map((r) => [r.cell, r.hlc]));
  if (!m.has('*')) {
    // The write path records no stamp for an insert: the insert entry's own stamp stands for it.
    const ins = prepared(raw, "SELECT MIN(hlc) AS h FROM change_log WHERE table_name = ? AND row_id = ? AND op = 'insert'").get(table, rowId) as { h: string | null } | undefined;
    if (ins?.h) m.set('*', ins.h);
  }
  return m;
}

/** The stamp a cell holds now: its own, its column's, or the row's insert, whichever is newest. */
export function effectiveStamp(clocks: Map<string, string>, cell: string): string {
  let best = clocks.get('*') ?? '';
  const own = clocks.get(cell);
  if (own && own > best) best = own;
  const dot = cell.indexOf('.');
  if (dot >= 0) {
    const root = clocks.get(cell.slice(0, dot));
    if (root && root > best) best = root;
  }
  return best;
}

export interface ScrubRecord {
  /** sha256 of the scrubbed entry's salt (null for a version 1 entry scrubbed before 2026-12-01). */
  salt: string | null;
  /** Digests of the values the scrubbed entry still holds, under the purge entry's salt. */
  fields: Record<string, string>;
}

export function saltDigest(salt: string): string {
  return sha256Hex(`vigie-salt\u0000${salt}`);
}

export interface HashedEntry {
  id: string;
  table_name: string;
  row_id: string;
  op: string;
  field_digests: string;
  hlc: string;
  device_id: string;
  actor: string;
  at: string;
  reason: string | null;
  prev_hash: string;
}

/** The text hashed for one format 2 entry (version 1 or 2). */
export function entryHashInput(e: HashedEntry, version: 1 | 2 = 1, saltSha256: string | null = null): string {
  const body: Record<string, unknown> = {
    v: version,
    id: e.id,
    table: e.table_name,
    row: e.row_id,
    op: e.op,
    digests: JSON.parse(e.field_digests),
    hlc: e.hlc,
    device: e.device_id,
    actor: e.actor,
    at: e.at,
    reason: e.reason,
  };
  if (version === 2) body.salt = saltSha256;
  return `${e.prev_hash}\n${canonicalJson(body)}`;
}

/** The scrub records a purge entry carries (empty for any other entry). */
export function scrubRecordsOf(digests: Record<string, unknown>): Record<string, ScrubRecord> {
  const r = digests[SCRUBBED_KEY];
  return r && typeof r === 'object' ? (r as Record<string, ScrubRecord>) : {};
}

// ── prepared statements, one set per connection ─────────────────────────────
const statements = new WeakMap<Raw, Map<string, Database.Statement>>();
export function prepared(raw: Raw, sql: string): Database.Statement {
  let m = statements.get(raw);
  if (!m) statements.set(raw, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = raw.prepare(sql)));
  return s;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The head of a device's chain (its newest entry), or the genesis. */
export function deviceHead(raw: Raw, deviceId: string): { seq: number; hash: string } {
  const r = prepared(raw, 'SELECT device_seq, hash FROM change_log WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1').get(deviceId) as { device_seq: number; hash: string } | undefined;
  return r ? { seq: r.device_seq, hash: r.hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Positional parameters (better-sqlite3 binds `?` in order; a value used twice is passed twice):
 * binding 19 named ones from an object cost more than the row's own insert.
 */
const INSERT_ENTRY =
  `INSERT INTO change_log_store (id, table_name, row_id, op, fields, field_digests, salt, cell_salts, hlc, device_id, device_seq, tx_id, schema_version, format, actor, at, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = substr(?, 15 + instr(substr(?, 15), '-')) THEN NULL ELSE ? END, ?, ?, ?, ?, ?, CASE WHEN ? = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(?, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE ? END, ?, ?, ?)`;

/** INSERT_ENTRY with `device_id` and `at` in their stored forms already (log-store.ts storedStampColumns). */
const INSERT_ENTRY_DECIDED = `INSERT INTO change_log_store (id, table_name, row_id, op, fields, field_digests, salt, cell_salts, hlc, device_id, device_seq, tx_id, schema_version, format, actor, at, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Stores an entry (written here or received): its digests in the compact stored form
 * (log-format.ts `compactDigests`: only what cannot be recomputed from its values and salt), its
 * large values compressed and its hashes and salt as bytes (db/log-store.ts `storedForm`: the
 * `change_log` view gives back the very texts).
 */
export function insertEntry(raw: Raw, row: LogEntryRow, storedDigests: string = compactDigests(row)): void {
  // The stored forms of db/log-store.ts `storedForm`, column by column.
  const e = row;
  const args: unknown[] = [e.id, e.table_name, e.row_id, e.op, packFields(e.fields), storedDigests, packHex(e.salt, 32), e.cell_salts, e.hlc];
  // device_id and at: NULL when the stamp gives them back, decided here for the usual stamps (the
  // SQL rule's strftime cost ~3 µs an entry), by the SQL rule itself for any other.
  const stamp = storedStampColumns(e.hlc, e.device_id, e.at);
  // CASE WHEN device = (the stamp's device) THEN NULL ELSE device END
  if (stamp) args.push(stamp.device);
  else args.push(e.device_id, e.hlc, e.hlc, e.device_id);
  args.push(e.device_seq, e.tx_id, e.schema_version, e.format, e.actor);
  // CASE WHEN at = (the stamp's instant) THEN NULL ELSE at END
  if (stamp) args.push(stamp.at);
  else args.push(e.at, e.hlc, e.at);
  args.push(e.reason, packHex(e.prev_hash, 64), packHex(e.hash, 64));
  prepared(raw, stamp ? INSERT_ENTRY_DECIDED : INSERT_ENTRY).run(args);
}

/** Random salts drawn 1,024 at a time (one system call instead of one per entry). */
let saltPool = Buffer.alloc(0);
let saltAt = 0;
function nextSalt(): string {
  if (saltAt + 16 > saltPool.length) {
    saltPool = randomBytes(16 * 1024);
    saltAt = 0;
  }
  const s = saltPool.toString('hex', saltAt, saltAt + 16);
  saltAt += 16;
  return s;
}

/**
 * Appends one entry to this device's chain. `cells` holds each cell's value as canonical JSON text
 * (computed once by the caller: a record's JSON is serialised once, not once per use); the entry's
 * `fields` is their canonical object and each digest is `cellDigest` of the same text.
 */
function appendLog(
  ctx: WriteContext,
  entry: { table: DomainTable; rowId: string; op: WriteCommand['op']; cells: Record<string, string>; hlc: string; at: string; reason?: string },
  extraDigests?: (salt: string) => Record<string, unknown>,
): LogEntryRow {
  const head = (ctx.tx.head ??= deviceHead(ctx.raw, ctx.deviceId));
  const salt = nextSalt();
  const names = sortedKeys(Object.keys(entry.cells));
  const extra = extraDigests ? extraDigests(salt) : undefined;
  const digests: Record<string, unknown> | undefined = extra ? {} : undefined;
  let fields = '{';
  let digestsText = '{';
  for (let i = 0; i < names.length; i++) {
    const c = names[i]!;
    const text = entry.cells[c]!;
    const key = JSON.stringify(c);
    const d = sha256Hex(`${cellSalt(salt, c)}\u0000${c}\u0000${text}`);
    if (digests) digests[c] = d;
    const sep = i ? ',' : '';
    fields += `${sep}${key}:${text}`;
    digestsText += `${sep}${key}:"${d}"`;
  }
  // Without extra digests the text is the canonical JSON of the digests already (keys sorted, hex values).
  if (digests) Object.assign(digests, extra);
  const row: LogEntryRow = {
    id: newUlid(),
    table_name: entry.table,
    row_id: entry.rowId,
    op: entry.op,
    fields: `${fields}}`,
    field_digests: digests ? canonicalJson(digests) : `${digestsText}}`,
    salt,
    cell_salts: null,
    hlc: entry.hlc,
    device_id: ctx.deviceId,
    device_seq: head.seq + 1,
    tx_id: ctx.tx.txId,
    schema_version: ctx.schemaVersion,
    format: LOG_FORMAT,
    actor: ctx.actor,
    at: entry.at,
    reason: entry.reason ?? null,
    prev_hash: head.hash,
    hash: '',
  };
  row.hash = hashV3(row);
  // Stored: every value is held with its salt, so only the extra digests cannot be recomputed
  // (a purge keeps all of its digests: their keys name what it purged).
  insertEntry(ctx.raw, row, entry.op === 'purge' ? row.field_digests : extra ? canonicalJson(extra) : '{}');
  ctx.tx.head = { seq: row.device_seq, hash: row.hash };
  return row;
}

/** A cell value as canonical JSON text: a stored JSON column's text is already canonical. */
function cellText(spec: TableSpec, column: string, stored: string | number | null): string {
  if (spec.jsonColumns.includes(column)) return stored === null ? 'null' : String(stored);
  if (spec.digestColumns?.includes(column)) return canonicalJson(contentDigest(stored));
  return JSON.stringify(stored);
}

const cellsText = (cells: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(cells).map(([c, v]) => [c, canonicalJson(v)]));

export function setClock(raw: Raw, table: string, rowId: string, cell: string, hlc: string): void {
  prepared(raw, 'INSERT INTO cell_clock (table_name, row_id, cell, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (table_name, row_id, cell) DO UPDATE SET hlc = excluded.hlc').run(table, rowId, cell, hlc);
}

/** Applies the table's derived columns (single-sourced values kept as columns for lists). */
export function derivedValues(spec: TableSpec, row: Record<string, unknown>, parsedJson?: Record<string, unknown>): Record<string, string | number | null> {
  if (!spec.derive) return {};
  return spec.derive(derivedInput(spec, row, parsedJson));
}

/** The row as `derive` reads it: JSON columns parsed. */
export function derivedInput(spec: TableSpec, row: Record<string, unknown>, parsedJson?: Record<string, unknown>): Record<string, unknown> {
  const parsed: Record<string, unknown> = { ...row };
  // JSON columns already parsed by the caller (an insert has its validated values) are not parsed again.
  for (const c of spec.jsonColumns) if (typeof parsed[c] === 'string') parsed[c] = parsedJson && c in parsedJson ? parsedJson[c] : (JSON.parse(parsed[c] as string) as unknown);
  return parsed;
}

/** The INSERT of a row with these columns (built once per table and set of columns). */
const insertSqls = new Map<string, string>();
/** Per table, the columns and text of its last insert: a bulk write gives the same columns row after row. */
const lastInsert = new Map<string, { cols: readonly string[]; sql: string }>();
function insertSql(table: DomainTable, cols: readonly string[]): string {
  const last = lastInsert.get(table);
  if (last && last.cols.length === cols.length && last.cols.every((c, i) => c === cols[i])) return last.sql;
  const sql = insertSqlFor(table, cols);
  lastInsert.set(table, { cols, sql });
  return sql;
}
function insertSqlFor(table: DomainTable, cols: readonly string[]): string {
  const key = `${table}\u0000${cols.join('\u0000')}`;
  let sql = insertSqls.get(key);
  if (sql === undefined) {
    const sqlCols = ['id', 'created_at', 'updated_at', 'deleted_at', 'hlc', ...cols];
    sql = `INSERT INTO ${q(table)} (${sqlCols.map(q).join(', ')}) VALUES (${sqlCols.map(() => '?').join(', ')})`;
    insertSqls.set(key, sql);
  }
  return sql;
}

/** A table's name as words, for messages ("request events"), made once per table. */
const tableNames = new Map<string, string>();
function tableWords(table: string): string {
  let w = tableNames.get(table);
  if (w === undefined) tableNames.set(table, (w = table.replace(/_/g, ' ')));
  return w;
}

/** A table's derived columns as a set (made once per table). */
const derivedSets = new Map<DomainTable, ReadonlySet<string>>();
function derivedOf(spec: TableSpec): ReadonlySet<string> {
  let s = derivedSets.get(spec.name);
  if (!s) derivedSets.set(spec.name, (s = new Set(spec.derivedColumns ?? [])));
  return s;
}

function selectRow(raw: Raw, table: string, id: string): Record<string, unknown> | undefined {
  return prepared(raw, `SELECT * FROM ${q(table)} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
}

function updateRow(raw: Raw, table: string, id: string, set: Record<string, unknown>): void {
  const cols = Object.keys(set).sort();
  prepared(raw, `UPDATE ${q(table)} SET ${cols.map((c) => `${q(c)} = @${c}`).join(', ')} WHERE id = @__id`).run({ ...set, __id: id });
}

/**
 * The one write path: validates, writes the row, its cell stamps and its change-log entry in the
 * caller's transaction (on `ctx.raw`). Nothing else in Vigie inserts, updates or deletes a domain
 * row; remote changes enter through `applyRemote` (db/remote.ts).
 */
export function write(ctx: WriteContext, cmd: WriteCommand): WriteResult {
  const spec = tableSpec(cmd.table);
  const raw = ctx.raw;
  const at = ctx.now().toISOString();
  const what = tableWords(cmd.table);
  const derived = derivedOf(spec);

  if (cmd.op === 'insert') {
    const parsed = spec.schema.safeParse(cmd.values);
    if (!parsed.success) throw invalidInput(parsed.error, what);
    const id = cmd.id ?? newUlid();
    const values = parsed.data as Record<string, unknown>;
    const stored: Record<string, string | number | null> = {};
    for (const k in values) {
      const v = values[k];
      if (v !== undefined && !derived.has(k)) stored[k] = storedValue(spec, k, v);
    }
    if (spec.derive) Object.assign(stored, derivedValues(spec, stored, values));
    const hlc = ctx.clock.now();
    const cols = sortedKeys(Object.keys(stored));
    const params: Array<string | number | null> = [id, at, at, null, hlc];
    for (const c of cols) params.push(stored[c]!);
    // A row kept if it exists is looked up, not upserted: a table read through a view takes no ON
    // CONFLICT clause (db/row-store.ts).
    if (cmd.ifExists === 'keep' && selectRow(raw, cmd.table, id)) return { id, op: 'insert', changed: [] };
    try {
      prepared(raw, insertSql(cmd.table, cols)).run(params);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DomainError('conflict', `A ${what} with id ${id} already exists.`);
      throw e;
    }
    // No cell stamp is written for an insert: a row's cells without their own stamp hold the
    // stamp of its insert entry (clocksOfRow reads it from the log when a merge needs it).
    const cells: Record<string, string> = {};
    for (const c of cols) if (!derived.has(c)) cells[c] = cellText(spec, c, stored[c]!);
    const entry = appendLog(ctx, { table: cmd.table, rowId: id, op: 'insert', cells, hlc, at, reason: cmd.reason });
    return { id, op: 'insert', changed: cols, entryId: entry.id, inserted: { at, hlc, stored } };
  }

  const current = selectRow(raw, cmd.table, cmd.id);
  if (!current) throw new DomainError('not_found', `No ${what} with id ${cmd.id}.`);

  if (cmd.op === 'update' || cmd.op === 'purge') {
    if (cmd.op === 'update' && current.deleted_at) throw new DomainError('deleted', `This ${what} is in the trash; restore it before editing.`);
    if (cmd.op === 'purge' && !cmd.reason?.trim()) throw new DomainError('invalid_input', 'A purge must say why (e.g. "retention period of the request ended").');
    const unknownKeys = Object.keys(cmd.values).filter((k) => !(k in spec.schema.shape));
    if (cmd.op === 'purge' && (unknownKeys.length || Object.keys(cmd.values).length === 0)) {
      throw new DomainError('invalid_input', `Invalid purge of ${what}: name the columns to blank (unknown: ${unknownKeys.join(', ') || 'none given'}).`);
    }
    if (unknownKeys.length) throw new DomainError('invalid_input', `Invalid ${what}: unknown field(s) ${unknownKeys.join(', ')}.`);
    const parsed = spec.schema.partial().safeParse(cmd.values);
    if (!parsed.success) throw invalidInput(parsed.error, what);
    const values = parsed.data as Record<string, unknown>;
    const stored: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(values)) if (v !== undefined && !derived.has(k)) stored[k] = storedValue(spec, k, v);

    const cells: Record<string, unknown> = {};
    const set: Record<string, string | number | null> = {};
    if (cmd.op === 'purge') {
      for (const [k, v] of Object.entries(stored)) {
        cells[k] = loggedValue(spec, k, v);
        set[k] = v;
      }
    } else {
      for (const [k, v] of Object.entries(stored)) {
        if (v === current[k]) continue;
        set[k] = v;
        if ((spec.objectColumns ?? []).includes(k)) {
          // Only the keys that changed: a colleague's edit of another key merges with this one.
          const before = parseObject(current[k]);
          const after = parseObject(v);
          for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
            if (canonicalJson(before[key]) !== canonicalJson(after[key])) cells[`${k}.${key}`] = keyCellValue(after[key]);
          }
        } else {
          cells[k] = loggedValue(spec, k, v);
        }
      }
      if (Object.keys(cells).length === 0) return { id: cmd.id, op: 'update', changed: [] };
    }
    const merged = { ...current, ...set };
    for (const [k, v] of Object.entries(derivedValues(spec, merged))) if (v !== current[k] || cmd.op === 'purge') set[k] = v;
    const clocks = clocksOfRow(raw, cmd.table, cmd.id);
    const base = { [BASE_KEY]: Object.fromEntries(Object.keys(cells).map((c) => [c, effectiveStamp(clocks, c)])) };
    const hlc = ctx.clock.now();
    updateRow(raw, cmd.table, cmd.id, { ...set, updated_at: at, hlc });
    for (const c of Object.keys(cells)) setClock(raw, cmd.table, cmd.id, c, hlc);
    // A new decision on a field settles the open sync conflicts about it (db/remote.ts).
    const settle = prepared(raw, "UPDATE sync_conflicts SET resolved_at = ?, resolution = 'superseded' WHERE resolved_at IS NULL AND table_name = ? AND row_id = ? AND cell = ?");
    for (const c of Object.keys(cells)) settle.run(at, cmd.table, cmd.id, c);
    if (cmd.op === 'update') {
      const entry = appendLog(ctx, { table: cmd.table, rowId: cmd.id, op: 'update', cells: cellsText(cells), hlc, at, reason: cmd.reason }, () => base);
      return { id: cmd.id, op: 'update', changed: Object.keys(set).sort(), entryId: entry.id };
    }
    const columns = Object.keys(cells);
    const legacy = scrubEntries(raw, cmd.table, cmd.id, columns, hlc);
    const records = legacyRecords(legacy);
    const entry = appendLog(ctx, { table: cmd.table, rowId: cmd.id, op: 'purge', cells: cellsText(cells), hlc, at, reason: cmd.reason }, (salt) => ({ ...base, ...(records ? records(salt) : {}) }));
    return { id: cmd.id, op: 'purge', changed: columns, entryId: entry.id };
  }

  if (!spec.trashable) throw new DomainError('not_allowed', `A ${what} cannot be deleted.`);
  if (cmd.op === 'delete' && current.deleted_at) throw new DomainError('deleted', `This ${what} is already in the trash.`);
  if (cmd.op === 'restore' && !current.deleted_at) throw new DomainError('not_deleted', `This ${what} is not in the trash.`);
  const deleted_at = cmd.op === 'delete' ? at : null;
  const base = { [BASE_KEY]: { deleted_at: effectiveStamp(clocksOfRow(raw, cmd.table, cmd.id), 'deleted_at'), '@row': String(current.hlc) } };
  const hlc = ctx.clock.now();
  updateRow(raw, cmd.table, cmd.id, { deleted_at, updated_at: at, hlc });
  setClock(raw, cmd.table, cmd.id, 'deleted_at', hlc);
  const entry = appendLog(ctx, { table: cmd.table, rowId: cmd.id, op: cmd.op, cells: cellsText({ deleted_at }), hlc, at, reason: cmd.reason }, () => base);
  return { id: cmd.id, op: cmd.op, changed: ['deleted_at'], entryId: entry.id };
}

function parseObject(v: unknown): Record<string, unknown> {
  if (typeof v !== 'string') return {};
  try {
    const o = JSON.parse(v) as unknown;
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

interface LegacyScrub {
  /** Format 2 entries scrubbed now or before: their records, computed with the purge's salt later. */
  entries: Array<{ id: string; saltDigest: string | null; fields: Record<string, unknown> }>;
}

/**
 * Makes every entry of the row older than `hlc` forget the values of the purged columns (and of
 * the key cells under them). Format 3 entries keep a per-cell salt for the cells they still hold;
 * format 2 entries are returned for the purge to record (see SCRUBBED_KEY).
 */
export function scrubEntries(raw: Raw, table: string, rowId: string, columns: readonly string[], hlc: string): LegacyScrub {
  const rows = prepared(raw, 'SELECT seq, id, op, format, fields, field_digests, salt, cell_salts FROM change_log WHERE table_name = ? AND row_id = ? AND hlc < ? ORDER BY seq').all(table, rowId, hlc) as Array<{
    seq: number;
    id: string;
    op: string;
    format: number;
    fields: string;
    field_digests: string;
    salt: string | null;
    cell_salts: string | null;
  }>;
  const purged = new Set(columns);
  const legacy: LegacyScrub = { entries: [] };
  const prior = new Map<string, ScrubRecord>();
  for (const e of rows) if (e.op === 'purge') for (const [id, rec] of Object.entries(scrubRecordsOf(JSON.parse(e.field_digests) as Record<string, unknown>))) prior.set(id, rec);
  for (const e of rows) {
    const fields = JSON.parse(e.fields) as Record<string, unknown>;
    if (e.format >= 3) {
      const drop = Object.keys(fields).filter((c) => purged.has(rootOf(c)));
      // A purge's records of format 2 entries hold digests of their values under its salt.
      const recordsHold = Object.values(scrubRecordsOf(JSON.parse(e.field_digests) as Record<string, unknown>)).some((r) => columns.some((c) => c in r.fields));
      if (drop.length === 0 && !(recordsHold && e.salt !== null)) continue;
      // The digests of the values it forgets are stored first (they can no longer be recomputed).
      const full = digestsOf(e);
      for (const c of drop) delete fields[c];
      const kept: Record<string, string> = e.cell_salts ? (JSON.parse(e.cell_salts) as Record<string, string>) : {};
      const salts: Record<string, string> = {};
      for (const c of Object.keys(fields)) salts[c] = e.salt !== null ? cellSalt(e.salt, c) : kept[c]!;
      const after = { op: e.op as LogEntryRow['op'], format: e.format, fields: canonicalJson(fields), salt: null, cell_salts: canonicalJson(salts), field_digests: full };
      prepared(raw, 'UPDATE change_log_store SET fields = ?, field_digests = ?, salt = NULL, cell_salts = ? WHERE seq = ?').run(packFields(after.fields), compactDigests(after), after.cell_salts, e.seq);
      continue;
    }
    const records = Object.values(scrubRecordsOf(JSON.parse(e.field_digests) as Record<string, unknown>));
    const holds = columns.some((c) => c in fields || records.some((r) => c in r.fields));
    if (!holds && e.salt !== null) continue;
    if (holds) {
      for (const c of columns) delete fields[c];
      prepared(raw, 'UPDATE change_log_store SET fields = ?, salt = NULL WHERE seq = ?').run(packFields(canonicalJson(fields)), e.seq);
    }
    legacy.entries.push({ id: e.id, saltDigest: e.salt !== null ? saltDigest(e.salt) : (prior.get(e.id)?.salt ?? null), fields });
  }
  return legacy;
}

/** What a purge records of the format 2 entries it scrubbed, salted with the purge's own salt. */
function legacyRecords(legacy: LegacyScrub): ((salt: string) => Record<string, unknown>) | undefined {
  if (legacy.entries.length === 0) return undefined;
  return (salt) => {
    const scrubbed: Record<string, ScrubRecord> = {};
    for (const e of legacy.entries) scrubbed[e.id] = { salt: e.saltDigest, fields: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, fieldDigest(salt, k, v)])) };
    return { [SCRUBBED_KEY]: scrubbed };
  };
}

import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { monotonicFactory } from 'ulid';
import { type z } from 'zod';
import { DomainError } from '../domain/errors';
import type { HybridLogicalClock } from '../sync/hlc';
import { canonicalJson, GENESIS_HASH, sha256Hex } from './canonical';
import type { DB } from './schema';
import { tableSpec, type DomainTable } from './tables';

/** Who is writing, from which device, with which clock. Tests pass a fixed clock. */
export interface WriteContext {
  actor: string;
  deviceId: string;
  clock: HybridLogicalClock;
  now: () => Date;
}

export type WriteCommand =
  | { op: 'insert'; table: DomainTable; id?: string; values: Record<string, unknown>; reason?: string }
  | { op: 'update'; table: DomainTable; id: string; values: Record<string, unknown>; reason?: string }
  | { op: 'delete'; table: DomainTable; id: string; reason?: string }
  | { op: 'restore'; table: DomainTable; id: string; reason?: string }
  /**
   * GDPR erasure of personal data kept in a row and in its history: the row's columns get the
   * given replacement values, every earlier log entry of the row forgets those columns' values
   * (and its digest salt), and one 'purge' entry records who, when and why. The hash chain covers
   * digests, not values, so `audit verify` still passes.
   */
  | { op: 'purge'; table: DomainTable; id: string; values: Record<string, unknown>; reason: string };

export interface WriteResult {
  id: string;
  op: WriteCommand['op'];
  /** Columns whose stored value changed; empty for an update that changed nothing (no log entry). */
  changed: string[];
  entryId?: string;
}

const newId = monotonicFactory();
export function newUlid(): string {
  return newId();
}

/** Turns zod issues into one sentence a person can act on, and keeps the issues as details. */
export function invalidInput(error: z.ZodError, what: string): DomainError {
  const parts = error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`);
  return new DomainError('invalid_input', `Invalid ${what}: ${parts.join('; ')}`, { issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
}

function toStored(table: DomainTable, values: Record<string, unknown>): Record<string, string | number | null> {
  const spec = tableSpec(table);
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (spec.jsonColumns.includes(k)) out[k] = canonicalJson(v);
    else if (typeof v === 'boolean') out[k] = v ? 1 : 0;
    else out[k] = v as string | number | null;
  }
  return out;
}

/** What the change log keeps of a digest-only column's value. */
export function contentDigest(value: unknown): { sha256: string; length: number } | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return { sha256: sha256Hex(text), length: text.length };
}

/** The fields as the log records them: digest-only columns replaced by their digest. */
export function loggedFields(table: DomainTable, fields: Record<string, unknown>): Record<string, unknown> {
  const digestColumns = tableSpec(table).digestColumns ?? [];
  if (digestColumns.length === 0) return fields;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, digestColumns.includes(k) ? contentDigest(v) : v]));
}

export function fieldDigest(salt: string, column: string, value: unknown): string {
  return sha256Hex(`${salt}\u0000${column}\u0000${canonicalJson(value)}`);
}

/**
 * Entry hash format. 2026-12-01: version 2 adds the digest of the entry's salt to the hashed text,
 * so nulling a salt (to make `audit verify` skip an entry's values) breaks the entry's hash unless a
 * later purge recorded that digest. Version 1 entries (written before) keep verifying as they were.
 * Bump this, never change a version's text silently.
 */
export const ENTRY_HASH_VERSION = 2;

/**
 * Key, inside a purge entry's `field_digests`, of what the purge scrubbed: for each entry whose
 * salt it removed (or that an earlier purge had scrubbed), the digest of that entry's salt and the
 * digests of the values the entry still holds, salted with the purge's own salt. It lives in the
 * hashed digests, not in the values, so a later purge never has to edit it.
 */
export const SCRUBBED_KEY = '@scrubbed';

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

/**
 * The text hashed for one entry: everything but the field values, which are covered by their
 * digests. Version 2 also covers the salt through its digest (`saltSha256`).
 */
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

async function appendLog(
  trx: Transaction<DB>,
  ctx: WriteContext,
  entry: { table: DomainTable; rowId: string; op: WriteCommand['op']; fields: Record<string, unknown>; hlc: string; at: string; reason?: string },
  extra?: { salt: string; scrubbed: Record<string, ScrubRecord> },
): Promise<string> {
  const last = await trx.selectFrom('change_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const salt = extra?.salt ?? randomBytes(16).toString('hex');
  const fields = loggedFields(entry.table, entry.fields);
  const digests: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) digests[k] = fieldDigest(salt, k, v);
  // Always present on a purge written with format 2 (even empty): its absence marks a purge written before.
  if (extra) digests[SCRUBBED_KEY] = extra.scrubbed;
  const row = {
    id: newUlid(),
    table_name: entry.table,
    row_id: entry.rowId,
    op: entry.op,
    fields: canonicalJson(fields),
    field_digests: canonicalJson(digests),
    salt,
    hlc: entry.hlc,
    device_id: ctx.deviceId,
    actor: ctx.actor,
    at: entry.at,
    reason: entry.reason ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = sha256Hex(entryHashInput(row, ENTRY_HASH_VERSION, saltDigest(salt)));
  await trx.insertInto('change_log').values({ ...row, hash }).execute();
  return row.id;
}

/** The scrub records a purge entry carries (empty for any other entry). */
export function scrubRecordsOf(digests: Record<string, unknown>): Record<string, ScrubRecord> {
  const r = digests[SCRUBBED_KEY];
  return r && typeof r === 'object' ? (r as Record<string, ScrubRecord>) : {};
}

/**
 * The one write path: validates, writes the row and appends its change-log entry in the caller's
 * transaction. Nothing else in Vigie inserts, updates or deletes a domain row.
 */
export async function write(trx: Transaction<DB>, ctx: WriteContext, cmd: WriteCommand): Promise<WriteResult> {
  const spec = tableSpec(cmd.table);
  // Dynamic table names: Kysely cannot type these, the table registry guarantees them.
  const t = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const at = ctx.now().toISOString();
  const what = cmd.table.replace(/_/g, ' ');

  if (cmd.op === 'insert') {
    const parsed = spec.schema.safeParse(cmd.values);
    if (!parsed.success) throw invalidInput(parsed.error, what);
    const id = cmd.id ?? newUlid();
    const existing = await t.selectFrom(cmd.table).select('id').where('id', '=', id).executeTakeFirst();
    if (existing) throw new DomainError('conflict', `A ${what} with id ${id} already exists.`);
    const stored = toStored(cmd.table, parsed.data as Record<string, unknown>);
    const hlc = ctx.clock.now();
    await t.insertInto(cmd.table).values({ id, created_at: at, updated_at: at, deleted_at: null, hlc, ...stored }).execute();
    const entryId = await appendLog(trx, ctx, { table: cmd.table, rowId: id, op: 'insert', fields: stored, hlc, at, reason: cmd.reason });
    return { id, op: 'insert', changed: Object.keys(stored), entryId };
  }

  const current = (await t.selectFrom(cmd.table).selectAll().where('id', '=', cmd.id).executeTakeFirst()) as Record<string, unknown> | undefined;
  if (!current) throw new DomainError('not_found', `No ${what} with id ${cmd.id}.`);

  if (cmd.op === 'update') {
    if (current.deleted_at) throw new DomainError('deleted', `This ${what} is in the trash; restore it before editing.`);
    const unknownKeys = Object.keys(cmd.values).filter((k) => !(k in spec.schema.shape));
    if (unknownKeys.length) throw new DomainError('invalid_input', `Invalid ${what}: unknown field(s) ${unknownKeys.join(', ')}.`);
    const parsed = spec.schema.partial().safeParse(cmd.values);
    if (!parsed.success) throw invalidInput(parsed.error, what);
    const stored = toStored(cmd.table, parsed.data as Record<string, unknown>);
    const changed = Object.keys(stored).filter((k) => stored[k] !== current[k]);
    if (changed.length === 0) return { id: cmd.id, op: 'update', changed: [] };
    const fields = Object.fromEntries(changed.map((k) => [k, stored[k]]));
    const hlc = ctx.clock.now();
    await t.updateTable(cmd.table).set({ ...fields, updated_at: at, hlc }).where('id', '=', cmd.id).execute();
    const entryId = await appendLog(trx, ctx, { table: cmd.table, rowId: cmd.id, op: 'update', fields, hlc, at, reason: cmd.reason });
    return { id: cmd.id, op: 'update', changed, entryId };
  }

  if (cmd.op === 'purge') {
    if (!cmd.reason?.trim()) throw new DomainError('invalid_input', 'A purge must say why (e.g. "retention period of the request ended").');
    const unknownKeys = Object.keys(cmd.values).filter((k) => !(k in spec.schema.shape));
    if (unknownKeys.length || Object.keys(cmd.values).length === 0) throw new DomainError('invalid_input', `Invalid purge of ${what}: name the columns to blank (unknown: ${unknownKeys.join(', ') || 'none given'}).`);
    const parsed = spec.schema.partial().safeParse(cmd.values);
    if (!parsed.success) throw invalidInput(parsed.error, what);
    const stored = toStored(cmd.table, parsed.data as Record<string, unknown>);
    const columns = Object.keys(stored);
    const hlc = ctx.clock.now();
    await t.updateTable(cmd.table).set({ ...stored, updated_at: at, hlc }).where('id', '=', cmd.id).execute();
    // Scrub every earlier entry of the row that holds a purged value, directly or as a digest in an
    // earlier purge's records (a digest with its salt can be brute-forced for short values). The
    // new purge records each scrubbed entry (and re-records those scrubbed before), so `audit
    // verify` accepts a missing salt only on entries the latest purge names.
    const earlier = await trx
      .selectFrom('change_log')
      .select(['seq', 'id', 'op', 'fields', 'field_digests', 'salt'])
      .where('table_name', '=', cmd.table)
      .where('row_id', '=', cmd.id)
      .orderBy('seq')
      .execute();
    const prior = new Map<string, ScrubRecord>();
    for (const e of earlier) if (e.op === 'purge') for (const [id, rec] of Object.entries(scrubRecordsOf(JSON.parse(e.field_digests) as Record<string, unknown>))) prior.set(id, rec);
    const purgeSalt = randomBytes(16).toString('hex');
    const scrubbed: Record<string, ScrubRecord> = {};
    for (const e of earlier) {
      const fields = JSON.parse(e.fields) as Record<string, unknown>;
      const records = Object.values(scrubRecordsOf(JSON.parse(e.field_digests) as Record<string, unknown>));
      const holds = columns.some((c) => c in fields || records.some((r) => c in r.fields));
      if (!holds && e.salt !== null) continue;
      if (holds) {
        for (const c of columns) delete fields[c];
        await trx.updateTable('change_log').set({ fields: canonicalJson(fields), salt: null }).where('seq', '=', e.seq).execute();
      }
      scrubbed[e.id] = {
        salt: e.salt !== null ? saltDigest(e.salt) : (prior.get(e.id)?.salt ?? null),
        fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fieldDigest(purgeSalt, k, v)])),
      };
    }
    const entryId = await appendLog(trx, ctx, { table: cmd.table, rowId: cmd.id, op: 'purge', fields: stored, hlc, at, reason: cmd.reason }, { salt: purgeSalt, scrubbed });
    return { id: cmd.id, op: 'purge', changed: columns, entryId };
  }

  if (!spec.trashable) throw new DomainError('not_allowed', `A ${what} cannot be deleted.`);
  if (cmd.op === 'delete' && current.deleted_at) throw new DomainError('deleted', `This ${what} is already in the trash.`);
  if (cmd.op === 'restore' && !current.deleted_at) throw new DomainError('not_deleted', `This ${what} is not in the trash.`);
  const deleted_at = cmd.op === 'delete' ? at : null;
  const hlc = ctx.clock.now();
  await t.updateTable(cmd.table).set({ deleted_at, updated_at: at, hlc }).where('id', '=', cmd.id).execute();
  const entryId = await appendLog(trx, ctx, { table: cmd.table, rowId: cmd.id, op: cmd.op, fields: { deleted_at }, hlc, at, reason: cmd.reason });
  return { id: cmd.id, op: cmd.op, changed: ['deleted_at'], entryId };
}

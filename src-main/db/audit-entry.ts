/**
 * The per-entry part of `audit verify` that needs nothing but the entry: its values against their
 * digests and its hash (format 3, db/log-format.ts readCells + hashV3). Pure and independent from
 * entry to entry, so a full check can run it on a second thread (jobs/audit-hasher.ts) while the
 * first reads the workspace and replays the rows; the checks that link entries (chains, purges)
 * stay in db/audit.ts. Imports only log-format, so that thread loads little.
 */
import { hashV3, readCells, type LogEntryRow } from './log-format';
import { canonicalMembers } from './audit-compare';

export interface EntryCheck {
  /** The entry's hash is the hash of its text (its digests recomputed from its values). */
  hashOk: boolean;
  problem: string | null;
  /** Cells whose value was forgotten (a purge): the caller checks them against purges. */
  missing: string[];
  /** The `@` keys its digests hold (`@base`, `@scrubbed`). */
  meta: string[];
}

/** What nearly every entry gives: shared, never modified. */
export const ENTRY_OK: EntryCheck = Object.freeze({ hashOk: true, problem: null, missing: Object.freeze([]) as unknown as string[], meta: Object.freeze([]) as unknown as string[] });

export type CheckedEntry = Omit<LogEntryRow, never>;

/** readCells + hashV3 of one format 3 entry; `cells` = its cells as canonical text (for the replay). */
export function checkEntry(e: CheckedEntry): EntryCheck & { cells: Array<[string, string]> } {
  const r = readCells(e);
  return { ...verdict(e, r), cells: r.cells };
}

/** readCells' findings and the hash: ENTRY_OK itself (shared) when all is well. */
function verdict(e: CheckedEntry, r: ReturnType<typeof readCells>): EntryCheck {
  const hashOk = hashV3(e, r.digests) === e.hash;
  if (hashOk && r.problem === null && r.missing.length === 0 && r.meta.length === 0) return ENTRY_OK;
  return { hashOk, problem: r.problem, missing: r.missing, meta: r.meta };
}

/** The checks of a batch of format 3 entries, by index in the batch; entries that are ENTRY_OK are left out. */
export function checkEntries(entries: readonly CheckedEntry[], spans?: EntrySpans): Array<[number, EntryCheck]> {
  const out: Array<[number, EntryCheck]> = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const at = spans ? spans.at[i]! : -1;
    const c = verdict(e, readCells(e, at >= 0 ? membersOf(e.fields, spans!.data, at) : undefined));
    if (c !== ENTRY_OK) out.push([i, c]);
  }
  return out;
}

/**
 * The members of a canonical text from its spans (entrySpans): what objectMembers gives for it
 * (its keys need no unescaping: canonicalMembers takes only keys written as they are).
 */
export function membersOf(text: string, data: Int32Array, at: number): Array<[string, string]> {
  const n = data[at]!;
  const out: Array<[string, string]> = new Array(n);
  for (let i = 0, k = at + 1; i < n; i++, k += 4) out[i] = [text.slice(data[k]! + 1, data[k + 1]! - 1), text.slice(data[k + 2]!, data[k + 3]!)];
  return out;
}

/**
 * A replayed row sent to the second thread: stored row, its cells flat ([cell, text, …]),
 * created_at, updated_at, hlc; or, for a row of one entry, null cells and that entry to replay.
 */
export type SentRow = [Record<string, unknown> | null, string[] | null, string | null, string, string, SentEntry | null];

/** A row's one entry: its fields, or its seq when the second thread still holds it (EntryHasher.holds). */
export interface SentEntry {
  op: string;
  hlc: string;
  at: string;
  fields?: string;
  seq?: number;
}

/** How many of the last batches of entries the second thread keeps (for rows sent by seq). */
export const KEPT_BATCHES = 4;

/** What the second thread needs of a table to compare its rows (audit-compare.ts sameAsStored). */
export interface SentTable {
  table: string;
  defaults: Array<[string, unknown]>;
  parsedDefaults: Record<string, unknown>;
}

/** Checks entries elsewhere (a second thread): same answers as checkEntries. */
export interface EntryHasher {
  /** The checks; `spans`, when the thread gives them, the entries' members (entrySpans). */
  check(entries: readonly CheckedEntry[]): Promise<Array<[number, EntryCheck]> & { spans?: EntrySpans }>;
  /** sameAsStored of each row there: the indexes of the rows it could not say are equal. */
  same(table: SentTable, rows: SentRow[]): Promise<number[]>;
  /** Whether the entry of this seq was in one of the last KEPT_BATCHES batches sent to `check`. */
  holds(seq: number): boolean;
  close(): void;
}

/** The error `check` and `same` reject with once the check is over (nothing is redone here then). */
export const HASHER_CLOSED = 'audit hasher closed';

/** Objects with the same keys → { keys, values } (values of object i at i * keys.length). */
export function flatten(objects: ReadonlyArray<object>): Flat {
  const keys = objects.length ? Object.keys(objects[0]!) : [];
  const values: unknown[] = new Array(objects.length * keys.length);
  let k = 0;
  for (const o of objects) {
    const r = o as Record<string, unknown>;
    if (Object.keys(r).length !== keys.length) throw new Error('flatten: objects of different shapes');
    for (const key of keys) values[k++] = r[key];
  }
  return { keys, values };
}

/** Objects of one shape as sent to the second thread (jobs/audit-hasher.ts). */
export interface Flat {
  keys: string[];
  values: unknown[];
}

export function unflatten<T>(f: Flat): T[] {
  const n = f.keys.length ? f.values.length / f.keys.length : 0;
  const out: T[] = new Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const o: Record<string, unknown> = {};
    for (const key of f.keys) o[key] = f.values[k++];
    out[i] = o as T;
  }
  return out;
}

/**
 * The members of each insert entry's `fields` when that text is certainly canonical (audit-compare.ts
 * canonicalMembers): `at[i]` = where entry i's list starts in `data` (its number of members, then
 * four offsets per member), -1 when there is none. Computed on the second thread beside the entries'
 * checks, so that the job's thread, which compares the rows, does not scan the texts again.
 */
export interface EntrySpans {
  at: Int32Array;
  data: Int32Array;
}

export function entrySpans(entries: ReadonlyArray<Pick<CheckedEntry, 'op' | 'fields'>>): EntrySpans {
  const at = new Int32Array(entries.length).fill(-1);
  const data: number[] = [];
  const spans: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.op !== 'insert' || typeof e.fields !== 'string') continue;
    const n = canonicalMembers(e.fields, spans);
    if (n < 0) continue;
    at[i] = data.length;
    data.push(n);
    for (const x of spans) data.push(x);
  }
  return { at, data: Int32Array.from(data) };
}

/**
 * Entries as sent to the second thread: the columns that hold ASCII in every entry Vigie writes
 * (ids, stamps, hashes, salts, digests) joined in one text with each value's length, the others
 * (`fields`, `actor`, `reason`, `cell_salts`, numbers) value by value. A full check sends ~330,000
 * entries: cloning one text costs a fraction of cloning its ~4 million values one by one, and the
 * text stays one byte a character (the columns that may hold any text are not in it: one such
 * character would make the whole text two bytes a character, and every value sliced from it too).
 * Any other kind of value (a tampered column) and the entries go value by value (`flatten`).
 */
export interface PackedEntries {
  text: string;
  lens: Int32Array;
  rest: Flat;
}

const JOINED = ['id', 'table_name', 'row_id', 'op', 'field_digests', 'salt', 'hlc', 'device_id', 'at', 'prev_hash', 'hash', 'tx_id'] as const;
const ASCII_ONLY = /^[\x20-\x7e]*$/;

export function packEntries(entries: readonly CheckedEntry[]): PackedEntries | undefined {
  if (!entries.length) return undefined;
  const keys = Object.keys(entries[0]!);
  const restKeys = keys.filter((k) => !(JOINED as readonly string[]).includes(k));
  if (restKeys.length !== keys.length - JOINED.length) return undefined;
  const lens = new Int32Array(entries.length * JOINED.length);
  const parts: string[] = new Array(entries.length * JOINED.length);
  const values: unknown[] = new Array(entries.length * restKeys.length);
  let k = 0;
  let v = 0;
  for (const e of entries) {
    const r = e as unknown as Record<string, unknown>;
    if (Object.keys(r).length !== keys.length) return undefined;
    for (const key of JOINED) {
      const x = r[key];
      if (x === null) {
        parts[k] = '';
        lens[k++] = -1;
      } else if (typeof x === 'string') {
        parts[k] = x;
        lens[k++] = x.length;
      } else return undefined;
    }
    for (const key of restKeys) {
      if (!(key in r)) return undefined;
      values[v++] = r[key];
    }
  }
  const text = parts.join('');
  // (Not ASCII: a tampered entry; sent value by value, as before.)
  if (!ASCII_ONLY.test(text)) return undefined;
  return { text, lens, rest: { keys: restKeys, values } };
}

export function unpackEntries(p: PackedEntries): CheckedEntry[] {
  const { text, lens, rest } = p;
  const nRest = rest.keys.length;
  const n = lens.length / JOINED.length;
  const out: CheckedEntry[] = new Array(n);
  let k = 0;
  let at = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const o: Record<string, unknown> = {};
    for (const key of JOINED) {
      const len = lens[k++]!;
      if (len < 0) o[key] = null;
      else {
        o[key] = text.slice(at, at + len);
        at += len;
      }
    }
    for (let j = 0; j < nRest; j++) o[rest.keys[j]!] = rest.values[v++];
    out[i] = o as unknown as CheckedEntry;
  }
  return out;
}

/**
 * Change-log entry format 3 (migration 0009): per-device chains, cells, per-cell salts.
 *
 * A cell is the unit of merge: a column (`name`), or one top-level key of a JSON object column
 * (`details.identity`), so two colleagues who edit different parts of one case both keep their
 * edit. Inserts and purges write whole columns (root cells); an update of an object column writes
 * only the keys that changed, each as `{ "v": value }` (`{}` = the key was removed). Merging is per
 * cell, last writer wins by HLC stamp (whose text ends with the device id, so ties are impossible
 * and string order is the merge order). A root cell overrides every older key cell under it.
 *
 * Hash of a format 3 entry: `prev_hash` (the previous entry OF THE SAME DEVICE, or the genesis hash)
 * + the canonical JSON of everything but the values, which are covered by their salted digests. The
 * salt is not hashed: a purge forgets an entry's salt (so the digests of forgotten values cannot be
 * brute-forced) and keeps a per-cell salt for the cells it still holds (`cell_salts`); `audit
 * verify` accepts a missing value only for a cell a later purge of the same row overrides.
 */
import { canonicalJson, sha256Hex } from './canonical';

export const LOG_FORMAT = 3;
/** Format of entries written before migration 0009 (one global chain, whole columns). */
export const LEGACY_FORMAT = 2;

export interface LogEntryRow {
  id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete' | 'restore' | 'purge';
  fields: string;
  field_digests: string;
  salt: string | null;
  cell_salts: string | null;
  hlc: string;
  device_id: string;
  device_seq: number;
  tx_id: string;
  schema_version: number;
  format: number;
  actor: string;
  at: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** The column a cell belongs to. */
export function rootOf(cell: string): string {
  const i = cell.indexOf('.');
  return i < 0 ? cell : cell.slice(0, i);
}

/** The key of a key cell (`details.identity` → `identity`), or null for a column. */
export function keyOf(cell: string): string | null {
  const i = cell.indexOf('.');
  return i < 0 ? null : cell.slice(i + 1);
}

/** The salt of one cell of a format 3 entry, derived from the entry's salt. */
export function cellSalt(salt: string, cell: string): string {
  return sha256Hex(`vigie-cell\u0000${salt}\u0000${cell}`);
}

export function cellDigest(salt: string, cell: string, value: unknown): string {
  return sha256Hex(`${salt}\u0000${cell}\u0000${canonicalJson(value)}`);
}

/**
 * The text hashed for a format 3 entry: the canonical JSON of its body (keys sorted) after the
 * previous hash. Built from the stored `field_digests` text as it is (written canonical), without
 * parsing and re-serialising it (`audit verify` hashes every entry): equal to
 * `canonicalJson({ v: 3, id, table, row, op, digests, hlc, device, dseq, tx, schema, actor, at, reason })`
 * for every entry Vigie wrote (a test keeps the two in step); a non-canonical rewrite of the digests
 * no longer matches, which is what verify must say.
 */
export function entryHashInputV3(e: Omit<LogEntryRow, 'hash' | 'fields' | 'salt' | 'cell_salts'>, digests: string = e.field_digests): string {
  const J = JSON.stringify;
  return (
    `${e.prev_hash}\n{"actor":${J(e.actor)},"at":${J(e.at)},"device":${J(e.device_id)},"digests":${digests},"dseq":${J(e.device_seq)},"hlc":${J(e.hlc)},` +
    `"id":${J(e.id)},"op":${J(e.op)},"reason":${J(e.reason)},"row":${J(e.row_id)},"schema":${J(e.schema_version)},"table":${J(e.table_name)},"tx":${J(e.tx_id)},"v":3}`
  );
}

/** The hash of a format 3 entry; `digests` = its full digests text when they are not `field_digests` (see readCells). */
export function hashV3(e: Omit<LogEntryRow, 'hash' | 'fields' | 'salt' | 'cell_salts'>, digests: string = e.field_digests): string {
  return sha256Hex(entryHashInputV3(e, digests));
}

/** The salt of each cell of an entry: derived from its salt, or kept after a purge forgot it. */
export function saltsOf(e: Pick<LogEntryRow, 'salt' | 'cell_salts'>, cells: readonly string[]): Record<string, string | undefined> {
  const kept = e.cell_salts ? (JSON.parse(e.cell_salts) as Record<string, string>) : {};
  return Object.fromEntries(cells.map((c) => [c, e.salt !== null ? cellSalt(e.salt, c) : kept[c]]));
}

/**
 * The members of a JSON object written compact (no white space outside strings, as canonicalJson
 * writes it), each value as its own text, in the order written: the stored text is hashed as it is,
 * never parsed and re-serialised. Null when the text is not such an object. A value's text is not
 * validated here: a value that is not the canonical text it was hashed as fails its digest.
 */
export function objectMembers(text: string): Array<[string, string]> | null {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 123 /* { */ || text.charCodeAt(n - 1) !== 125 /* } */) return null;
  const out: Array<[string, string]> = [];
  if (n === 2) return out;
  let i = 1;
  for (;;) {
    if (text.charCodeAt(i) !== 34 /* " */) return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    let key = text.slice(i + 1, keyEnd - 1);
    if (key.includes('\\')) {
      try {
        key = JSON.parse(text.slice(i, keyEnd)) as string;
      } catch {
        return null;
      }
    }
    if (text.charCodeAt(keyEnd) !== 58 /* : */) return null;
    const v = keyEnd + 1;
    const vEnd = valueEnd(text, v);
    if (vEnd <= v) return null;
    out.push([key, text.slice(v, vEnd)]);
    const c = text.charCodeAt(vEnd);
    if (c === 125 /* } */) return vEnd === n - 1 ? out : null;
    if (c !== 44 /* , */) return null;
    i = vEnd + 1;
  }
}

/** Index just past the JSON string starting at `i` (a quote), or -1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \\ */) j++;
    else if (c === 34) return j + 1;
  }
  return -1;
}

/** Index just past the value starting at `i` (strings and nesting followed), or -1. */
function valueEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) {
      j = stringEnd(text, j) - 1;
      if (j < 0) return -1;
      if (depth === 0) return j + 1;
    } else if (c === 123 || c === 91 /* [ */) depth++;
    else if (c === 125 || c === 93 /* ] */) {
      if (depth === 0) return j;
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === 44 && depth === 0) return j;
  }
  return -1;
}

export const SALT_REMOVED = 'The entry’s salt was removed outside a purge, so its values could have been rewritten.';

/** What `readCells` found in an entry. */
export interface EntryCells {
  problem: string | null;
  /** Cells whose value was forgotten (a purge), for the caller to check against purges. */
  missing: string[];
  /** Each held cell's value as its stored canonical text. */
  cells: Array<[string, string]>;
  /** The entry's full digests text (what its hash covers), stored digests and recomputed ones merged. */
  digests: string;
  /** The `@` keys stored (`@base`, `@scrubbed`). */
  meta: string[];
}

/**
 * Reads a format 3 entry's cells against its digests, without parsing its values. Since migration
 * 0013 an entry stores in `field_digests` only what cannot be recomputed (`@base`, `@scrubbed`, and
 * the digests of cells whose value a purge removed): a held value's digest is
 * `cellDigest(cellSalt(salt, cell), cell, value)`, recomputed here from its stored text and merged
 * back, so `digests` is the text the entry was hashed with. Entries written before store every
 * digest: each is checked against its value as before.
 */
export function readCells(
  e: Pick<LogEntryRow, 'fields' | 'field_digests' | 'salt' | 'cell_salts'>,
  /** objectMembers(e.fields) when the caller has it already. */
  members?: Array<[string, string]>,
): EntryCells {
  const cells = members ?? objectMembers(e.fields);
  const stored = objectMembers(e.field_digests);
  if (!cells || !stored) return { problem: 'The entry holds unreadable field data.', missing: [], cells: [], digests: e.field_digests, meta: [] };
  // Since 0013 most entries store no digest at all (`{}`) or only `@base`.
  const storedDigest = stored.length ? new Map<string, string>(stored) : null;
  let kept: Record<string, string> | null = null;
  if (e.salt === null) {
    try {
      kept = e.cell_salts ? (JSON.parse(e.cell_salts) as Record<string, string>) : {};
    } catch {
      return { problem: 'The entry holds unreadable field data.', missing: [], cells, digests: e.field_digests, meta: [] };
    }
  }
  let added: Array<[string, string]> | null = null;
  let problem: string | null = null;
  for (const [c, text] of cells) {
    if (c.charCodeAt(0) === 64 /* @ */) return { problem: 'The entry’s changed fields were altered.', missing: [], cells, digests: e.field_digests, meta: [] };
    const s = e.salt !== null ? cellSalt(e.salt, c) : kept![c];
    if (!s) {
      problem ??= SALT_REMOVED;
      continue;
    }
    // (A hex digest needs no escaping: its JSON text is the digest in quotes.)
    const d = `"${sha256Hex(`${s}\u0000${c}\u0000${text}`)}"`;
    const was = storedDigest?.get(c);
    if (was === undefined) (added ??= []).push([c, d]);
    else if (was !== d) problem ??= `The recorded value of “${c}” was altered.`;
  }
  const missing: string[] = [];
  const meta: string[] = [];
  let held: Set<string> | null = null;
  for (const [k] of stored) {
    if (k.charCodeAt(0) === 64) meta.push(k);
    else if (!(held ??= new Set(cells.map(([c]) => c))).has(k)) missing.push(k);
  }
  let digests = e.field_digests;
  if (added) {
    // `cells` (hence `added`) is in key order already when the stored text is canonical.
    const all = stored.length ? stored.concat(added).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) : added;
    let text = '{';
    for (let i = 0; i < all.length; i++) text += `${i ? ',' : ''}${JSON.stringify(all[i]![0])}:${all[i]![1]}`;
    digests = `${text}}`;
  }
  return { problem, missing, cells, digests, meta };
}

/**
 * The digests text an entry was hashed with (its stored digests and the recomputed ones): what
 * every reader outside the write path sees (bundles, applyRemote, verify), so a stored entry and a
 * received one read the same.
 */
export function digestsOf(e: Pick<LogEntryRow, 'fields' | 'field_digests' | 'salt' | 'cell_salts'>): string {
  return readCells(e).digests;
}

/** The entry as written (its full digests), e.g. for a sync bundle. */
export function withFullDigests<T extends Pick<LogEntryRow, 'fields' | 'field_digests' | 'salt' | 'cell_salts' | 'format'>>(e: T): T {
  if (e.format < LOG_FORMAT) return e;
  const digests = digestsOf(e);
  return digests === e.field_digests ? e : { ...e, field_digests: digests };
}

/**
 * What a format 3 entry stores of its digests: the full digests minus those recomputable from a
 * held value with its salt (`readCells` merges them back, byte for byte). Purge entries keep every
 * digest (their keys name the purged columns for the readers of purges).
 */
export function compactDigests(e: Pick<LogEntryRow, 'op' | 'fields' | 'field_digests' | 'salt' | 'cell_salts' | 'format'>): string {
  if (e.format < LOG_FORMAT || e.op === 'purge') return e.field_digests;
  const full = objectMembers(e.field_digests);
  const cells = objectMembers(e.fields);
  if (!full || !cells) return e.field_digests;
  const probe = readCells({ ...e, field_digests: '{}' });
  if (probe.problem) return e.field_digests;
  const recomputed = new Map(objectMembers(probe.digests)!);
  const keep = full.filter(([k, v]) => recomputed.get(k) !== v);
  if (keep.length === full.length) return e.field_digests;
  const text = `{${keep.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  // Lossless or not at all: the stored form must read back as exactly the digests hashed.
  return readCells({ ...e, field_digests: text }).digests === e.field_digests ? text : e.field_digests;
}

/**
 * Checks the values a format 3 entry holds against its digests. Returns the first problem, or null.
 * A cell whose value was forgotten is reported in `missing` for the caller to check against purges.
 */
export function checkCells(e: Pick<LogEntryRow, 'fields' | 'field_digests' | 'salt' | 'cell_salts'>): { problem: string | null; missing: string[]; fields: Record<string, unknown> } {
  const r = readCells(e);
  let fields: Record<string, unknown> = {};
  if (!r.problem || r.cells.length) {
    try {
      fields = JSON.parse(e.fields) as Record<string, unknown>;
    } catch {
      return { problem: 'The entry holds unreadable field data.', missing: [], fields: {} };
    }
  }
  return { problem: r.problem, missing: r.missing, fields };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A key cell's logged value: `{ v }` when set, `{}` when the key was removed. */
export function keyCellValue(v: unknown): Record<string, unknown> {
  return v === undefined ? {} : { v };
}

export function keyCellRemoved(logged: unknown): boolean {
  return !isObject(logged) || !('v' in logged);
}

/**
 * Stored form (migration 0014, db/log-store.ts): the `change_log` view gives every column as
 * written; a reader that reads `change_log_store` itself (e.g. for speed) decodes with these.
 */
export { LOG_STORE_TABLE, unpackFields as storedFieldsText, unpackHex as storedHexText } from './log-store';

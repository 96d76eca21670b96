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
export function entryHashInputV3(e: Omit<LogEntryRow, 'hash' | 'fields' | 'salt' | 'cell_salts'>): string {
  const J = JSON.stringify;
  return (
    `${e.prev_hash}\n{"actor":${J(e.actor)},"at":${J(e.at)},"device":${J(e.device_id)},"digests":${e.field_digests},"dseq":${J(e.device_seq)},"hlc":${J(e.hlc)},` +
    `"id":${J(e.id)},"op":${J(e.op)},"reason":${J(e.reason)},"row":${J(e.row_id)},"schema":${J(e.schema_version)},"table":${J(e.table_name)},"tx":${J(e.tx_id)},"v":3}`
  );
}

export function hashV3(e: Omit<LogEntryRow, 'hash' | 'fields' | 'salt' | 'cell_salts'>): string {
  return sha256Hex(entryHashInputV3(e));
}

/** The salt of each cell of an entry: derived from its salt, or kept after a purge forgot it. */
export function saltsOf(e: Pick<LogEntryRow, 'salt' | 'cell_salts'>, cells: readonly string[]): Record<string, string | undefined> {
  const kept = e.cell_salts ? (JSON.parse(e.cell_salts) as Record<string, string>) : {};
  return Object.fromEntries(cells.map((c) => [c, e.salt !== null ? cellSalt(e.salt, c) : kept[c]]));
}

/**
 * Checks the values a format 3 entry holds against its digests. Returns the first problem, or null.
 * A cell whose value was forgotten is reported in `missing` for the caller to check against purges.
 */
export function checkCells(e: Pick<LogEntryRow, 'fields' | 'field_digests' | 'salt' | 'cell_salts'>): { problem: string | null; missing: string[]; fields: Record<string, unknown> } {
  let fields: Record<string, unknown>;
  let digests: Record<string, unknown>;
  try {
    fields = JSON.parse(e.fields) as Record<string, unknown>;
    digests = JSON.parse(e.field_digests) as Record<string, unknown>;
    if (!isObject(fields) || !isObject(digests)) throw new Error('not objects');
  } catch {
    return { problem: 'The entry holds unreadable field data.', missing: [], fields: {} };
  }
  const cells = Object.keys(digests).filter((k) => !k.startsWith('@'));
  if (Object.keys(fields).some((k) => !(k in digests) || k.startsWith('@'))) return { problem: 'The entry’s changed fields were altered.', missing: [], fields };
  const salts = saltsOf(e, cells);
  const missing: string[] = [];
  for (const c of cells) {
    if (!(c in fields)) {
      missing.push(c);
      continue;
    }
    const s = salts[c];
    if (!s) return { problem: 'The entry’s salt was removed outside a purge, so its values could have been rewritten.', missing, fields };
    if (cellDigest(s, c, fields[c]) !== digests[c]) return { problem: `The recorded value of “${c}” was altered.`, missing, fields };
  }
  return { problem: null, missing, fields };
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

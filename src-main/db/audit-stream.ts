/**
 * The row replay of a full `audit verify`, streamed beside the chain check (db/audit.ts).
 *
 * The chain check walks the change log once in `seq` order. Each entry is also given to this
 * replay, which keeps the replayed state of a row until the row's last entry has been seen (the
 * number of entries of each row is read first, from the `change_log_row` index alone), then
 * compares it with the stored row. The stored rows are read table by table in `rowid` order, which
 * is the order they were inserted in, so both sides are read sequentially: a row is usually met on
 * both sides within a chunk of each other. Nothing is read at random except rows met far apart
 * (bounded buffers: beyond them a stored row is kept by id only and read again by id when its
 * replay is complete).
 *
 * This replay only answers "every row matches" or "something differs". When anything differs, or
 * anything is not as expected (a count that does not add up, a row met twice), the caller runs the
 * keyed replay (every row's entries read through the index, exactly as before) to name the first
 * problem, so verdicts and their wording do not depend on this path. Its soundness: it says "every
 * row matches" only after every stored row of every logged table was read exactly once (keyset
 * scan by rowid) and compared with the replay of every entry of its id, the same `compareRow`
 * the keyed replay uses, and every replayed row was met in its table.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';
import { TABLES, type DomainTable, type TableSpec } from './tables';
import { keyOf, LOG_STORE_TABLE } from './log-format';
import { parsedDefaults, rootValue, type RowReplay } from './replay';
import { applyHead, applyText, entryLayout, newRow, offer, sameAsEntry, sameAsStored, type EntryHead, type EntryLayout, type StreamRow } from './audit-compare';
import { LOG_FORMAT, objectMembers } from './log-format';
import { HASHER_CLOSED, type EntryHasher, type SentRow } from './audit-entry';
import { ROWID_COLUMN, rowOrderSource, STORED_TABLES } from './row-store';
import { decodeRows, rowsSource, type RowsSource } from './audit-read';

type AnyRow = Record<string, unknown>;

/** Members of insert entries' texts computed on the second thread (audit-entry.ts entrySpans), by seq. */
export interface EntrySpansBySeq {
  data: Int32Array;
  at: Map<number, number>;
}
type Compare = (spec: TableSpec, stored: AnyRow, replayed: RowReplay, defaults: Map<string, unknown>) => string | undefined;

export interface StreamLimits {
  /** Stored rows read ahead of their replay kept with their values; beyond, by id only. */
  waiting?: number;
  /** Rows with several entries whose replay is kept while their later entries are awaited; beyond, checked by id after the walk. */
  states?: number;
  /**
   * With a second thread: one row in `share` is sent there to be compared (0 or 1: none). None by
   * default: sending a stored row costs more than comparing it here (327,539 entries: 15.9 s of
   * CPU in all with one row in 2 sent, 14.2 s with none), and the second thread's time goes to the
   * entries' checks, which it shares with this one (db/audit.ts).
   */
  share?: number;
}

interface TableStream {
  spec: TableSpec;
  defaults: Map<string, unknown>;
  /** The last rowid read, null before the first read. */
  after: number | null;
  done: boolean;
  /** Replays complete, their stored row not read yet. */
  expected: Map<string, StreamRow>;
  /** Stored rows read, their replay not complete yet. */
  waiting: Map<string, AnyRow>;
  /** Stored rows read while `waiting` was full: read again by id once their replay is complete. */
  dropped: Set<string>;
  /** Replays complete whose stored row was dropped: read by id at the next `advance`. */
  lookups: Map<string, StreamRow>;
  /** Rows with more entries than `states` allows to keep: checked by the caller's keyed replay. */
  deferred: Set<string>;
  /** Rows to compare on the second thread, not sent yet. */
  batch: Array<{ stored: AnyRow; row: StreamRow }>;
  /** The stored rows' columns for `sameAsEntry` (null: not usable for this table), from its first row compared. */
  layout?: EntryLayout | null;
  /** How its rows are read when it is a stored table (null: through its relation as it is). */
  source?: RowsSource | null;
}

/** Rows per batch sent to the second thread, and batches in flight before waiting for the oldest. */
const SEND_ROWS = 1000;
const IN_FLIGHT = 16;

const ID_BATCH = 500;

/** The cells of a row kept as its one entry (shared, never written: `materialize` gives the row its own). */
const NO_CELLS: StreamRow['cells'] = new Map();

/**
 * The key of a stored row's rowid (the keyset scan's position). It stays in the row: deleting a
 * property turns the object into a slow dictionary (the comparisons enumerate every row's columns,
 * several times slower then). No column has this name, and neither comparison can call a row
 * equal because of it: both read only the row's columns that the replay or the defaults name (a
 * logged cell of that name would only make them stricter, and the keyed replay, which reads rows
 * without it, then decides).
 */
const ROWID_KEY = ROWID_COLUMN;

export class StreamedReplay {
  /** Why the stream gave up (the caller then runs the keyed replay); undefined while all matches. */
  problem: string | undefined;
  /** Entries per row for rows with more than one (`table\0id`); decremented as they are seen. */
  private readonly remaining = new Map<string, number>();
  /** Replays of rows with entries still to come. */
  private readonly states = new Map<string, StreamRow>();
  private readonly tables = new Map<DomainTable, TableStream>();
  private expectedEntries = 0;
  /** Rows compared, and of them those `sameAsStored` could not decide (compared by `compareRow`). */
  compared = 0;
  exactCount = 0;
  /** Rows of them `sameAsEntry` found equal (their one insert entry's text against the stored row). */
  entryCount = 0;
  private seenEntries = 0;
  private readonly waitingCap: number;
  private readonly statesCap: number;
  private readonly share: number;

  private constructor(
    private readonly db: Kysely<DB>,
    private readonly chunk: number,
    private readonly compare: Compare,
    limits: StreamLimits,
    /** A second thread comparing rows as text (sameAsStored), or none: compared here. */
    private readonly offload: EntryHasher | undefined,
  ) {
    this.waitingCap = Math.max(0, limits.waiting ?? 20_000);
    this.statesCap = Math.max(0, limits.states ?? 50_000);
    this.share = Math.max(0, Math.floor(limits.share ?? 0));
  }

  static async start(db: Kysely<DB>, opts: { chunk: number; compare: Compare; limits?: StreamLimits; defaults: (table: DomainTable) => Promise<Map<string, unknown>>; offload?: EntryHasher }): Promise<StreamedReplay> {
    const s = new StreamedReplay(db, opts.chunk, opts.compare, opts.limits ?? {}, opts.offload);
    for (const name of Object.keys(TABLES) as DomainTable[]) {
      s.tables.set(name, { spec: TABLES[name], defaults: await opts.defaults(name), after: null, done: false, expected: new Map(), waiting: new Map(), dropped: new Set(), lookups: new Map(), deferred: new Set(), batch: [] });
    }
    // Entries per row from the covering index (table_name, row_id, seq): a sequential read of the
    // index only. The total must equal the entries the walk sees, or the stream gives up.
    // Only rows of several entries are listed (memory: those rows, not every row).
    try {
      // The index is on the log's table: change_log_store since migration 0014 (change_log is a view over it), change_log before.
      const store = (await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${LOG_STORE_TABLE}`.execute(db)).rows[0]?.n ? sql.table(LOG_STORE_TABLE) : sql.table('change_log');
      const counts = await sql<{ t: string; r: string; n: number }>`SELECT table_name AS t, row_id AS r, count(*) AS n FROM ${store} INDEXED BY change_log_row GROUP BY table_name, row_id HAVING count(*) > 1`.execute(db);
      for (const c of counts.rows) s.remaining.set(`${c.t}\u0000${c.r}`, Number(c.n));
      s.expectedEntries = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${store} INDEXED BY change_log_row`.execute(db)).rows[0]?.n ?? 0);
    } catch {
      // No such index (a schema changed outside Vigie): the keyed replay decides.
      s.problem = 'the change_log_row index cannot be read';
    }
    return s;
  }

  /** Tables and ids the caller must check by id (rows beyond the `states` limit). */
  deferredRows(): Array<[DomainTable, string[]]> {
    return [...this.tables].filter(([, t]) => t.deferred.size).map(([name, t]) => [name, [...t.deferred]]);
  }

  /**
   * One entry, in `seq` order: its cells as canonical text (`cells`, from readCells) or, for an
   * entry of an older format, its parsed `fields`. `pending` = held in sync_pending (counted, not
   * replayed, as the keyed replay does).
   */
  add(e: { seq?: number; table_name: string; row_id: string; op: string; hlc: string; at: string; format: number; fields: string }, cells: ReadonlyArray<readonly [string, string]> | null, fields: Record<string, unknown> | null, pending: boolean, spans?: EntrySpansBySeq): void {
    this.seenEntries++;
    if (this.problem) return;
    const t = this.tables.get(e.table_name as DomainTable);
    if (!t) return; // a table this version does not know: only a pending entry gets here
    if (t.deferred.size && t.deferred.has(e.row_id)) return;
    const key = `${e.table_name}\u0000${e.row_id}`;
    const left = this.remaining.get(key);
    let state = left === undefined ? undefined : this.states.get(key);
    if (left !== undefined && left > 1) {
      if (!state) {
        if (this.states.size >= this.statesCap) {
          // Too many rows in progress: this one is checked by id after the walk.
          t.deferred.add(e.row_id);
          t.waiting.delete(e.row_id);
          t.dropped.delete(e.row_id);
          if (t.expected.has(e.row_id)) this.problem = 'a row met again after its replay was complete';
          return;
        }
        this.states.set(key, (state = newRow()));
      }
      this.remaining.set(key, left - 1);
      if (!pending) this.apply(t, state, e, cells, fields);
      return;
    }
    // The row's last (or only) entry.
    if (left !== undefined) this.remaining.delete(key);
    if (state) this.states.delete(key);
    else if (!pending && e.format >= LOG_FORMAT && fields === null) {
      // The row's only entry: kept as it is, replayed where the row is compared.
      // (No cells until it is replayed: most such rows never are, sameAsEntry decides them.)
      const at = spans && e.seq !== undefined ? spans.at.get(e.seq) : undefined;
      state = { cells: NO_CELLS, hlc: '', updatedAt: '', replayed: true, plain: true, lazy: { op: e.op, hlc: e.hlc, at: e.at, format: e.format, fields: e.fields, cells, ...(e.seq !== undefined ? { seq: e.seq } : {}), ...(at !== undefined ? { members: spans!.data, membersAt: at } : {}) } };
      if (!this.problem) this.complete(t, e.row_id, state);
      return;
    } else state = newRow();
    if (!pending) this.apply(t, state, e, cells, fields);
    if (state.replayed && !this.problem) this.complete(t, e.row_id, state);
  }

  /** Replays a row kept as its one entry; false when it cannot be (the stream then gives up). */
  private materialize(t: TableStream, row: StreamRow): boolean {
    const lazy = row.lazy;
    if (!lazy) return true;
    delete row.lazy;
    if (row.cells === NO_CELLS) row.cells = new Map();
    row.replayed = false;
    this.apply(t, row, lazy, lazy.cells, null);
    return this.problem === undefined;
  }

  /** Unreadable fields end the stream (the keyed replay then meets them, after the chain check). */
  private apply(t: TableStream, state: StreamRow, e: EntryHead & { format: number; fields: string }, cells: Parameters<StreamedReplay['add']>[1], fields: Record<string, unknown> | null): void {
    try {
      apply(t.spec, state, e, cells ?? (fields === null && e.format >= LOG_FORMAT ? objectMembers(e.fields) : null), fields);
    } catch {
      this.problem ??= 'unreadable fields';
    }
  }

  private complete(t: TableStream, id: string, rep: StreamRow): void {
    const stored = t.waiting.get(id);
    if (stored) {
      t.waiting.delete(id);
      this.check(t, stored, rep);
    } else if (t.dropped.has(id)) {
      t.dropped.delete(id);
      if (t.lookups.has(id)) this.problem = 'a row replayed twice';
      t.lookups.set(id, rep);
    } else if (t.expected.has(id)) this.problem = 'a row replayed twice';
    else t.expected.set(id, rep);
  }

  private check(t: TableStream, stored: AnyRow, row: StreamRow): void {
    if (this.problem) return;
    this.compared++;
    // With limits.share = n > 1, n − 1 rows in n go to the second thread (none by default).
    if (row.plain && this.offload && this.share > 1 && this.compared % this.share !== 0) {
      t.batch.push({ stored, row });
      if (t.batch.length >= SEND_ROWS) this.send(t);
      return;
    }
    // A row of one insert entry: its text against the stored row's, when that decides (most rows).
    if (row.lazy && row.plain) {
      if (t.layout === undefined) t.layout = entryLayout(t.spec, stored, ROWID_KEY) ?? null;
      const { members, membersAt } = row.lazy;
      if (t.layout && sameAsEntry(t.spec, stored, row.lazy, t.layout, t.defaults, parsedDefaults(t.spec, t.defaults), members && membersAt !== undefined ? { data: members, at: membersAt } : undefined)) {
        this.entryCount++;
        return;
      }
    }
    if (!this.materialize(t, row)) return;
    if (row.plain && sameAsStored(t.spec, stored, row, t.defaults, parsedDefaults(t.spec, t.defaults))) return;
    this.exact(t, stored, row);
  }

  /** compareRow: what sameAsStored could not decide. */
  private exact(t: TableStream, stored: AnyRow, row: StreamRow): void {
    if (this.problem || !this.materialize(t, row)) return;
    this.exactCount++;
    const p = this.compare(t.spec, stored, toReplay(row), t.defaults);
    if (p) this.problem = p;
  }

  private readonly inFlight: Array<Promise<void>> = [];

  /** Sends a table's batch to the second thread; the rows it cannot call equal come back to `exact`. */
  private send(t: TableStream): void {
    const batch = t.batch;
    t.batch = [];
    if (!batch.length || this.problem) return;
    const rows: SentRow[] = batch.map(({ stored, row }) => {
      // A row of one entry goes as that entry (the second thread replays it, as `materialize` would).
      if (row.lazy) {
        const { op, hlc, at, seq } = row.lazy;
        return [stored, null, null, '', '', seq !== undefined && this.offload!.holds(seq) ? { op, hlc, at, seq } : { op, hlc, at, fields: row.lazy.fields }];
      }
      const flat: string[] = [];
      for (const [c, v] of row.cells) flat.push(c, v.text!);
      return [stored, flat, row.createdAt ?? null, row.updatedAt, row.hlc, null];
    });
    this.inFlight.push(
      this.offload!.same({ table: t.spec.name, defaults: [...t.defaults], parsedDefaults: parsedDefaults(t.spec, t.defaults) }, rows).then(
        (notSame) => {
          for (const i of notSame) this.exact(t, batch[i]!.stored, batch[i]!.row);
        },
        (e: unknown) => {
          // The second thread failed: compared here (same function). Once the check is over
          // (it ended without waiting for them), never taken as compared.
          if (e instanceof Error && e.message === HASHER_CLOSED) {
            this.problem ??= 'rows not compared';
            return;
          }
          for (const { stored, row } of batch) {
            if (!this.materialize(t, row)) return;
            if (!(row.plain && sameAsStored(t.spec, stored, row, t.defaults, parsedDefaults(t.spec, t.defaults)))) this.exact(t, stored, row);
          }
        },
      ),
    );
  }

  /** Waits for the batches sent (all, or all but IN_FLIGHT). */
  private async settle(keep = 0): Promise<void> {
    while (this.inFlight.length > keep) await this.inFlight.shift();
  }

  /** Reads the stored rows the replays completed so far need (in rowid order, and by id for dropped ones). */
  async advance(): Promise<void> {
    await this.settle(IN_FLIGHT);
    for (const t of this.tables.values()) {
      if (this.problem) return;
      if (t.lookups.size) await this.lookUp(t);
      while (!this.problem && t.expected.size && !t.done) await this.readNext(t);
      // The table is read to its end and replays are still waiting: those rows are not stored.
      if (t.done && t.expected.size) this.problem ??= 'a logged row is missing from its table';
    }
  }

  /** After the last entry: every table read to its end, nothing left over on either side. */
  async finish(): Promise<boolean> {
    await this.advance();
    for (const t of this.tables.values()) {
      while (!this.problem && !t.done) await this.readNext(t);
      this.send(t);
      if (this.problem) break;
      if (t.expected.size || t.lookups.size) this.problem = 'a logged row is missing from its table';
      else if (t.waiting.size || t.dropped.size) this.problem = 'a stored row has no complete replay';
    }
    await this.settle();
    if (!this.problem && this.states.size) this.problem = 'a row’s entries were not all met';
    if (!this.problem && this.seenEntries !== this.expectedEntries) this.problem = 'the entries per row do not add up';
    return this.problem === undefined;
  }

  /** A stored table's rows view with its coded columns read as stored (db/audit-read.ts rowsSource), once per table. */
  private async codedSource(t: TableStream): Promise<RowsSource | undefined> {
    if (t.source === undefined) t.source = (await rowsSource(this.db, rowOrderSource(t.spec.name).from, STORED_TABLES[t.spec.name]?.store)) ?? null;
    return t.source ?? undefined;
  }

  private async readNext(t: TableStream): Promise<void> {
    // A table stored in another form is walked through its rows view (db/row-store.ts: a view has no rowid).
    const src = rowOrderSource(t.spec.name);
    const name = sql.table(src.from);
    const rowid = sql.raw(src.rowid);
    // A rows view already names its store's rowid ROWID_KEY.
    const cols = src.rowid === 'rowid' ? sql`*, rowid AS ${sql.ref(ROWID_KEY)}` : sql`*`;
    const coded = await this.codedSource(t);
    // (The first read has no lower bound: any rowid, however low, is read.)
    const codedRowid = sql`r.${sql.ref(ROWID_KEY)}`;
    const res = coded
      ? t.after === null
        ? await sql<AnyRow>`SELECT ${coded.columns} FROM ${coded.from} ORDER BY ${codedRowid} LIMIT ${this.chunk}`.execute(this.db)
        : await sql<AnyRow>`SELECT ${coded.columns} FROM ${coded.from} WHERE ${codedRowid} > ${t.after} ORDER BY ${codedRowid} LIMIT ${this.chunk}`.execute(this.db)
      : t.after === null
        ? await sql<AnyRow>`SELECT ${cols} FROM ${name} ORDER BY ${rowid} LIMIT ${this.chunk}`.execute(this.db)
        : await sql<AnyRow>`SELECT ${cols} FROM ${name} WHERE ${rowid} > ${t.after} ORDER BY ${rowid} LIMIT ${this.chunk}`.execute(this.db);
    if (coded) decodeRows(res.rows, coded.coded);
    if (res.rows.length < this.chunk) t.done = true;
    for (const row of res.rows) {
      t.after = Number(row[ROWID_KEY]);
      // Vigie's rowids count from 1. One beyond ±2^53 was read rounded, and the next read's bound could
      // pass over the rows just above it: the stream gives up and the keyed replay, which reads rows by
      // id, decides.
      if (!Number.isSafeInteger(t.after)) {
        this.problem = 'a row stored at a rowid beyond 2^53';
        return;
      }
      this.met(t, row);
      if (this.problem) return;
    }
  }

  private met(t: TableStream, row: AnyRow): void {
    const id = String(row.id);
    const rep = t.expected.get(id);
    if (rep) {
      t.expected.delete(id);
      this.check(t, row, rep);
    } else if (t.deferred.has(id)) {
      // Checked by id after the walk.
    } else if (t.waiting.has(id) || t.dropped.has(id)) this.problem = 'a stored id met twice';
    else if (t.waiting.size < this.waitingCap) t.waiting.set(id, row);
    else t.dropped.add(id);
  }

  private async lookUp(t: TableStream): Promise<void> {
    const ids = [...t.lookups.keys()];
    for (let i = 0; i < ids.length && !this.problem; i += ID_BATCH) {
      const part = ids.slice(i, i + ID_BATCH);
      // With the rowid too: every stored row of a table has the same keys (they may go in one batch).
      const src = rowOrderSource(t.spec.name);
      const cols = src.rowid === 'rowid' ? sql`*, rowid AS ${sql.ref(ROWID_KEY)}` : sql`*`;
      const coded = await this.codedSource(t);
      const rows = coded
        ? (await sql<AnyRow>`SELECT ${coded.columns} FROM ${coded.from} WHERE r.id IN (${sql.join(part)})`.execute(this.db)).rows
        : (await sql<AnyRow>`SELECT ${cols} FROM ${sql.table(src.from)} WHERE id IN (${sql.join(part)})`.execute(this.db)).rows;
      if (coded) decodeRows(rows, coded.coded);
      for (const row of rows) {
        const id = String(row.id);
        const rep = t.lookups.get(id);
        if (!rep) continue;
        t.lookups.delete(id);
        this.check(t, row, rep);
      }
    }
    if (!this.problem && t.lookups.size) this.problem = 'a logged row is missing from its table';
  }
}

/** replay.ts `replayEntry`: as text (applyText) when the entry's cells are canonical, else its parsed fields. */
function apply(spec: TableSpec, row: StreamRow, e: EntryHead & { format: number; fields: string }, cells: ReadonlyArray<readonly [string, string]> | null, fields: Record<string, unknown> | null): void {
  if (cells && applyText(row, e, cells)) return;
  applyHead(row, e);
  row.plain = false;
  // (JSON.parse throwing ends the check as the keyed replay's own JSON.parse would.)
  for (const [cell, v] of Object.entries(fields ?? (JSON.parse(e.fields) as Record<string, unknown>))) offer(row, cell, e.hlc, undefined, keyOf(cell) === null ? rootValue(spec, cell, v, e.format) : v);
}

/** The row as replay.ts keeps it (values parsed), for `compareRow`. */
function toReplay(row: StreamRow): RowReplay {
  if (row.lazy) throw new Error('toReplay: the row was not replayed');
  const cells = new Map<string, { hlc: string; value: unknown }>();
  for (const [c, v] of row.cells) cells.set(c, { hlc: v.hlc, value: v.text !== undefined ? (JSON.parse(v.text) as unknown) : v.value });
  // Parsed afresh: materialize and derive must not see a value sameAsStored's derive input shares.
  return { cells, ...(row.createdAt !== undefined ? { createdAt: row.createdAt } : {}), ...(row.insertHlc !== undefined ? { insertHlc: row.insertHlc } : {}), hlc: row.hlc, updatedAt: row.updatedAt };
}


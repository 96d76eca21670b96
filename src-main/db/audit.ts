import { sql, type Kysely } from 'kysely';
import { canonicalJson, GENESIS_HASH, sha256Hex } from './canonical';
import type { DB } from './schema';
import { TABLES, type DomainTable, type TableSpec } from './tables';
import { LOG_FORMAT, rootOf, SALT_REMOVED, type LogEntryRow } from './log-format';
import { checkEntries, checkEntry, ENTRY_OK, type EntryCheck, type EntryHasher } from './audit-entry';
import { materialize, replayEntry, type RowReplay } from './replay';
import { StreamedReplay, type EntrySpansBySeq, type StreamLimits } from './audit-stream';
import { logReader } from './audit-read';
import { contentDigest, entryHashInput, fieldDigest, saltDigest, SCRUBBED_KEY, scrubRecordsOf, type ScrubRecord } from './write';
import { storageTable } from './row-store';

export interface AuditBreak {
  reason: string;
  seq?: number;
  entryId?: string;
  table?: string;
  rowId?: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  firstBroken?: AuditBreak;
}

/** Meta keys whose meaning this build knows; their checks are in `checkMeta`. */
export const KNOWN_FORMAT_VERSIONS = ['1'];

/**
 * What `audit verify` proves, in the words the README and the audit screen use.
 *
 * Inside the file it checks: the hash chain of the change log (no entry edited, removed, inserted or
 * reordered); every logged value against its salted digest, and the salt itself (hash format 2): a
 * salt may be missing only on an entry a later purge names; a replay of the log against every
 * column of every logged table, including created_at, updated_at, deleted_at and hlc, and the
 * columns never written (they must hold their declared default); and the workspace's identity in
 * the meta table. Outside the file, the seal this computer keeps tells a workspace rolled back or
 * cut short (see services/seals.ts). What it cannot detect: someone with the passphrase who rewrites
 * the whole file consistently and also every seal kept elsewhere.
 */
export interface AuditCheckpoint {
  /** The last entry (local `seq`) a full or quick check verified, and its hash. */
  seq: number;
  hash: string;
}

export interface VerifyOptions {
  /**
   * Quick check: the entries written or received after this checkpoint (chains and digests) and the
   * rows they touched, after checking the checkpoint entry is still the one verified. A full check
   * (the default) covers every entry and every row.
   */
  from?: AuditCheckpoint;
  /** Entries (and rows) read per query: memory stays flat whatever the size of the log. */
  chunk?: number;
  /** Called between chunks: throws to cancel the check (jobs' cancel flag). */
  checkpoint?: () => void;
  /** Called when the check moves to its next step (jobs' progress). */
  progress?: (step: string) => void;
  /** The streamed replay's buffers (tests force its fallbacks with small ones). */
  limits?: StreamLimits;
  /**
   * Starts a second thread for the entries' digests and hashes (jobs/audit-hasher.ts), for a log
   * of at least HASHER_MIN_ENTRIES entries to check; closed when the check ends.
   */
  hasher?: () => EntryHasher | undefined;
  /** HASHER_MIN_ENTRIES unless given (tests). */
  hasherMinEntries?: number;
  /** false: a full check replays every row through the index (the keyed replay), as before the stream. */
  stream?: boolean;
  /** Filled with what the streamed replay did (tests). */
  trace?: { streamed?: boolean; problem?: string | undefined; compared?: number; exact?: number; byEntry?: number; deferred?: number };
}

type Entry = LogEntryRow & { seq: number };
/** Below this many entries to check, starting a second thread costs more than it saves. */
export const HASHER_MIN_ENTRIES = 20_000;
const REPLAY_COLUMNS = ['id', 'row_id', 'op', 'hlc', 'at', 'format', 'fields'] as const;
type ReplayEntry = Pick<Entry, (typeof REPLAY_COLUMNS)[number]>;

/**
 * The audit check, streamed: entries are read in chunks (never the whole log in memory), each
 * hashed from its stored text; rows are replayed chunk by chunk (by row id) and compared with the
 * stored rows of the same id range.
 */
export async function verifyAudit(db: Kysely<DB>, opts: VerifyOptions = {}): Promise<AuditReport & { checkpoint?: AuditCheckpoint; scope: 'full' | 'since-checkpoint' }> {
  const started: { hasher?: EntryHasher | undefined } = {};
  try {
    return await verify(db, opts, started);
  } finally {
    // Only once the check is over: the rows compared there are awaited before any answer.
    started.hasher?.close();
  }
}

async function verify(db: Kysely<DB>, opts: VerifyOptions, started: { hasher?: EntryHasher | undefined }): Promise<AuditReport & { checkpoint?: AuditCheckpoint; scope: 'full' | 'since-checkpoint' }> {
  // 2,000 entries a chunk: as fast as 5,000 at 327,539 entries, with three chunks in memory
  // (two read ahead) and their copies on the second thread: peak rss ~760 → ~625 MB.
  const CHUNK = Math.max(1, opts.chunk ?? 2000);
  const scope = opts.from ? ('since-checkpoint' as const) : ('full' as const);
  const n = Number((await db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const fail = (firstBroken: AuditBreak) => ({ ok: false, entries: n, firstBroken, scope });
  const where = (e: { seq: number; id: string; table_name: string; row_id: string }) => ({ seq: e.seq, entryId: e.id, table: e.table_name, rowId: e.row_id });
  const pendingIds = new Set((await db.selectFrom('sync_pending').select('entry_id').execute()).map((r) => r.entry_id));

  // Pass 1 (purges only): which format 2 entries a purge scrubbed (the latest purge naming an entry
  // wins), which rows had a purge written before hash format 2, and the purges of each row. A log
  // with no format 2 entry (every workspace created or upgraded since migration 0009) skips it: its
  // purges are gathered in pass 2, and the few checks that need them (entries whose values a purge
  // removed) wait until every purge is known.
  const namedBy = new Map<string, { rec: ScrubRecord; purgeSeq: number; purgeSalt: string | null }>();
  const legacyPurgeSeq = new Map<string, number>();
  const purgesOf = new Map<string, Array<{ hlc: string; roots: Set<string> }>>();
  const notePurge = (e: Entry, digests: Record<string, unknown>) => {
    const key = `${e.table_name}\u0000${e.row_id}`;
    const list = purgesOf.get(key) ?? [];
    list.push({ hlc: e.hlc, roots: new Set(Object.keys(digests).filter((k) => !k.startsWith('@')).map(rootOf)) });
    purgesOf.set(key, list);
  };
  const firstEntry = await db.selectFrom('change_log').select('format').orderBy('seq').limit(1).executeTakeFirst();
  let purgesKnown = false;
  const readPurges = async (): Promise<AuditBreak | undefined> => {
    purgesOf.clear();
    for (const e of (await db.selectFrom('change_log').selectAll().where('op', '=', 'purge').orderBy('seq').execute()) as unknown as Entry[]) {
      let digests: Record<string, unknown>;
      try {
        digests = JSON.parse(e.field_digests) as Record<string, unknown>;
        if (!isObject(digests)) throw new Error('not an object');
        for (const [id, rec] of Object.entries(scrubRecordsOf(digests))) {
          if (!isObject(rec) || !isObject(rec.fields)) throw new Error('bad record');
          namedBy.set(id, { rec, purgeSeq: e.seq, purgeSalt: e.salt });
        }
      } catch {
        return { ...where(e), reason: 'The entry holds unreadable or misplaced field data.' };
      }
      if (e.format < LOG_FORMAT && !(SCRUBBED_KEY in digests)) legacyPurgeSeq.set(`${e.table_name}\u0000${e.row_id}`, e.seq);
      notePurge(e, digests);
    }
    purgesKnown = true;
    return undefined;
  };
  if (opts.from || (firstEntry && firstEntry.format < LOG_FORMAT)) {
    const broken = await readPurges();
    if (broken) return fail(broken);
  }
  /** Entries whose check needs every purge of their row (pass 1 skipped): checked in `seq` order after. */
  const deferred: Array<{ e: Pick<Entry, 'seq' | 'id' | 'table_name' | 'row_id' | 'hlc' | 'op' | 'salt'>; missing: string[] }> = [];
  const checkDeferred = (before: number): AuditBreak | undefined => {
    for (const d of deferred) {
      if (d.e.seq >= before) break;
      const problem = checkPurged(d.e, d.missing, purgesOf);
      if (problem) return { ...where(d.e), reason: problem };
    }
    return undefined;
  };
  /** The first problem in `seq` order: a deferred entry before this one may be the first. */
  const failAt = async (broken: AuditBreak): Promise<ReturnType<typeof fail>> => {
    if (deferred.length && !purgesKnown) {
      const p = await readPurges();
      if (p) return fail(p);
    }
    return fail(checkDeferred(broken.seq ?? Number.MAX_SAFE_INTEGER) ?? broken);
  };

  // Pass 2: the chains, in `seq` order (a device's entries are stored in its chain order, so one
  // pass checks every device's chain). Entries written before migration 0009 form one chain.
  let lastSeq = 0;
  let legacyPrev = GENESIS_HASH;
  const heads = new Map<string, { seq: number; hash: string }>();
  const touched = new Map<string, Set<string>>();
  if (opts.from) {
    const at = await db.selectFrom('change_log').select(['hash']).where('seq', '=', opts.from.seq).executeTakeFirst();
    if (!at || at.hash !== opts.from.hash) return fail({ seq: opts.from.seq, reason: 'The change log up to the last check point was changed since it was verified: run the full check.' });
    lastSeq = opts.from.seq;
    const legacy = await db.selectFrom('change_log').select('hash').where('format', '<', LOG_FORMAT).where('seq', '<=', lastSeq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (legacy) legacyPrev = legacy.hash;
    const devs = await db.selectFrom('change_log').select(['device_id', (eb) => eb.fn.max('device_seq').as('n')]).where('seq', '<=', lastSeq).groupBy('device_id').execute();
    for (const d of devs) {
      const h = await db.selectFrom('change_log').select('hash').where('device_id', '=', d.device_id).where('device_seq', '=', Number(d.n)).executeTakeFirstOrThrow();
      heads.set(d.device_id, { seq: Number(d.n), hash: h.hash });
    }
  }
  const defaults = new Map<DomainTable, Map<string, unknown>>();
  const defaultsOf = async (table: DomainTable) => {
    let d = defaults.get(table);
    if (!d) defaults.set(table, (d = await columnDefaults(db, table)));
    return d;
  };

  opts.progress?.('checking the change log (audit verify)');
  let last: Entry | undefined;
  // From the stored form, decoded as the view decodes it (db/audit-read.ts).
  const reader = await logReader(db);
  const readChunk = async (after: number) => (await reader.after(after, CHUNK)) as Entry[];
  // Entries' digests and hashes: on a second thread when the caller gives one and the log is long
  // (the next chunk is read and sent while this one is checked and replayed), else here.
  const hasher = (started.hasher = n - lastSeq >= (opts.hasherMinEntries ?? HASHER_MIN_ENTRIES) ? opts.hasher?.() : undefined);
  /** The walk ended (returned, failed or cancelled): a chunk still in flight is not checked here. */
  let done = false;
  // A full check replays the rows as it walks the log (db/audit-stream.ts).
  const stream = opts.from || opts.stream === false ? undefined : await StreamedReplay.start(db, { chunk: CHUNK, compare: compareRow, defaults: defaultsOf, ...(opts.limits ? { limits: opts.limits } : {}), ...(hasher ? { offload: hasher } : {}) });
  /** A chunk's checks sent to the second thread; `settled` once its answer (or its failure) came back. */
  type Sent = { result: Promise<Map<number, EntryCheck>>; settled: boolean; spans?: EntrySpansBySeq };
  const checksOf = (chunk: Entry[]): Sent | undefined => {
    if (!hasher) return undefined;
    const v3 = chunk.filter((e) => e.format >= LOG_FORMAT);
    if (v3.length === 0) return undefined;
    const seqs = v3.map((e) => e.seq);
    const sent: Sent = { result: undefined as unknown as Sent['result'], settled: false };
    sent.result = hasher.check(v3).then(
      (r) => {
        sent.settled = true;
        // The members of its insert entries' texts, when the thread gave them (audit-entry.ts entrySpans).
        const spans = r.spans;
        if (spans && spans.at.length === v3.length) {
          const at = new Map<number, number>();
          for (let i = 0; i < v3.length; i++) if (spans.at[i]! >= 0) at.set(seqs[i]!, spans.at[i]!);
          sent.spans = { data: spans.data, at };
        }
        return new Map(r.map(([i, c]) => [seqs[i]!, c]));
      },
      // The second thread failed: this chunk is checked here (same function, same answers).
      () => {
        sent.settled = true;
        return done ? new Map() : new Map(checkEntries(v3).map(([i, c]) => [seqs[i]!, c]));
      },
    );
    return sent;
  };
  try {
    // Two chunks are read ahead of the one checked and replayed, so the second thread can be
    // given the next one while it still checks the one before.
    let chunk = await readChunk(lastSeq);
    let checks = checksOf(chunk);
    let nextChunk = chunk.length ? await readChunk(chunk[chunk.length - 1]!.seq) : [];
    let nextChecks = checksOf(nextChunk);
    const unanswered = () => (checks && !checks.settled ? 1 : 0) + (nextChecks && !nextChecks.settled ? 1 : 0);
    while (chunk.length) {
      opts.checkpoint?.();
      const thirdChunk = nextChunk.length ? await readChunk(nextChunk[nextChunk.length - 1]!.seq) : [];
      // The two threads share the entries' checks: while the second thread still has two chunks
      // to answer, the next one is checked here (same function, same answers). Answers may be
      // waiting as events: one turn of the event loop lets them in first (reads through
      // better-sqlite3 never leave the microtask queue).
      if (unanswered() >= 2) await new Promise<void>((resolve) => setImmediate(resolve));
      const thirdChecks = unanswered() >= 2 ? undefined : checksOf(thirdChunk);
      const checked = checks ? await checks.result : undefined;
      const spans = checks?.spans;
      for (const e of chunk) {
        if (e.seq !== lastSeq + 1) return failAt({ ...where(e), reason: `Entry ${lastSeq + 1} of the change log is missing.` });
        lastSeq = e.seq;
        last = e;
        if (opts.from) {
          const set = touched.get(e.table_name) ?? new Set<string>();
          set.add(e.row_id);
          touched.set(e.table_name, set);
        }
        let head = heads.get(e.device_id);
        if (head === undefined) heads.set(e.device_id, (head = { seq: 0, hash: GENESIS_HASH }));
        let fieldsOf: Record<string, unknown> | undefined;
        let cellsOf: Array<[string, string]> | undefined;
        if (e.format >= LOG_FORMAT) {
          let r: EntryCheck;
          if (checked) {
            r = checked.get(e.seq) ?? ENTRY_OK;
            // (The replay reads the cells from the text when it needs them.)
          } else {
            const c = checkEntry(e);
            r = c;
            cellsOf = c.cells;
          }
          if (e.op === 'purge' || r.meta.includes(SCRUBBED_KEY)) {
            let digests: Record<string, unknown>;
            try {
              digests = JSON.parse(e.field_digests) as Record<string, unknown>;
              if (!isObject(digests) || (e.op !== 'purge' && SCRUBBED_KEY in digests)) throw new Error('misplaced');
            } catch {
              return failAt({ ...where(e), reason: 'The entry holds unreadable or misplaced field data.' });
            }
            if (!purgesKnown) notePurge(e, digests);
          }
          if (e.device_seq !== head.seq + 1) return failAt({ ...where(e), reason: `Entry ${head.seq + 1} of device ${e.device_id} is missing.` });
          const problem = checkV3(e, r, head);
          if (problem) return failAt({ ...where(e), reason: problem });
          if (!pendingIds.has(e.id) && !(e.table_name in TABLES)) return failAt({ ...where(e), reason: `The entry names a table this version does not know (${e.table_name}).` });
          if (e.salt === null || r.missing.length) {
            if (purgesKnown) {
              const p = checkPurged(e, r.missing, purgesOf);
              if (p) return failAt({ ...where(e), reason: p });
            } else deferred.push({ e: { seq: e.seq, id: e.id, table_name: e.table_name, row_id: e.row_id, hlc: e.hlc, op: e.op, salt: e.salt }, missing: r.missing });
          }
        } else {
          let fields: Record<string, unknown>;
          let digests: Record<string, unknown>;
          try {
            fields = JSON.parse(e.fields) as Record<string, unknown>;
            digests = JSON.parse(e.field_digests) as Record<string, unknown>;
            if (!isObject(fields) || !isObject(digests)) throw new Error('not objects');
            if (e.op !== 'purge' && SCRUBBED_KEY in digests) throw new Error('scrub records outside a purge');
          } catch {
            return failAt({ ...where(e), reason: 'The entry holds unreadable or misplaced field data.' });
          }
          if (e.device_seq !== head.seq + 1) return failAt({ ...where(e), reason: `Entry ${head.seq + 1} of device ${e.device_id} is missing.` });
          const problem = checkLegacy(e, fields, digests, legacyPrev, namedBy, legacyPurgeSeq);
          if (problem) return failAt({ ...where(e), reason: problem });
          legacyPrev = e.hash;
          fieldsOf = fields;
        }
        head.seq = e.device_seq;
        head.hash = e.hash;
        if (stream) stream.add(e, cellsOf ?? null, fieldsOf ?? null, pendingIds.has(e.id), spans);
      }
      if (stream) await stream.advance();
      chunk = nextChunk;
      checks = nextChecks;
      nextChunk = thirdChunk;
      nextChecks = thirdChecks;
    }
  } finally {
    done = true;
  }
  {
    const broken = checkDeferred(Number.MAX_SAFE_INTEGER);
    if (broken) return fail(broken);
  }

  // Pass 3: replay (order-independent: per cell the highest stamp wins) and compare with the rows.
  // A full check did it during pass 2 (the streamed replay); the keyed replay below runs only for
  // the rows that one left to it, or when it found anything amiss (to name the first problem).
  if (opts.from) {
    const broken = await keyedReplay(db, pendingIds, defaultsOf, [...touched].map(([t, ids]) => [t as DomainTable, [...ids]]), false, opts.checkpoint);
    if (broken) return fail(broken);
  } else {
    // The rows the stream left to the keyed replay (beyond its limits) must all match; otherwise,
    // or when the stream found anything amiss, the keyed replay of every row names the first problem.
    const streamed = stream !== undefined && (await stream.finish()) && !(await keyedReplay(db, pendingIds, defaultsOf, stream.deferredRows(), true, opts.checkpoint));
    if (opts.trace && stream) Object.assign(opts.trace, { streamed, problem: stream.problem, compared: stream.compared, exact: stream.exactCount, byEntry: stream.entryCount, deferred: stream.deferredRows().reduce((n, [, ids]) => n + ids.length, 0) });
    if (!streamed) {
      const broken = await keyedReplay(db, pendingIds, defaultsOf, null, true, opts.checkpoint, CHUNK);
      if (broken) return fail(broken);
    }
  }

  const meta = await checkMeta(db);
  if (meta) return fail(meta);
  const checkpoint = last ? { seq: last.seq, hash: last.hash } : opts.from;
  return { ok: true, entries: n, scope, ...(checkpoint ? { checkpoint } : {}) };
}

/**
 * The keyed replay: each row's entries read through the `change_log_row` index and replayed, then
 * compared with the stored row. `only` = these ids of these tables (a quick check, or the rows the
 * streamed replay left); null = every row of every table, in contiguous id ranges of `chunk`
 * logged rows. `exhaustive`: a stored row without entries is reported (rows read by id: each
 * id asked for must have entries).
 */
async function keyedReplay(
  db: Kysely<DB>,
  pendingIds: Set<string>,
  defaultsOf: (table: DomainTable) => Promise<Map<string, unknown>>,
  only: Array<[DomainTable, string[]]> | null,
  exhaustive: boolean,
  checkpoint: (() => void) | undefined,
  chunk = 5000,
): Promise<AuditBreak | undefined> {
  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const byTable = only ? new Map(only) : null;
  for (const name of Object.keys(TABLES) as DomainTable[]) {
    const spec = TABLES[name];
    if (byTable && !byTable.get(name)?.length) continue;
    const defaults = await defaultsOf(name);
    const compare = (replayed: Map<string, RowReplay>, rows: Record<string, unknown>[]): AuditBreak | undefined => {
      const seen = new Set<string>();
      for (const r of rows) {
        const id = String(r.id);
        seen.add(id);
        const rep = replayed.get(id);
        if (!rep) {
          if (exhaustive) return { table: name, rowId: id, reason: 'This row was written outside Vigie (it has no change-log entry).' };
          continue;
        }
        const problem = compareRow(spec, r, rep, defaults);
        if (problem) return { table: name, rowId: id, reason: problem };
      }
      for (const id of replayed.keys()) if (!seen.has(id)) return { table: name, rowId: id, reason: 'A logged row was removed outside Vigie.' };
      return undefined;
    };
    const replayOf = (entries: ReplayEntry[]) => {
      const out = new Map<string, RowReplay>();
      for (const e of entries) {
        if (pendingIds.has(e.id)) continue;
        let row = out.get(e.row_id);
        if (!row) out.set(e.row_id, (row = { cells: new Map(), hlc: '', updatedAt: '' }));
        replayEntry(spec, row, e, JSON.parse(e.fields) as Record<string, unknown>);
      }
      return out;
    };
    if (byTable) {
      const ids = byTable.get(name)!;
      for (let i = 0; i < ids.length; i += 500) {
        checkpoint?.();
        const part = ids.slice(i, i + 500);
        const entries = await db.selectFrom('change_log').select(REPLAY_COLUMNS).where('table_name', '=', name).where('row_id', 'in', part).orderBy('row_id').orderBy('seq').execute();
        const rows = (await anyDb.selectFrom(name).selectAll().where('id', 'in', part).execute()) as Record<string, unknown>[];
        const broken = compare(replayOf(entries), rows);
        if (broken) return broken;
      }
      continue;
    }
    // Full: contiguous id ranges (lo, hi] of `chunk` logged rows, the last one open-ended, so every
    // stored row falls in one range and is compared with its replay (or found unlogged).
    let lo: string | null = null;
    for (;;) {
      checkpoint?.();
      let q = db.selectFrom('change_log').select('row_id').distinct().where('table_name', '=', name).orderBy('row_id').limit(chunk);
      if (lo !== null) q = q.where('row_id', '>', lo);
      const ids = (await q.execute()).map((r) => r.row_id);
      const hi = ids.length === chunk ? ids[ids.length - 1]! : null;
      // Only what the replay reads, in index order (change_log_row: no sort); a row's entries in `seq` order.
      let eq = db.selectFrom('change_log').select(REPLAY_COLUMNS).where('table_name', '=', name);
      let rq = anyDb.selectFrom(name).selectAll();
      if (lo !== null) {
        eq = eq.where('row_id', '>', lo);
        rq = rq.where('id', '>', lo);
      }
      if (hi !== null) {
        eq = eq.where('row_id', '<=', hi);
        rq = rq.where('id', '<=', hi);
      }
      const entries = await eq.orderBy('row_id').orderBy('seq').execute();
      const rows = (await rq.execute()) as Record<string, unknown>[];
      const broken = compare(replayOf(entries), rows);
      if (broken) return broken;
      if (hi === null) break;
      lo = hi;
    }
  }
  return undefined;
}

function checkV3(e: Entry, r: EntryCheck, head: { seq: number; hash: string }): string | undefined {
  if (e.prev_hash !== head.hash) return 'The entry does not link to the one before it on its device (chain broken).';
  if (!r.hashOk) {
    // A value whose salt is gone cannot have its digest recomputed: say why rather than the hash.
    return r.problem === SALT_REMOVED ? r.problem : 'The entry was altered after it was written (hash mismatch).';
  }
  return r.problem ?? undefined;
}

/** An entry whose salt or values are gone: only a later purge of its row may have removed them. */
function checkPurged(e: Pick<Entry, 'table_name' | 'row_id' | 'hlc' | 'op' | 'salt'>, missing: readonly string[], purgesOf: Map<string, Array<{ hlc: string; roots: Set<string> }>>): string | undefined {
  const purges = purgesOf.get(`${e.table_name}\u0000${e.row_id}`) ?? [];
  if (e.salt === null && missing.length === 0) {
    // A purge that recorded older entries' values loses its salt to a later purge of the row.
    if (e.op !== 'purge' || !purges.some((p) => p.hlc > e.hlc)) return 'The entry’s salt was removed outside a purge, so its values could have been rewritten.';
  }
  // A value may be missing only where a later purge of the row overrides it.
  const uncovered = missing.find((c) => !purges.some((p) => p.hlc > e.hlc && p.roots.has(rootOf(c))));
  if (uncovered) return `The recorded value of “${uncovered}” was removed outside a purge.`;
  return undefined;
}

function checkLegacy(
  e: Entry,
  fields: Record<string, unknown>,
  digests: Record<string, unknown>,
  prev: string,
  namedBy: Map<string, { rec: ScrubRecord; purgeSeq: number; purgeSalt: string | null }>,
  legacyPurgeSeq: Map<string, number>,
): string | undefined {
  if (e.prev_hash !== prev) return 'The entry does not link to the one before it (chain broken).';
  if (!(e.table_name in TABLES)) return `The entry names a table this version does not know (${e.table_name}).`;
  const named = namedBy.get(e.id);
  const scrubbedBy = named && named.purgeSeq > e.seq ? named : undefined;
  const hashOk = (version: 1 | 2, salt: string | null) => sha256Hex(entryHashInput(e, version, salt)) === e.hash;
  if (e.salt !== null) {
    if (!hashOk(2, saltDigest(e.salt)) && !hashOk(1, null)) return 'The entry was altered after it was written (hash mismatch).';
  } else if (scrubbedBy) {
    if (!(scrubbedBy.rec.salt !== null && hashOk(2, scrubbedBy.rec.salt)) && !hashOk(1, null)) return 'The entry was altered after it was written (hash mismatch).';
  } else {
    // No purge names this entry. Only a version 1 entry of a row purged before 2026-12-01 may lack its salt.
    const legacy = (legacyPurgeSeq.get(`${e.table_name}\u0000${e.row_id}`) ?? 0) > e.seq && hashOk(1, null);
    if (!legacy) return 'The entry’s salt was removed outside a purge, so its values could have been rewritten.';
  }
  const columnDigests = Object.fromEntries(Object.entries(digests).filter(([k]) => k !== SCRUBBED_KEY));
  const keys = Object.keys(fields).sort();
  if (e.salt !== null) {
    if (canonicalJson(keys) !== canonicalJson(Object.keys(columnDigests).sort())) return 'The entry’s changed fields were altered.';
    for (const k of keys) if (fieldDigest(e.salt, k, fields[k]) !== columnDigests[k]) return `The recorded value of “${k}” was altered.`;
  } else if (scrubbedBy) {
    if (scrubbedBy.purgeSalt === null) return 'The purge that scrubbed this entry lost its own salt outside a later purge.';
    const recorded = scrubbedBy.rec.fields;
    if (canonicalJson(keys) !== canonicalJson(Object.keys(recorded).sort())) return 'The fields left in this purged entry were altered.';
    for (const k of keys) if (fieldDigest(scrubbedBy.purgeSalt, k, fields[k]) !== recorded[k]) return `The recorded value of “${k}” was altered.`;
    if (keys.some((k) => !(k in columnDigests))) return 'The entry’s changed fields were altered.';
  }
  return undefined;
}

function compareRow(spec: TableSpec, r: Record<string, unknown>, replayed: RowReplay, defaults: Map<string, unknown>): string | undefined {
  const digestColumns = spec.digestColumns ?? [];
  const logged = materialize(spec, replayed, defaults);
  for (const [col, value] of Object.entries(r)) {
    if (col === 'id') continue;
    let expected: unknown;
    if (col === 'created_at') {
      if (replayed.createdAt === undefined) continue;
      expected = replayed.createdAt;
    } else if (col === 'updated_at') expected = replayed.updatedAt;
    else if (col === 'hlc') expected = replayed.hlc;
    else if (col in logged) expected = logged[col];
    else if (defaults.has(col)) expected = defaults.get(col);
    else continue; // no declared default and never written: nothing to compare with
    const actual = digestColumns.includes(col) ? contentDigest(value) : value;
    if (expected !== actual && ((plain(expected) && plain(actual)) || canonicalJson(expected) !== canonicalJson(actual))) return `The column “${col}” was changed outside Vigie.`;
  }
  return undefined;
}

/**
 * A value whose canonical JSON differs from every other plain value's (strings, finite numbers,
 * booleans, null): two such values compare equal as canonical JSON exactly when they are ===.
 */
function plain(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value each column holds when an insert does not name it (PRAGMA table_info's dflt_value). */
async function columnDefaults(db: Kysely<DB>, table: string): Promise<Map<string, unknown>> {
  // A table read through a view declares its defaults on its store (db/row-store.ts).
  const info = await sql<{ name: string; dflt_value: string | null; notnull: number }>`SELECT name, dflt_value, "notnull" FROM pragma_table_info(${storageTable(table)})`.execute(db);
  const out = new Map<string, unknown>();
  for (const c of info.rows) {
    const d = c.dflt_value;
    if (d === null || /^null$/i.test(d)) {
      if (!c.notnull) out.set(c.name, null);
    } else if (/^'.*'$/s.test(d)) out.set(c.name, d.slice(1, -1).replace(/''/g, "'"));
    else if (/^-?\d+(\.\d+)?$/.test(d)) out.set(c.name, Number(d));
    // Expressions (CURRENT_TIMESTAMP…) are not used by Vigie's tables; such a column is not compared.
  }
  return out;
}

/**
 * The meta rows that matter: the workspace id (what seals are kept under) is the id of the first
 * change-log entry, so it is covered by the chain; the format version must be one this build knows;
 * the creation instant cannot follow the first entry. The device id is checked for shape only: it
 * names the chain this copy writes to, and entries already written carry their own device id.
 */
async function checkMeta(db: Kysely<DB>): Promise<AuditBreak | undefined> {
  const rows = await db.selectFrom('meta').select(['key', 'value']).execute();
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  const ws = meta.get('workspace_id');
  const first = await db.selectFrom('change_log').select(['id', 'at']).orderBy('seq').limit(1).executeTakeFirst();
  // The workspace id is the id of the first entry of the device that created the workspace; a
  // colleague's copy (joined through sync) holds the same entry.
  if (first && ws !== undefined && !(await db.selectFrom('change_log').select('id').where('id', '=', ws).where('device_seq', '=', 1).executeTakeFirst())) {
    return { reason: 'The workspace id in the meta table was changed (it must be the id of the first change-log entry).' };
  }
  const format = meta.get('format_version');
  if (format !== undefined && !KNOWN_FORMAT_VERSIONS.includes(format)) return { reason: `The workspace format version in the meta table was changed (${format}).` };
  const created = meta.get('created_at');
  const joined = meta.get('joined_at') !== undefined;
  if (created !== undefined && (Number.isNaN(Date.parse(created)) || (!joined && first && created > first.at))) return { reason: 'The workspace creation date in the meta table was changed.' };
  const device = meta.get('device_id');
  if (device !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(device)) return { reason: 'The device id in the meta table was changed.' };
  return undefined;
}

/** What a seal records of the workspace now: entry count and newest hash (the genesis hash when empty). */
export async function chainHead(db: Kysely<DB>): Promise<{ entries: number; headHash: string; firstId: string | null }> {
  // From the newest and the oldest row by seq, never count(*) (a scan of the whole log: tens of ms
  // at 300,000 entries, and this runs after every write for the seal). Entries are never deleted
  // and seq is AUTOINCREMENT (a rolled-back transaction rolls its numbers back too), so the newest
  // seq is the number of entries; a log cut short or rewritten still shows in the head hash.
  const head = await db.selectFrom('change_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const first = head ? await db.selectFrom('change_log').select('id').orderBy('seq', 'asc').limit(1).executeTakeFirst() : undefined;
  return { entries: head ? Number(head.seq) : 0, headHash: head?.hash ?? GENESIS_HASH, firstId: first?.id ?? null };
}

/** Whether the log still holds an entry with this hash (looked up at its expected position first). */
export async function chainContains(db: Kysely<DB>, expectedSeq: number, hash: string): Promise<boolean> {
  if (hash === GENESIS_HASH) return true;
  const at = await db.selectFrom('change_log').select('seq').where('seq', '=', expectedSeq).where('hash', '=', hash).executeTakeFirst();
  if (at) return true;
  return Boolean(await db.selectFrom('change_log').select('seq').where('hash', '=', hash).executeTakeFirst());
}

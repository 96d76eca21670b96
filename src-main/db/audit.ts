import { sql, type Kysely } from 'kysely';
import { canonicalJson, GENESIS_HASH, sha256Hex } from './canonical';
import type { DB } from './schema';
import { TABLES, type DomainTable } from './tables';
import { checkCells, hashV3, LOG_FORMAT, rootOf, type LogEntryRow } from './log-format';
import { materialize, replayEntry, type RowReplay } from './replay';
import { contentDigest, entryHashInput, fieldDigest, saltDigest, SCRUBBED_KEY, scrubRecordsOf, type ScrubRecord } from './write';

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
export async function verifyAudit(db: Kysely<DB>): Promise<AuditReport> {
  const entries = (await db.selectFrom('change_log').selectAll().orderBy('seq').execute()) as unknown as Array<LogEntryRow & { seq: number }>;
  const pendingIds = new Set((await db.selectFrom('sync_pending').select('entry_id').execute()).map((r) => r.entry_id));
  const n = entries.length;
  const fail = (firstBroken: AuditBreak): AuditReport => ({ ok: false, entries: n, firstBroken });
  const where = (e: { seq: number; id: string; table_name: string; row_id: string }) => ({ seq: e.seq, entryId: e.id, table: e.table_name, rowId: e.row_id });

  // Pass 1: parse; which format 2 entries a purge scrubbed (the latest purge naming an entry wins);
  // which rows had a purge written before hash format 2; the purges of each row (for format 3).
  const parsed: { fields: Record<string, unknown>; digests: Record<string, unknown> }[] = [];
  const namedBy = new Map<string, { rec: ScrubRecord; purgeSeq: number; purgeSalt: string | null }>();
  const legacyPurgeSeq = new Map<string, number>();
  const purgesOf = new Map<string, Array<{ hlc: string; roots: Set<string> }>>();
  for (const e of entries) {
    try {
      const fields = JSON.parse(e.fields) as unknown;
      const digests = JSON.parse(e.field_digests) as unknown;
      if (!isObject(fields) || !isObject(digests)) throw new Error('not objects');
      parsed.push({ fields, digests });
      if (e.op === 'purge') {
        const records = scrubRecordsOf(digests);
        for (const [id, rec] of Object.entries(records)) {
          if (!isObject(rec) || !isObject(rec.fields)) throw new Error('bad record');
          namedBy.set(id, { rec, purgeSeq: e.seq, purgeSalt: e.salt });
        }
        if (e.format < LOG_FORMAT && !(SCRUBBED_KEY in digests)) legacyPurgeSeq.set(`${e.table_name}\u0000${e.row_id}`, e.seq);
        const key = `${e.table_name}\u0000${e.row_id}`;
        const list = purgesOf.get(key) ?? [];
        list.push({ hlc: e.hlc, roots: new Set(Object.keys(digests).filter((k) => !k.startsWith('@')).map(rootOf)) });
        purgesOf.set(key, list);
      } else if (SCRUBBED_KEY in digests) {
        throw new Error('scrub records outside a purge');
      }
    } catch {
      return fail({ ...where(e), reason: 'The entry holds unreadable or misplaced field data.' });
    }
  }

  // Pass 2: the chains. Entries written before migration 0009 form one chain in `seq` order; from
  // then on each device has its own chain in `device_seq` order, continuing its older entries.
  let lastSeq = 0;
  let legacyPrev = GENESIS_HASH;
  const heads = new Map<string, { seq: number; hash: string }>();
  const byDevice = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    if (e.seq !== lastSeq + 1) return fail({ ...where(e), reason: `Entry ${lastSeq + 1} of the change log is missing.` });
    lastSeq = e.seq;
    if (e.format >= LOG_FORMAT) {
      const list = byDevice.get(e.device_id) ?? [];
      list.push(i);
      byDevice.set(e.device_id, list);
      continue;
    }
    const { fields, digests } = parsed[i]!;
    const at = where(e);
    if (e.prev_hash !== legacyPrev) return fail({ ...at, reason: 'The entry does not link to the one before it (chain broken).' });
    if (!(e.table_name in TABLES)) return fail({ ...at, reason: `The entry names a table this version does not know (${e.table_name}).` });
    const named = namedBy.get(e.id);
    const scrubbedBy = named && named.purgeSeq > e.seq ? named : undefined;
    const hashOk = (version: 1 | 2, salt: string | null) => sha256Hex(entryHashInput(e, version, salt)) === e.hash;
    if (e.salt !== null) {
      if (!hashOk(2, saltDigest(e.salt)) && !hashOk(1, null)) return fail({ ...at, reason: 'The entry was altered after it was written (hash mismatch).' });
    } else if (scrubbedBy) {
      if (!(scrubbedBy.rec.salt !== null && hashOk(2, scrubbedBy.rec.salt)) && !hashOk(1, null)) return fail({ ...at, reason: 'The entry was altered after it was written (hash mismatch).' });
    } else {
      // No purge names this entry. Only a version 1 entry of a row purged before 2026-12-01 may lack its salt.
      const legacy = (legacyPurgeSeq.get(`${e.table_name}\u0000${e.row_id}`) ?? 0) > e.seq && hashOk(1, null);
      if (!legacy) return fail({ ...at, reason: 'The entry’s salt was removed outside a purge, so its values could have been rewritten.' });
    }
    legacyPrev = e.hash;
    const head = heads.get(e.device_id) ?? { seq: 0, hash: GENESIS_HASH };
    if (e.device_seq !== head.seq + 1) return fail({ ...at, reason: `Entry ${head.seq + 1} of device ${e.device_id} is missing.` });
    heads.set(e.device_id, { seq: e.device_seq, hash: e.hash });

    const columnDigests = Object.fromEntries(Object.entries(digests).filter(([k]) => k !== SCRUBBED_KEY));
    const keys = Object.keys(fields).sort();
    if (e.salt !== null) {
      if (canonicalJson(keys) !== canonicalJson(Object.keys(columnDigests).sort())) return fail({ ...at, reason: 'The entry’s changed fields were altered.' });
      for (const k of keys) {
        if (fieldDigest(e.salt, k, fields[k]) !== columnDigests[k]) return fail({ ...at, reason: `The recorded value of “${k}” was altered.` });
      }
    } else if (scrubbedBy) {
      if (scrubbedBy.purgeSalt === null) return fail({ ...at, reason: 'The purge that scrubbed this entry lost its own salt outside a later purge.' });
      const recorded = scrubbedBy.rec.fields;
      if (canonicalJson(keys) !== canonicalJson(Object.keys(recorded).sort())) return fail({ ...at, reason: 'The fields left in this purged entry were altered.' });
      for (const k of keys) {
        if (fieldDigest(scrubbedBy.purgeSalt, k, fields[k]) !== recorded[k]) return fail({ ...at, reason: `The recorded value of “${k}” was altered.` });
      }
      if (keys.some((k) => !(k in columnDigests))) return fail({ ...at, reason: 'The entry’s changed fields were altered.' });
    }
  }
  for (const [device, list] of byDevice) {
    list.sort((a, b) => entries[a]!.device_seq - entries[b]!.device_seq);
    let head = heads.get(device) ?? { seq: 0, hash: GENESIS_HASH };
    for (const i of list) {
      const e = entries[i]!;
      const at = where(e);
      if (e.device_seq !== head.seq + 1) return fail({ ...at, reason: `Entry ${head.seq + 1} of device ${device} is missing.` });
      if (e.prev_hash !== head.hash) return fail({ ...at, reason: 'The entry does not link to the one before it on its device (chain broken).' });
      if (hashV3(e) !== e.hash) return fail({ ...at, reason: 'The entry was altered after it was written (hash mismatch).' });
      if (!pendingIds.has(e.id) && !(e.table_name in TABLES)) return fail({ ...at, reason: `The entry names a table this version does not know (${e.table_name}).` });
      const checked = checkCells(e);
      if (checked.problem) return fail({ ...at, reason: checked.problem });
      if (e.salt === null && checked.missing.length === 0) {
        // A purge that recorded older entries' values loses its salt to a later purge of the row.
        const purges = purgesOf.get(`${e.table_name}\u0000${e.row_id}`) ?? [];
        if (e.op !== 'purge' || !purges.some((p) => p.hlc > e.hlc)) return fail({ ...at, reason: 'The entry’s salt was removed outside a purge, so its values could have been rewritten.' });
      }
      if (checked.missing.length > 0) {
        // A value may be missing only where a later purge of the row overrides it.
        const purges = purgesOf.get(`${e.table_name}\u0000${e.row_id}`) ?? [];
        const uncovered = checked.missing.find((c) => !purges.some((p) => p.hlc > e.hlc && p.roots.has(rootOf(c))));
        if (uncovered) return fail({ ...at, reason: `The recorded value of “${uncovered}” was removed outside a purge.` });
      }
      head = { seq: e.device_seq, hash: e.hash };
    }
  }

  // Pass 3: replay every applied entry (order-independent: per cell, the highest stamp wins) and
  // compare with every row of every logged table.
  const state = new Map<string, RowReplay>();
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    if (pendingIds.has(e.id) || !(e.table_name in TABLES)) continue;
    const key = `${e.table_name}\u0000${e.row_id}`;
    let row = state.get(key);
    if (!row) state.set(key, (row = { cells: new Map(), hlc: '', updatedAt: '' }));
    replayEntry(TABLES[e.table_name as DomainTable], row, e, parsed[i]!.fields);
  }

  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const name of Object.keys(TABLES) as DomainTable[]) {
    const spec = TABLES[name];
    const digestColumns = spec.digestColumns ?? [];
    const defaults = await columnDefaults(db, name);
    const rows = (await anyDb.selectFrom(name).selectAll().execute()) as Record<string, unknown>[];
    const seen = new Set<string>();
    for (const r of rows) {
      const id = String(r.id);
      seen.add(id);
      const replayed = state.get(`${name}\u0000${id}`);
      if (!replayed) return fail({ table: name, rowId: id, reason: 'This row was written outside Vigie (it has no change-log entry).' });
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
        if (canonicalJson(expected) !== canonicalJson(actual)) return fail({ table: name, rowId: id, reason: `The column “${col}” was changed outside Vigie.` });
      }
    }
    for (const key of state.keys()) {
      const [table, rowId] = key.split('\u0000') as [string, string];
      if (table === name && !seen.has(rowId)) return fail({ table, rowId, reason: 'A logged row was removed outside Vigie.' });
    }
  }

  const meta = await checkMeta(db, entries);
  if (meta) return fail(meta);
  return { ok: true, entries: n };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value each column holds when an insert does not name it (PRAGMA table_info's dflt_value). */
async function columnDefaults(db: Kysely<DB>, table: string): Promise<Map<string, unknown>> {
  const info = await sql<{ name: string; dflt_value: string | null; notnull: number }>`SELECT name, dflt_value, "notnull" FROM pragma_table_info(${table})`.execute(db);
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
async function checkMeta(db: Kysely<DB>, entries: ReadonlyArray<{ id: string; at: string; device_seq: number }>): Promise<AuditBreak | undefined> {
  const rows = await db.selectFrom('meta').select(['key', 'value']).execute();
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  const ws = meta.get('workspace_id');
  const first = entries[0];
  // The workspace id is the id of the first entry of the device that created the workspace; a
  // colleague's copy (joined through sync) holds the same entry.
  if (first && ws !== undefined && !entries.some((e) => e.device_seq === 1 && e.id === ws)) return { reason: 'The workspace id in the meta table was changed (it must be the id of the first change-log entry).' };
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
  const r = await db
    .selectFrom('change_log')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.selectFrom('change_log').select('hash').orderBy('seq', 'desc').limit(1).as('head'),
      eb.selectFrom('change_log').select('id').orderBy('seq', 'asc').limit(1).as('first'),
    ])
    .executeTakeFirstOrThrow();
  return { entries: Number(r.n), headHash: (r.head as string | null) ?? GENESIS_HASH, firstId: (r.first as string | null) ?? null };
}

/** Whether the log still holds an entry with this hash (looked up at its expected position first). */
export async function chainContains(db: Kysely<DB>, expectedSeq: number, hash: string): Promise<boolean> {
  if (hash === GENESIS_HASH) return true;
  const at = await db.selectFrom('change_log').select('seq').where('seq', '=', expectedSeq).where('hash', '=', hash).executeTakeFirst();
  if (at) return true;
  return Boolean(await db.selectFrom('change_log').select('seq').where('hash', '=', hash).executeTakeFirst());
}

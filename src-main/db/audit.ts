import { sql, type Kysely } from 'kysely';
import { canonicalJson, GENESIS_HASH, sha256Hex } from './canonical';
import type { DB } from './schema';
import { TABLES, type DomainTable } from './tables';
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
  const entries = await db.selectFrom('change_log').selectAll().orderBy('seq').execute();
  const n = entries.length;
  const fail = (firstBroken: AuditBreak): AuditReport => ({ ok: false, entries: n, firstBroken });

  // Pass 1: which entries a purge scrubbed (the latest purge naming an entry wins), and which rows
  // had a purge written before hash format 2 (those purges named nothing).
  const parsed: { fields: Record<string, unknown>; digests: Record<string, unknown> }[] = [];
  const namedBy = new Map<string, { rec: ScrubRecord; purgeSeq: number; purgeSalt: string | null }>();
  const legacyPurgeSeq = new Map<string, number>();
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
        if (!(SCRUBBED_KEY in digests)) legacyPurgeSeq.set(`${e.table_name}\u0000${e.row_id}`, e.seq);
      } else if (SCRUBBED_KEY in digests) {
        throw new Error('scrub records outside a purge');
      }
    } catch {
      return fail({ seq: e.seq, entryId: e.id, table: e.table_name, rowId: e.row_id, reason: 'The entry holds unreadable or misplaced field data.' });
    }
  }

  let prev = GENESIS_HASH;
  let lastSeq = 0;
  interface Replayed {
    values: Record<string, unknown>;
    createdAt?: string;
    updatedAt: string;
    hlc: string;
  }
  const state = new Map<string, Replayed>();
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    const { fields, digests } = parsed[i]!;
    const at = { seq: e.seq, entryId: e.id, table: e.table_name, rowId: e.row_id };
    if (e.seq !== lastSeq + 1) return fail({ ...at, reason: `Entry ${lastSeq + 1} of the change log is missing.` });
    lastSeq = e.seq;
    if (e.prev_hash !== prev) return fail({ ...at, reason: 'The entry does not link to the one before it (chain broken).' });
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
    prev = e.hash;

    const columnDigests = Object.fromEntries(Object.entries(digests).filter(([k]) => k !== SCRUBBED_KEY));
    const keys = Object.keys(fields).sort();
    if (e.salt !== null) {
      if (canonicalJson(keys) !== canonicalJson(Object.keys(columnDigests).sort())) return fail({ ...at, reason: 'The entry’s changed fields were altered.' });
      for (const k of keys) {
        if (fieldDigest(e.salt, k, fields[k]) !== columnDigests[k]) return fail({ ...at, reason: `The recorded value of “${k}” was altered.` });
      }
    } else if (scrubbedBy) {
      // The values left after the purge are checked against the digests the purge recorded.
      if (scrubbedBy.purgeSalt === null) return fail({ ...at, reason: 'The purge that scrubbed this entry lost its own salt outside a later purge.' });
      const recorded = scrubbedBy.rec.fields;
      if (canonicalJson(keys) !== canonicalJson(Object.keys(recorded).sort())) return fail({ ...at, reason: 'The fields left in this purged entry were altered.' });
      for (const k of keys) {
        if (fieldDigest(scrubbedBy.purgeSalt, k, fields[k]) !== recorded[k]) return fail({ ...at, reason: `The recorded value of “${k}” was altered.` });
      }
      // A purge removes values, never field names from the digests: every remaining key was digested.
      if (keys.some((k) => !(k in columnDigests))) return fail({ ...at, reason: 'The entry’s changed fields were altered.' });
    }

    const key = `${e.table_name}\u0000${e.row_id}`;
    const row = state.get(key);
    if (!row) {
      state.set(key, { values: { ...fields }, createdAt: e.op === 'insert' ? e.at : undefined, updatedAt: e.at, hlc: e.hlc });
    } else {
      if (e.op === 'insert') return fail({ ...at, reason: 'The row is inserted twice in the change log.' });
      // An entry touched by a purge has forgotten the purged values; the later purge entry carries
      // the values the row holds now, so the replay still ends on the row's state.
      Object.assign(row.values, fields);
      row.updatedAt = e.at;
      row.hlc = e.hlc;
    }
  }

  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const name of Object.keys(TABLES) as DomainTable[]) {
    const digestColumns = TABLES[name].digestColumns ?? [];
    const defaults = await columnDefaults(db, name);
    const rows = (await anyDb.selectFrom(name).selectAll().execute()) as Record<string, unknown>[];
    const seen = new Set<string>();
    for (const r of rows) {
      const id = String(r.id);
      seen.add(id);
      const logged = state.get(`${name}\u0000${id}`);
      if (!logged) return fail({ table: name, rowId: id, reason: 'This row was written outside Vigie (it has no change-log entry).' });
      for (const [col, value] of Object.entries(r)) {
        if (col === 'id') continue;
        let expected: unknown;
        if (col === 'created_at') {
          if (logged.createdAt === undefined) continue; // a row that arrived without its insert (none yet: sync will bring them)
          expected = logged.createdAt;
        } else if (col === 'updated_at') expected = logged.updatedAt;
        else if (col === 'hlc') expected = logged.hlc;
        else if (col in logged.values) expected = logged.values[col];
        else if (col === 'deleted_at') expected = null;
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

  const meta = await checkMeta(db, entries[0]);
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
async function checkMeta(db: Kysely<DB>, first: { id: string; at: string } | undefined): Promise<AuditBreak | undefined> {
  const rows = await db.selectFrom('meta').select(['key', 'value']).execute();
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  const ws = meta.get('workspace_id');
  if (first && ws !== undefined && ws !== first.id) return { reason: 'The workspace id in the meta table was changed (it must be the id of the first change-log entry).' };
  const format = meta.get('format_version');
  if (format !== undefined && !KNOWN_FORMAT_VERSIONS.includes(format)) return { reason: `The workspace format version in the meta table was changed (${format}).` };
  const created = meta.get('created_at');
  if (created !== undefined && (Number.isNaN(Date.parse(created)) || (first && created > first.at))) return { reason: 'The workspace creation date in the meta table was changed.' };
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

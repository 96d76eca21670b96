import type { VigieMigration } from './types';

/**
 * 0015 — rights requests and their events stored smaller (issue 11: the workspace file at 100,000
 * cases was 404 MB: `requests` ~114 MB, its task words ~45 MB of it; `request_events` ~68 MB). See
 * db/row-store.ts.
 *
 * The rows move to `requests_store`, which keeps the same columns in a smaller form (db/row-store.ts):
 * `details` coded (`vigie_row_pack`; ANY, since a long text is deflated to a BLOB), `hlc` as an
 * integer and a device number (`hlc_at`, `hlc_device` → `row_devices`), `created_at`/`updated_at`
 * NULL when they are the instant of the row's `hlc`. `requests` becomes a view that gives every
 * row back exactly as written, writable through INSTEAD OF triggers that store the same forms and
 * refuse what the table refused; `requests_rows` is the same view
 * with the store's rowid (`__vigie_rowid`) for readers that walk rows in insertion order. Rowids
 * carry over. The logical table — its name, columns and values as every reader and every sync peer
 * sees them — is unchanged: this is a storage change, not a schema change of a synced table.
 * `request_events` moves the same way to `request_events_store` (its `summary` coded: Vigie's
 * own timeline sentences as their number).
 *
 * The cases' events and attachments keep their foreign key: the old table is dropped with the
 * constraints deferred (the children wait for their parent within the transaction), the new one is
 * created under the name they reference and filled, and the rename carries their references over
 * to `requests_store` (SQLite rewrites foreign keys on rename).
 *
 * Indexes, each read by a query (EXPLAIN QUERY PLAN in db/row-store.test.ts):
 * - kept: `requests_reference` (a case by reference), `requests_response` (retention: cases answered
 *   before a day), `request_events_request` on the case alone (a case's events are a handful: their
 *   order by day is sorted, not read from the index);
 * - `requests_live` (deleted_at, response_sent_on, received_on) becomes `requests_trash`, partial
 *   on the trashed rows: the live list reads every case anyway (a scan is faster than the index plus a
 *   lookup per row), and the trash reads only the trashed ones;
 * - dropped, read by no query: `requests_reference_number` (the reference allocation reads
 *   `ref_counters` since 0009) and `request_index_open` (every read of the stored deadlines names
 *   its index, 0012–0013).
 * The file is compacted after the upgrade (`compactAfter`).
 */
/** The instant of an hlc text, as the log's view reads it (db/log-store.ts). */
const INSTANT = (hlc: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(${hlc}, 1, 13) AS INTEGER) / 1000.0, 'unixepoch')`;
/** An hlc text in its usual form: 13 digits, 4 lowercase hex digits, a device (formatHlc). */
const CANONICAL = (h: string) => `${h} GLOB '${'[0-9]'.repeat(13)}-${'[0-9a-f]'.repeat(4)}-?*'`;
const HEX = (h: string, i: number) => `(instr('0123456789abcdef', substr(${h}, ${i}, 1)) - 1)`;
/** Milliseconds × 65536 + counter of a canonical hlc text. */
const HLC_AT = (h: string) => `CAST(substr(${h}, 1, 13) AS INTEGER) * 65536 + ${HEX(h, 15)} * 4096 + ${HEX(h, 16)} * 256 + ${HEX(h, 17)} * 16 + ${HEX(h, 18)}`;
const DEVICE_OF = (h: string) => `(SELECT n FROM row_devices WHERE device = substr(${h}, 20))`;
/** The stored columns (hlc, hlc_at, hlc_device) of an hlc text. */
const HLC_STORED = (h: string) => [`CASE WHEN ${CANONICAL(h)} THEN NULL ELSE ${h} END`, `CASE WHEN ${CANONICAL(h)} THEN ${HLC_AT(h)} END`, `CASE WHEN ${CANONICAL(h)} THEN ${DEVICE_OF(h)} END`];
/** The hlc text of a stored row `s` (its device in `d`), and its instant. */
const HLC_READ = `coalesce(s.hlc, printf('%013d-%04x-', s.hlc_at >> 16, s.hlc_at & 65535) || d.device)`;
const INSTANT_READ = `CASE WHEN s.hlc IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', (s.hlc_at >> 16) / 1000.0, 'unixepoch') ELSE ${INSTANT('s.hlc')} END`;
const STAMP = (col: string, hlc: string) => `CASE WHEN ${col} = ${INSTANT(hlc)} THEN NULL ELSE ${col} END`;
/** What a STRICT TEXT column stores of a value: a number as its text (SQLite's conversion), anything else as given. */
const AS_TEXT = (v: string) => `CASE WHEN typeof(${v}) IN ('integer', 'real') THEN CAST(${v} AS TEXT) ELSE ${v} END`;
const ADD_DEVICE = (h: string) => `INSERT INTO row_devices (device) SELECT substr(${h}, 20) WHERE ${CANONICAL(h)} AND NOT EXISTS (SELECT 1 FROM row_devices WHERE device = substr(${h}, 20));`;

/** The store's columns that replace `hlc`. */
const HLC_COLUMNS = `hlc TEXT,
       hlc_at INTEGER,
       hlc_device INTEGER,`;
const HLC_CHECK = `CHECK (hlc IS NOT NULL OR (hlc_at IS NOT NULL AND hlc_device IS NOT NULL))`;

/**
 * The view, its rows view and its triggers over `<table>_store` (created before): `plain` columns
 * stored as they are, `packed` ones coded, `hlc` and the stamps as above. `columns` is the table's
 * column order.
 */
function storedView(table: string, columns: string[], packed: string[]): string[] {
  const store = `${table}_store`;
  const read = (c: string) => {
    if (c === 'created_at' || c === 'updated_at') return `coalesce(s.${c}, ${INSTANT_READ}) AS ${c}`;
    if (c === 'hlc') return `${HLC_READ} AS hlc`;
    if (packed.includes(c)) return `CASE WHEN typeof(s.${c}) = 'blob' OR s.${c} < ' ' THEN vigie_row_text(s.${c}) ELSE s.${c} END AS ${c}`;
    return `s.${c}`;
  };
  const write = (c: string) => (packed.includes(c) ? `vigie_row_pack(${AS_TEXT(`NEW.${c}`)})` : `NEW.${c}`);
  const stampsNotNull = ['created_at', 'updated_at'].map((c) => `SELECT RAISE(ABORT, 'NOT NULL constraint failed: ${table}.${c}') WHERE NEW.${c} IS NULL;`).join(' ');
  const rest = columns.filter((c) => !['id', 'created_at', 'updated_at', 'hlc'].includes(c));
  return [
    `CREATE VIEW ${table}_rows AS SELECT s.rowid AS __vigie_rowid, ${columns.map(read).join(', ')} FROM ${store} s LEFT JOIN row_devices d ON d.n = s.hlc_device`,
    `CREATE VIEW ${table} AS SELECT ${columns.join(', ')} FROM ${table}_rows`,
    `CREATE TRIGGER ${table}_insert INSTEAD OF INSERT ON ${table} BEGIN
       ${stampsNotNull}
       SELECT RAISE(ABORT, 'NOT NULL constraint failed: ${table}.hlc') WHERE NEW.hlc IS NULL;
       ${ADD_DEVICE('NEW.hlc')}
       INSERT INTO ${store} (id, created_at, updated_at, hlc, hlc_at, hlc_device, ${rest.join(', ')}) VALUES (NEW.id, ${STAMP('NEW.created_at', 'NEW.hlc')}, ${STAMP('NEW.updated_at', 'NEW.hlc')}, ${HLC_STORED('NEW.hlc').join(', ')}, ${rest.map(write).join(', ')});
     END`,
    `CREATE TRIGGER ${table}_update INSTEAD OF UPDATE ON ${table} BEGIN
       ${stampsNotNull}
       SELECT RAISE(ABORT, 'NOT NULL constraint failed: ${table}.hlc') WHERE NEW.hlc IS NULL;
       ${ADD_DEVICE('NEW.hlc')}
       UPDATE ${store} SET id = NEW.id, created_at = ${STAMP('NEW.created_at', 'NEW.hlc')}, updated_at = ${STAMP('NEW.updated_at', 'NEW.hlc')}, (hlc, hlc_at, hlc_device) = (SELECT ${HLC_STORED('NEW.hlc').join(', ')}), ${rest.map((c) => (packed.includes(c) ? `${c} = CASE WHEN NEW.${c} IS OLD.${c} THEN ${c} ELSE ${write(c)} END` : `${c} = NEW.${c}`)).join(', ')} WHERE id = OLD.id;
     END`,
    `CREATE TRIGGER ${table}_delete INSTEAD OF DELETE ON ${table} BEGIN
       DELETE FROM ${store} WHERE id = OLD.id;
     END`,
  ];
}

const REQUEST_COLUMNS = ['id', 'created_at', 'updated_at', 'deleted_at', 'hlc', 'reference', 'requester_name', 'rights', 'channel', 'received_on', 'jurisdiction', 'extended_on', 'response_sent_on', 'outcome', 'details'];
const EVENT_COLUMNS = ['id', 'created_at', 'updated_at', 'deleted_at', 'hlc', 'request_id', 'occurred_on', 'kind', 'direction', 'summary', 'attachment_id'];
/** The copy of an existing row (table alias `o`) into its store, in the forms the triggers store. */
const COPY = (columns: string[], packed: string[]) => {
  const rest = columns.filter((c) => !['id', 'created_at', 'updated_at', 'hlc'].includes(c));
  return {
    into: `id, created_at, updated_at, hlc, hlc_at, hlc_device, ${rest.join(', ')}`,
    select: `o.id, ${STAMP('o.created_at', 'o.hlc')}, ${STAMP('o.updated_at', 'o.hlc')}, ${HLC_STORED('o.hlc').join(', ')}, ${rest.map((c) => (packed.includes(c) ? `vigie_row_pack(o.${c})` : `o.${c}`)).join(', ')}`,
  };
};
const REQUEST_COPY = COPY(REQUEST_COLUMNS, ['details']);
const EVENT_COPY = COPY(EVENT_COLUMNS, ['summary']);

export const m0015: VigieMigration = {
  name: '0015_request_store',
  compactAfter: true,
  statements: [
    `PRAGMA defer_foreign_keys = ON`,
    // The devices whose stamps the stores hold by number (local: never logged nor synced).
    `CREATE TABLE row_devices (n INTEGER PRIMARY KEY, device TEXT NOT NULL UNIQUE) STRICT`,
    `INSERT INTO row_devices (device) SELECT DISTINCT substr(hlc, 20) FROM (SELECT hlc FROM requests UNION ALL SELECT hlc FROM request_events) WHERE ${CANONICAL('hlc')} ORDER BY 1`,
    // The cases.
    `CREATE TABLE requests_0015 AS SELECT rowid AS old_rowid, * FROM requests`,
    `DROP TABLE requests`,
    `CREATE TABLE requests (
       id TEXT PRIMARY KEY NOT NULL,
       created_at TEXT,
       updated_at TEXT,
       deleted_at TEXT,
       ${HLC_COLUMNS}
       reference TEXT NOT NULL,
       requester_name TEXT NOT NULL,
       rights TEXT NOT NULL DEFAULT '[]',
       channel TEXT NOT NULL CHECK (channel IN ('email','letter','web','phone','in-person')),
       received_on TEXT NOT NULL,
       jurisdiction TEXT,
       extended_on TEXT,
       response_sent_on TEXT,
       outcome TEXT CHECK (outcome IS NULL OR outcome IN ('fulfilled','partly','refused','no-data')),
       details ANY NOT NULL DEFAULT '{}',
       ${HLC_CHECK}
       ) STRICT`,
    `INSERT INTO requests (rowid, ${REQUEST_COPY.into}) SELECT o.old_rowid, ${REQUEST_COPY.select} FROM requests_0015 o ORDER BY o.old_rowid`,
    `DROP TABLE requests_0015`,
    `ALTER TABLE requests RENAME TO requests_store`,
    `CREATE INDEX requests_reference ON requests_store (reference)`,
    `CREATE INDEX requests_response ON requests_store (response_sent_on)`,
    `CREATE INDEX requests_trash ON requests_store (deleted_at) WHERE deleted_at IS NOT NULL`,
    ...storedView('requests', REQUEST_COLUMNS, ['details']),
    // Their events (no table refers to them).
    `CREATE TABLE request_events_store (
       id TEXT PRIMARY KEY NOT NULL,
       created_at TEXT,
       updated_at TEXT,
       deleted_at TEXT,
       ${HLC_COLUMNS}
       request_id TEXT NOT NULL REFERENCES requests_store (id),
       occurred_on TEXT NOT NULL,
       kind TEXT NOT NULL,
       direction TEXT NOT NULL CHECK (direction IN ('in','out','internal')),
       summary ANY NOT NULL DEFAULT '',
       attachment_id TEXT,
       ${HLC_CHECK}
       ) STRICT`,
    `INSERT INTO request_events_store (rowid, ${EVENT_COPY.into}) SELECT o.rowid, ${EVENT_COPY.select} FROM request_events o ORDER BY o.rowid`,
    `DROP TABLE request_events`,
    `CREATE INDEX request_events_request ON request_events_store (request_id)`,
    ...storedView('request_events', EVENT_COLUMNS, ['summary']),
    `DROP INDEX request_index_open`,
  ],
};

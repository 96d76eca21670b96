import type { VigieMigration } from './types';

/**
 * 0015 — rights requests and their events stored smaller (issue 11: the workspace file at 100,000
 * cases was 404 MB: `requests` ~114 MB, its task words ~45 MB of it; `request_events` ~68 MB). See
 * db/row-store.ts.
 *
 * The rows move to `requests_store`, which keeps the same columns in a smaller form: `details`
 * coded with the change log's lossless codec (`vigie_row_pack`; ANY, since a long text is deflated
 * to a BLOB), `created_at`/`updated_at` NULL when they are the instant of the row's `hlc`. `requests`
 * becomes a view that gives every row back exactly as written, writable through INSTEAD OF triggers
 * that store the same forms and refuse what the table refused; `requests_rows` is the same view
 * with the store's rowid (`__vigie_rowid`) for readers that walk rows in insertion order. Rowids
 * carry over. The logical table — its name, columns and values as every reader and every sync peer
 * sees them — is unchanged: this is a storage change, not a schema change of a synced table.
 * `request_events` moves the same way to `request_events_store` (its stamps only; its texts are
 * short).
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
const INSTANT = (hlc: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(${hlc}, 1, 13) AS INTEGER) / 1000.0, 'unixepoch')`;
const STAMP = (col: string, hlc: string) => `CASE WHEN ${col} = ${INSTANT(hlc)} THEN NULL ELSE ${col} END`;
/** What a STRICT TEXT column stores of a value: a number as its text (SQLite's conversion), anything else as given. */
const AS_TEXT = (v: string) => `CASE WHEN typeof(${v}) IN ('integer', 'real') THEN CAST(${v} AS TEXT) ELSE ${v} END`;

/**
 * The view, its rows view and its triggers over `<table>_store` (created before): `plain` columns
 * stored as they are, `packed` ones coded, `created_at`/`updated_at` left out when they are the
 * hlc's instant.
 */
function storedView(table: string, plain: string[], packed: string[]): string[] {
  const store = `${table}_store`;
  const cols = ['id', 'created_at', 'updated_at', ...plain, ...packed];
  const read = (c: string) => `CASE WHEN typeof(${c}) = 'blob' OR ${c} < ' ' THEN vigie_row_text(${c}) ELSE ${c} END AS ${c}`;
  const stamps = (c: string) => `SELECT RAISE(ABORT, 'NOT NULL constraint failed: ${table}.${c}') WHERE NEW.${c} IS NULL;`;
  return [
    `CREATE VIEW ${table}_rows AS SELECT rowid AS __vigie_rowid, id, coalesce(created_at, ${INSTANT('hlc')}) AS created_at, coalesce(updated_at, ${INSTANT('hlc')}) AS updated_at, ${[...plain, ...packed.map(read)].join(', ')} FROM ${store}`,
    `CREATE VIEW ${table} AS SELECT ${cols.join(', ')} FROM ${table}_rows`,
    `CREATE TRIGGER ${table}_insert INSTEAD OF INSERT ON ${table} BEGIN
       ${stamps('created_at')} ${stamps('updated_at')}
       INSERT INTO ${store} (${cols.join(', ')}) VALUES (NEW.id, ${STAMP('NEW.created_at', 'NEW.hlc')}, ${STAMP('NEW.updated_at', 'NEW.hlc')}, ${[...plain.map((c) => `NEW.${c}`), ...packed.map((c) => `vigie_row_pack(${AS_TEXT(`NEW.${c}`)})`)].join(', ')});
     END`,
    `CREATE TRIGGER ${table}_update INSTEAD OF UPDATE ON ${table} BEGIN
       ${stamps('created_at')} ${stamps('updated_at')}
       UPDATE ${store} SET id = NEW.id, created_at = ${STAMP('NEW.created_at', 'NEW.hlc')}, updated_at = ${STAMP('NEW.updated_at', 'NEW.hlc')}, ${[...plain.map((c) => `${c} = NEW.${c}`), ...packed.map((c) => `${c} = CASE WHEN NEW.${c} IS OLD.${c} THEN ${c} ELSE vigie_row_pack(${AS_TEXT(`NEW.${c}`)}) END`)].join(', ')} WHERE id = OLD.id;
     END`,
    `CREATE TRIGGER ${table}_delete INSTEAD OF DELETE ON ${table} BEGIN
       DELETE FROM ${store} WHERE id = OLD.id;
     END`,
  ];
}

const REQUEST_PLAIN = ['deleted_at', 'hlc', 'reference', 'requester_name', 'rights', 'channel', 'received_on', 'jurisdiction', 'extended_on', 'response_sent_on', 'outcome'];
const REQUEST_COLUMNS = ['id', 'created_at', 'updated_at', ...REQUEST_PLAIN, 'details'].join(', ');
const EVENT_PLAIN = ['deleted_at', 'hlc', 'request_id', 'occurred_on', 'kind', 'direction', 'summary', 'attachment_id'];
const EVENT_COLUMNS = ['id', 'created_at', 'updated_at', ...EVENT_PLAIN].join(', ');

export const m0015: VigieMigration = {
  name: '0015_request_store',
  compactAfter: true,
  statements: [
    `PRAGMA defer_foreign_keys = ON`,
    // The cases.
    `CREATE TABLE requests_0015 AS SELECT rowid AS old_rowid, * FROM requests`,
    `DROP TABLE requests`,
    `CREATE TABLE requests (
       id TEXT PRIMARY KEY NOT NULL,
       created_at TEXT,
       updated_at TEXT,
       deleted_at TEXT,
       hlc TEXT NOT NULL,
       reference TEXT NOT NULL,
       requester_name TEXT NOT NULL,
       rights TEXT NOT NULL DEFAULT '[]',
       channel TEXT NOT NULL CHECK (channel IN ('email','letter','web','phone','in-person')),
       received_on TEXT NOT NULL,
       jurisdiction TEXT,
       extended_on TEXT,
       response_sent_on TEXT,
       outcome TEXT CHECK (outcome IS NULL OR outcome IN ('fulfilled','partly','refused','no-data')),
       details ANY NOT NULL DEFAULT '{}'
       ) STRICT`,
    `INSERT INTO requests (rowid, ${REQUEST_COLUMNS}) SELECT old_rowid, id, ${STAMP('created_at', 'hlc')}, ${STAMP('updated_at', 'hlc')}, ${REQUEST_PLAIN.join(', ')}, vigie_row_pack(details) FROM requests_0015 ORDER BY old_rowid`,
    `DROP TABLE requests_0015`,
    `ALTER TABLE requests RENAME TO requests_store`,
    `CREATE INDEX requests_reference ON requests_store (reference)`,
    `CREATE INDEX requests_response ON requests_store (response_sent_on)`,
    `CREATE INDEX requests_trash ON requests_store (deleted_at) WHERE deleted_at IS NOT NULL`,
    ...storedView('requests', REQUEST_PLAIN, ['details']),
    // Their events (no table refers to them).
    `CREATE TABLE request_events_store (
       id TEXT PRIMARY KEY NOT NULL,
       created_at TEXT,
       updated_at TEXT,
       deleted_at TEXT,
       hlc TEXT NOT NULL,
       request_id TEXT NOT NULL REFERENCES requests_store (id),
       occurred_on TEXT NOT NULL,
       kind TEXT NOT NULL,
       direction TEXT NOT NULL CHECK (direction IN ('in','out','internal')),
       summary TEXT NOT NULL DEFAULT '',
       attachment_id TEXT
       ) STRICT`,
    `INSERT INTO request_events_store (rowid, ${EVENT_COLUMNS}) SELECT rowid, id, ${STAMP('created_at', 'hlc')}, ${STAMP('updated_at', 'hlc')}, ${EVENT_PLAIN.join(', ')} FROM request_events ORDER BY rowid`,
    `DROP TABLE request_events`,
    `CREATE INDEX request_events_request ON request_events_store (request_id)`,
    ...storedView('request_events', EVENT_PLAIN, []),
    `DROP INDEX request_index_open`,
  ],
};

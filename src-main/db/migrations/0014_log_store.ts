import type { VigieMigration } from './types';

/**
 * 0014 — a smaller change log (issue 11: the workspace file at 100,000 cases was 613 MB, the log
 * ~350 MB of it). The entries move to `change_log_store`, which keeps the same columns in a smaller
 * form, and `change_log` becomes a view that shows each entry exactly as it was written (see
 * db/log-store.ts): every reader, the hash chain, `audit verify` and sync bundles are unchanged.
 * - `fields`: its canonical text with the frozen phrases of db/log-phrases.ts replaced by
 *   two-character tokens (TEXT starting with U+001F), or for a long value its deflated bytes (BLOB),
 *   whichever is smallest and only when it reads back as the very text (`vigie_log_pack`);
 * - `hash`, `prev_hash`, `salt`: their bytes when they are lowercase hex of 64 / 64 / 32 digits;
 * - `device_id` and `at`: NULL when they equal what the entry's `hlc` says (its device, after the
 *   second '-'; its wall-clock milliseconds as an ISO instant), decided by SQLite with the very
 *   expression the view uses to give them back, so the text read is always the text written;
 * - no index on `hlc` alone (20 MB at 100,000 cases): every query on `hlc` is per row
 *   (`change_log_row`), and the newest stamp is read from each device's newest entry
 *   (db/remote.ts `newestStamp`); the device index is on the device the view shows.
 * The INSTEAD OF triggers keep the view writable in the same forms (values as TEXT: they need no
 * function, so a connection without Vigie's functions can still write); the write path inserts into
 * the store directly. `seq` numbers and the AUTOINCREMENT sequence carry over unchanged. The file is
 * compacted after the upgrade (`compactAfter`).
 */
export const m0014: VigieMigration = {
  name: '0014_log_store',
  // The old table's pages (most of the file) are freed: compacted once the upgrade commits.
  compactAfter: true,
  statements: [
    `CREATE TABLE change_log_store (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL UNIQUE,
       table_name TEXT NOT NULL,
       row_id TEXT NOT NULL,
       op TEXT NOT NULL CHECK (op IN ('insert','update','delete','restore','purge')),
       fields ANY NOT NULL,
       field_digests TEXT NOT NULL,
       salt ANY,
       hlc TEXT NOT NULL,
       device_id TEXT,
       actor TEXT NOT NULL,
       at TEXT,
       reason TEXT,
       prev_hash ANY NOT NULL,
       hash ANY NOT NULL,
       device_seq INTEGER,
       tx_id TEXT,
       schema_version INTEGER NOT NULL DEFAULT 0,
       format INTEGER NOT NULL DEFAULT 2,
       cell_salts TEXT
       ) STRICT`,
    `INSERT INTO change_log_store (seq, id, table_name, row_id, op, fields, field_digests, salt, hlc, device_id, actor, at, reason, prev_hash, hash, device_seq, tx_id, schema_version, format, cell_salts) SELECT seq, id, table_name, row_id, op, vigie_log_pack(fields), field_digests, CASE WHEN typeof(salt) = 'text' AND length(salt) = 32 AND salt NOT GLOB '*[^0-9a-f]*' THEN unhex(salt) ELSE salt END, hlc, CASE WHEN device_id = substr(hlc, 15 + instr(substr(hlc, 15), '-')) THEN NULL ELSE device_id END, actor, CASE WHEN at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE at END, reason, CASE WHEN typeof(prev_hash) = 'text' AND length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(prev_hash) ELSE prev_hash END, CASE WHEN typeof(hash) = 'text' AND length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*' THEN unhex(hash) ELSE hash END, device_seq, tx_id, schema_version, format, cell_salts FROM change_log ORDER BY seq`,
    `UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT o.seq FROM sqlite_sequence o WHERE o.name = 'change_log'), 0)) WHERE name = 'change_log_store'`,
    `DROP TABLE change_log`,
    `CREATE UNIQUE INDEX change_log_device ON change_log_store (coalesce(device_id, substr(hlc, 15 + instr(substr(hlc, 15), '-'))), device_seq)`,
    `CREATE INDEX change_log_row ON change_log_store (table_name, row_id, seq)`,
    `CREATE VIEW change_log AS SELECT seq, id, table_name, row_id, op, CASE WHEN typeof(fields) = 'blob' OR fields < ' ' THEN vigie_log_fields(fields) ELSE fields END AS fields, field_digests, CASE WHEN typeof(salt) = 'blob' THEN lower(hex(salt)) ELSE salt END AS salt, hlc, coalesce(device_id, substr(hlc, 15 + instr(substr(hlc, 15), '-'))) AS device_id, actor, coalesce(at, strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch')) AS at, reason, CASE WHEN typeof(prev_hash) = 'blob' THEN lower(hex(prev_hash)) ELSE prev_hash END AS prev_hash, CASE WHEN typeof(hash) = 'blob' THEN lower(hex(hash)) ELSE hash END AS hash, device_seq, tx_id, schema_version, format, cell_salts FROM change_log_store`,
    `CREATE TRIGGER change_log_insert INSTEAD OF INSERT ON change_log BEGIN
       INSERT INTO change_log_store (seq, id, table_name, row_id, op, fields, field_digests, salt, hlc, device_id, actor, at, reason, prev_hash, hash, device_seq, tx_id, schema_version, format, cell_salts) VALUES (NEW.seq, NEW.id, NEW.table_name, NEW.row_id, NEW.op, NEW.fields, NEW.field_digests, CASE WHEN typeof(NEW.salt) = 'text' AND length(NEW.salt) = 32 AND NEW.salt NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.salt) ELSE NEW.salt END, NEW.hlc, CASE WHEN NEW.device_id = substr(NEW.hlc, 15 + instr(substr(NEW.hlc, 15), '-')) THEN NULL ELSE NEW.device_id END, NEW.actor, CASE WHEN NEW.at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.at END, NEW.reason, CASE WHEN typeof(NEW.prev_hash) = 'text' AND length(NEW.prev_hash) = 64 AND NEW.prev_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.prev_hash) ELSE NEW.prev_hash END, CASE WHEN typeof(NEW.hash) = 'text' AND length(NEW.hash) = 64 AND NEW.hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.hash) ELSE NEW.hash END, NEW.device_seq, NEW.tx_id, coalesce(NEW.schema_version, 0), coalesce(NEW.format, 2), NEW.cell_salts);
     END`,
    `CREATE TRIGGER change_log_update INSTEAD OF UPDATE ON change_log BEGIN
       UPDATE change_log_store SET seq = NEW.seq, id = NEW.id, table_name = NEW.table_name, row_id = NEW.row_id, op = NEW.op, fields = NEW.fields, field_digests = NEW.field_digests, salt = CASE WHEN typeof(NEW.salt) = 'text' AND length(NEW.salt) = 32 AND NEW.salt NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.salt) ELSE NEW.salt END, hlc = NEW.hlc, device_id = CASE WHEN NEW.device_id = substr(NEW.hlc, 15 + instr(substr(NEW.hlc, 15), '-')) THEN NULL ELSE NEW.device_id END, actor = NEW.actor, at = CASE WHEN NEW.at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.at END, reason = NEW.reason, prev_hash = CASE WHEN typeof(NEW.prev_hash) = 'text' AND length(NEW.prev_hash) = 64 AND NEW.prev_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.prev_hash) ELSE NEW.prev_hash END, hash = CASE WHEN typeof(NEW.hash) = 'text' AND length(NEW.hash) = 64 AND NEW.hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.hash) ELSE NEW.hash END, device_seq = NEW.device_seq, tx_id = NEW.tx_id, schema_version = NEW.schema_version, format = NEW.format, cell_salts = NEW.cell_salts WHERE seq = OLD.seq;
     END`,
    `CREATE TRIGGER change_log_delete INSTEAD OF DELETE ON change_log BEGIN
       DELETE FROM change_log_store WHERE seq = OLD.seq;
     END`,
  ],
};

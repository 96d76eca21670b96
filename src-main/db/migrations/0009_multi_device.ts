import type { VigieMigration } from './types';

/**
 * 0009 — the change log made multi-device (sync issue 10, with the write path of performance issue 11).
 *
 * - Per-device chains: every entry carries `device_id` + `device_seq` (1, 2, 3… per device), the
 *   transaction it belongs to (`tx_id`), the schema version that wrote it and its `format`
 *   (2 = written before this migration, one global chain in `seq` order; 3 = per-device chain,
 *   `prev_hash` links to the previous entry of the same device). Existing entries keep their hashes:
 *   they get their device_seq in `seq` order and `tx_id` = their own id.
 * - `cell_salts`: a format 3 entry scrubbed by a purge keeps, for the cells it still holds, the
 *   per-cell salt (derived from its forgotten salt) so those values stay verifiable.
 * - `cell_clock`: the winning stamp of every cell (a column, or one top-level key of a JSON object
 *   column written `details.identity`; `*` = the row's insert) so an older remote value never
 *   overwrites a newer one whatever order files arrive in. Filled here from the existing log.
 * - `sync_members` is synced (a domain table written through the write path); `device_keys`,
 *   `sync_pending`, `sync_conflicts`, `sync_files` and `ref_counters` are
 *   local to each device (never logged, never synced).
 *
 * Migrations on synced tables are additive only from here on (see ARCHITECTURE.md): a peer on an
 * older version keeps entries naming unknown tables/columns in `sync_pending` until it upgrades.
 */
export const m0009: VigieMigration = {
  name: '0009_multi_device',
  statements: [
    `ALTER TABLE change_log ADD COLUMN device_seq INTEGER`,
    `ALTER TABLE change_log ADD COLUMN tx_id TEXT`,
    `ALTER TABLE change_log ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE change_log ADD COLUMN format INTEGER NOT NULL DEFAULT 2`,
    `ALTER TABLE change_log ADD COLUMN cell_salts TEXT`,
    `UPDATE change_log SET device_seq = r.n, tx_id = change_log.id
       FROM (SELECT seq, row_number() OVER (PARTITION BY device_id ORDER BY seq) AS n FROM change_log) AS r
      WHERE r.seq = change_log.seq`,
    `CREATE UNIQUE INDEX change_log_device ON change_log (device_id, device_seq)`,
    `CREATE TABLE cell_clock (
      table_name TEXT NOT NULL,
      row_id TEXT NOT NULL,
      cell TEXT NOT NULL,
      hlc TEXT NOT NULL,
      PRIMARY KEY (table_name, row_id, cell)
    ) STRICT`,
    `INSERT INTO cell_clock (table_name, row_id, cell, hlc)
       SELECT c.table_name, c.row_id, j.key, MAX(c.hlc) FROM change_log c, json_each(c.fields) j GROUP BY c.table_name, c.row_id, j.key`,
    `INSERT OR REPLACE INTO cell_clock (table_name, row_id, cell, hlc)
       SELECT table_name, row_id, '*', MIN(hlc) FROM change_log WHERE op = 'insert' GROUP BY table_name, row_id`,
    `CREATE TABLE sync_members (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      name TEXT NOT NULL,
      age_recipient TEXT NOT NULL,
      signing_public_key TEXT NOT NULL,
      member_code TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','removed')),
      joined_epoch INTEGER NOT NULL DEFAULT 1,
      removed_epoch INTEGER,
      approved_by TEXT NOT NULL DEFAULT ''
    ) STRICT`,
    `CREATE TABLE device_keys (device_id TEXT PRIMARY KEY NOT NULL, keys TEXT NOT NULL, created_at TEXT NOT NULL) STRICT`,
    `CREATE TABLE sync_pending (
      entry_id TEXT PRIMARY KEY NOT NULL,
      reason TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE sync_conflicts (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('value','edited-while-deleted')),
      table_name TEXT NOT NULL,
      row_id TEXT NOT NULL,
      cell TEXT NOT NULL,
      kept_value TEXT,
      kept_hlc TEXT NOT NULL,
      kept_entry TEXT NOT NULL,
      lost_value TEXT,
      lost_hlc TEXT NOT NULL,
      lost_entry TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      resolved_at TEXT,
      resolution TEXT
    ) STRICT`,
    `CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, table_name, row_id)`,
    `CREATE TABLE sync_files (
      name TEXT PRIMARY KEY NOT NULL,
      sha256 TEXT NOT NULL,
      status TEXT NOT NULL,
      reason TEXT,
      at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX activities_reference ON activities (reference)`,
    `CREATE TABLE ref_counters (
      kind TEXT NOT NULL,
      year INTEGER NOT NULL,
      code TEXT NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (kind, year, code)
    ) STRICT`,
  ],
};

import type { VigieMigration } from './types';

/**
 * 0001 — foundation: workspace metadata, change log with its hash chain, organisation profile.
 * Append-only: never edit a migration that has shipped; add a new one. Its statements are hashed
 * into `vigie_migration_hashes`, so an edit makes every existing workspace refuse to open.
 */
export const m0001: VigieMigration = {
  name: '0001_foundation',
  statements: [
    `CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT`,
    `CREATE TABLE change_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      table_name TEXT NOT NULL,
      row_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert','update','delete','restore','purge')),
      fields TEXT NOT NULL,
      field_digests TEXT NOT NULL,
      salt TEXT,
      hlc TEXT NOT NULL,
      device_id TEXT NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL,
      reason TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX change_log_row ON change_log (table_name, row_id, seq)`,
    `CREATE INDEX change_log_hlc ON change_log (hlc)`,
    `CREATE TABLE org_profile (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      controller_name TEXT NOT NULL DEFAULT '',
      legal_form TEXT NOT NULL DEFAULT '',
      siren TEXT NOT NULL DEFAULT '',
      address TEXT NOT NULL DEFAULT '',
      postcode TEXT NOT NULL DEFAULT '',
      city TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL DEFAULT 'FR',
      phone TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      legal_rep_name TEXT NOT NULL DEFAULT '',
      legal_rep_title TEXT NOT NULL DEFAULT '',
      dpo_name TEXT NOT NULL DEFAULT '',
      dpo_company TEXT NOT NULL DEFAULT '',
      dpo_email TEXT NOT NULL DEFAULT '',
      dpo_phone TEXT NOT NULL DEFAULT '',
      representative TEXT NOT NULL DEFAULT '',
      sector TEXT NOT NULL DEFAULT '',
      headcount INTEGER,
      jurisdiction TEXT NOT NULL DEFAULT 'FR',
      time_zone TEXT NOT NULL DEFAULT 'Europe/Paris',
      language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr','en')),
      breach_notification_hours INTEGER NOT NULL DEFAULT 72
    ) STRICT`,
  ],
};

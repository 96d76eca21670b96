import type { VigieMigration } from './types';

/**
 * 0006 — storage limitation practised by Vigie (issue 16): the DPO's choices on the retention rules
 * of Vigie's own records (reference data in resources/reference/retention-rules.json), litigation
 * holds that postpone a purge, evidence of purges performed in business systems (the register's
 * retention calendar), internal response targets of rights requests, and the purpose of a request
 * attachment (an identity document is deleted as soon as the check is recorded).
 * Additive only: new tables and one nullable column.
 */
export const m0006: VigieMigration = {
  name: '0006_retention',
  statements: [
    `CREATE TABLE retention_settings (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      period_value INTEGER NOT NULL,
      period_unit TEXT NOT NULL CHECK (period_unit IN ('days','months','years')),
      reason TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX retention_settings_rule ON retention_settings (rule_id)`,
    `CREATE TABLE retention_holds (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      table_name TEXT NOT NULL,
      row_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      placed_on TEXT NOT NULL,
      released_on TEXT
    ) STRICT`,
    `CREATE INDEX retention_holds_row ON retention_holds (table_name, row_id)`,
    `CREATE TABLE register_purges (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      category_id TEXT NOT NULL,
      performed_on TEXT NOT NULL,
      performed_by TEXT NOT NULL,
      system TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT ''
    ) STRICT`,
    `CREATE INDEX register_purges_activity ON register_purges (activity_id, category_id, performed_on)`,
    `CREATE TABLE response_targets (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      right TEXT NOT NULL,
      days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90)
    ) STRICT`,
    `ALTER TABLE request_attachments ADD COLUMN purpose TEXT CHECK (purpose IS NULL OR purpose IN ('identity-document','evidence','correspondence'))`,
  ],
};

import type { VigieMigration } from './types';

/**
 * 0005 — vendors and international transfers: the vendor register (structured content, transfers
 * and their impact assessments in validated JSON), contract files kept inside the encrypted
 * workspace, and the DPO's overrides of the adequacy reference.
 *
 * Contract files (2026-11-23, format 1): base64 in a TEXT column, not a BLOB, as request attachments
 * (0003); the table spec declares `content` a digest column, so the change log keeps `{ sha256, length }`
 * of it, not a second copy. Size limit 10 MiB of file, checked before any write.
 */
export const m0005: VigieMigration = {
  name: '0005_vendors',
  statements: [
    `CREATE TABLE vendors (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('processor','sub-processor','joint-controller','independent-recipient')),
      country TEXT NOT NULL,
      risk TEXT CHECK (risk IN ('low','medium','high','critical')),
      next_review_on TEXT,
      details TEXT NOT NULL DEFAULT '{}'
    ) STRICT`,
    `CREATE INDEX vendors_live ON vendors (deleted_at, name)`,
    `CREATE TABLE vendor_files (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      vendor_id TEXT NOT NULL,
      name TEXT NOT NULL,
      mime TEXT NOT NULL DEFAULT '',
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      content TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX vendor_files_vendor ON vendor_files (vendor_id, deleted_at)`,
    `CREATE TABLE adequacy_overrides (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      code TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('adequate','not-adequate')),
      decision TEXT NOT NULL DEFAULT '',
      decision_date TEXT,
      note TEXT NOT NULL DEFAULT '',
      checked_on TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX adequacy_overrides_code ON adequacy_overrides (code, deleted_at)`,
  ],
};

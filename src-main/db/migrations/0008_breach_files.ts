import type { VigieMigration } from './types';

/**
 * 0008 — evidence files of a breach (logs, screenshots, the processor's notice, the CNIL receipt…),
 * kept like a rights request's attachments (migration 0003): base64 in the TEXT column `content`, inside
 * the encrypted workspace; the table spec declares `content` a digest column, so the change log keeps
 * `{ sha256, length }` of it, not a second copy. Size limit 15 MiB of file, checked before anything is
 * written. Files go to the trash with the rest (trashable), never deleted outright from the UI.
 */
export const m0008: VigieMigration = {
  name: '0008_breach_files',
  statements: [
    `CREATE TABLE breach_files (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      breach_id TEXT NOT NULL REFERENCES breaches (id),
      file_name TEXT NOT NULL,
      media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      content TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX breach_files_breach ON breach_files (breach_id, deleted_at)`,
  ],
};

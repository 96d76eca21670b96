import type { VigieMigration } from './types';

/**
 * 0003 — rights requests (DSAR case files), their dated correspondence and attachments.
 *
 * Attachments (2026-11-23, format 1): the file is stored base64 in the TEXT column `content` of
 * `request_attachments`, inside the encrypted workspace (not a BLOB: the one write path and its canonical-JSON
 * change log handle text values; a Buffer would be serialised there byte by byte). The table spec declares
 * `content` as a digest column, so the change log keeps `{ sha256, length }` of it, not a second copy.
 * Size limit 15 MiB of file, checked before anything is written.
 */
export const m0003: VigieMigration = {
  name: '0003_requests',
  statements: [
    `CREATE TABLE requests (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
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
      details TEXT NOT NULL DEFAULT '{}'
    ) STRICT`,
    `CREATE INDEX requests_live ON requests (deleted_at, response_sent_on, received_on)`,
    `CREATE INDEX requests_reference ON requests (reference)`,
    `CREATE TABLE request_events (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      request_id TEXT NOT NULL REFERENCES requests (id),
      occurred_on TEXT NOT NULL,
      kind TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in','out','internal')),
      summary TEXT NOT NULL DEFAULT '',
      attachment_id TEXT
    ) STRICT`,
    `CREATE INDEX request_events_request ON request_events (request_id, occurred_on)`,
    `CREATE TABLE request_attachments (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      request_id TEXT NOT NULL REFERENCES requests (id),
      file_name TEXT NOT NULL,
      media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      letter_type TEXT,
      content TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX request_attachments_request ON request_attachments (request_id)`,
  ],
};

import type { VigieMigration } from './types';

/**
 * 0004 — personal data breaches (Art. 33(5) register). List, sort and filter fields are columns;
 * the rest of the record (nature, cause, data, severity with its factors, decisions, phased
 * notifications, controllers informed…) is the validated JSON `details` column. Instants are UTC
 * ISO strings; `time_zone` is the zone they were entered in and the clock is shown in.
 */
export const m0004: VigieMigration = {
  name: '0004_breaches',
  statements: [
    `CREATE TABLE breaches (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      reference TEXT NOT NULL,
      title TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open','contained','closed')),
      aware_at TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      discovered_at TEXT,
      severity_level TEXT CHECK (severity_level IS NULL OR severity_level IN ('low','medium','high','very-high')),
      authority_decision TEXT NOT NULL CHECK (authority_decision IN ('pending','notify','not-notify')),
      first_notified_at TEXT,
      details TEXT NOT NULL DEFAULT '{}'
    ) STRICT`,
    `CREATE INDEX breaches_live ON breaches (deleted_at, status, aware_at)`,
    `CREATE INDEX breaches_reference ON breaches (reference)`,
  ],
};

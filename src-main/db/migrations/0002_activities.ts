import type { VigieMigration } from './types';

/** 0002 — processing activities (Art. 30 register); structured content kept as validated JSON. */
export const m0002: VigieMigration = {
  name: '0002_activities',
  statements: [
    `CREATE TABLE activities (
      id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      hlc TEXT NOT NULL,
      reference TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('controller','joint-controller','processor')),
      status TEXT NOT NULL CHECK (status IN ('draft','active','retired')),
      owner TEXT NOT NULL DEFAULT '',
      review_date TEXT,
      details TEXT NOT NULL DEFAULT '{}'
    ) STRICT`,
    `CREATE INDEX activities_live ON activities (deleted_at, name)`,
  ],
};

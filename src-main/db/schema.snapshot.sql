-- index activities_live
CREATE INDEX activities_live ON activities (deleted_at, name);

-- index change_log_hlc
CREATE INDEX change_log_hlc ON change_log (hlc);

-- index change_log_row
CREATE INDEX change_log_row ON change_log (table_name, row_id, seq);

-- table activities
CREATE TABLE activities (
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
  ) STRICT;

-- table change_log
CREATE TABLE change_log (
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
  ) STRICT;

-- table kysely_migration
CREATE TABLE "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null);

-- table kysely_migration_lock
CREATE TABLE "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null);

-- table meta
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;

-- table org_profile
CREATE TABLE org_profile (
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
  ) STRICT;

-- table vigie_migration_hashes
CREATE TABLE vigie_migration_hashes (name TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;

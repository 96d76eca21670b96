-- index activities_live
CREATE INDEX activities_live ON activities (deleted_at, name);

-- index activities_reference
CREATE INDEX activities_reference ON activities (reference);

-- index adequacy_overrides_code
CREATE INDEX adequacy_overrides_code ON adequacy_overrides (code, deleted_at);

-- index breach_files_breach
CREATE INDEX breach_files_breach ON breach_files (breach_id, deleted_at);

-- index breach_index_aware
CREATE INDEX breach_index_aware ON breach_index (live, aware_at, reference);

-- index breach_index_clock
CREATE INDEX breach_index_clock ON breach_index (live, clock_running, notify_by_ms);

-- index breach_index_closed
CREATE INDEX breach_index_closed ON breach_index (closed_at) WHERE closed_at IS NOT NULL;

-- index breaches_live
CREATE INDEX breaches_live ON breaches (deleted_at, status, aware_at);

-- index breaches_reference
CREATE INDEX breaches_reference ON breaches (reference);

-- index change_log_device
CREATE UNIQUE INDEX change_log_device ON change_log_store (coalesce(device_id, substr(hlc, 15 + instr(substr(hlc, 15), '-'))), device_seq);

-- index change_log_row
CREATE INDEX change_log_row ON change_log_store (table_name, row_id, seq);

-- index register_purges_activity
CREATE INDEX register_purges_activity ON register_purges (activity_id, category_id, performed_on);

-- index request_answer_counts_year
CREATE INDEX request_answer_counts_year ON request_answer_counts (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target, n);

-- index request_attachments_request
CREATE INDEX request_attachments_request ON request_attachments (request_id);

-- index request_events_request
CREATE INDEX request_events_request ON request_events_store (request_id);

-- index request_index_page
CREATE INDEX request_index_page ON request_index (live, sort_key, reference, request_id, closed, extended, notified_ok, notice_pending, notice_by, one_month, three_months, response_sent_on, target_on, awaiting_identity, rights_mask, received_on);

-- index request_index_pending
CREATE INDEX request_index_pending ON request_index (live, reference) WHERE sort_key IS NULL;

-- index request_index_received
CREATE INDEX request_index_received ON request_index (live, received_on, reference, request_id);

-- index request_index_rights
CREATE INDEX request_index_rights ON request_index (live, rights_mask);

-- index request_index_today
CREATE INDEX request_index_today ON request_index (live, sort_key, reference, request_id, requester_name, extended, notified_ok, notice_pending, notice_by, one_month, three_months, extension_notified_on) WHERE closed = 0;

-- index requests_reference
CREATE INDEX requests_reference ON requests_store (reference);

-- index requests_response
CREATE INDEX requests_response ON requests_store (response_sent_on);

-- index requests_trash
CREATE INDEX requests_trash ON requests_store (deleted_at) WHERE deleted_at IS NOT NULL;

-- index retention_holds_row
CREATE INDEX retention_holds_row ON retention_holds (table_name, row_id);

-- index retention_settings_rule
CREATE INDEX retention_settings_rule ON retention_settings (rule_id);

-- index sync_conflicts_open
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, table_name, row_id);

-- index vendor_files_vendor
CREATE INDEX vendor_files_vendor ON vendor_files (vendor_id, deleted_at);

-- index vendors_live
CREATE INDEX vendors_live ON vendors (deleted_at, name);

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

-- table activity_index
CREATE TABLE "activity_index" (
  activity_id TEXT PRIMARY KEY NOT NULL,
  reference TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  review_date TEXT,
  review_check TEXT,
  check_weight REAL NOT NULL,
  check_earned REAL NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  dpia_required INTEGER NOT NULL,
  vendor_ids TEXT NOT NULL,
  index_key TEXT NOT NULL
  ) WITHOUT ROWID;

-- table adequacy_overrides
CREATE TABLE adequacy_overrides (
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
  ) STRICT;

-- table breach_files
CREATE TABLE breach_files (
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
  ) STRICT;

-- table breach_index
CREATE TABLE breach_index (
  breach_id TEXT PRIMARY KEY NOT NULL,
  reference TEXT NOT NULL,
  live INTEGER NOT NULL,
  status TEXT NOT NULL,
  aware_at TEXT NOT NULL,
  severity_level TEXT,
  processor INTEGER NOT NULL,
  notify_by TEXT NOT NULL,
  notify_by_ms INTEGER NOT NULL,
  deadline_known INTEGER NOT NULL,
  clock_running INTEGER NOT NULL,
  notified INTEGER NOT NULL,
  notified_late INTEGER NOT NULL,
  delay_reasons_missing INTEGER NOT NULL,
  pending_follow_ups INTEGER NOT NULL,
  activity_ids TEXT NOT NULL,
  index_key TEXT NOT NULL
  , closed_at TEXT, purged INTEGER NOT NULL DEFAULT 0) STRICT;

-- table breaches
CREATE TABLE breaches (
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
  ) STRICT;

-- table cell_clock
CREATE TABLE cell_clock (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  cell TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id, cell)
  ) STRICT;

-- table change_log_store
CREATE TABLE change_log_store (
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
  ) STRICT;

-- table device_keys
CREATE TABLE device_keys (device_id TEXT PRIMARY KEY NOT NULL, keys TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;

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

-- table ref_counters
CREATE TABLE ref_counters (
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  code TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (kind, year, code)
  ) STRICT;

-- table register_purges
CREATE TABLE register_purges (
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
  ) STRICT;

-- table request_answer_counts
CREATE TABLE request_answer_counts (
  sent_on TEXT NOT NULL,
  days INTEGER NOT NULL,
  mode INTEGER NOT NULL,
  notice_by TEXT NOT NULL,
  by_one_month INTEGER NOT NULL,
  by_three_months INTEGER NOT NULL,
  target INTEGER NOT NULL,
  on_target INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target)
  );

-- table request_attachments
CREATE TABLE request_attachments (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  hlc TEXT NOT NULL,
  request_id TEXT NOT NULL REFERENCES "requests_store" (id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  letter_type TEXT,
  content TEXT NOT NULL
  , purpose TEXT CHECK (purpose IS NULL OR purpose IN ('identity-document','evidence','correspondence'))) STRICT;

-- table request_events_store
CREATE TABLE request_events_store (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT,
  hlc TEXT,
  hlc_at INTEGER,
  hlc_device INTEGER,
  request_id TEXT NOT NULL REFERENCES requests_store (id),
  occurred_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in','out','internal')),
  summary ANY NOT NULL DEFAULT '',
  attachment_id TEXT,
  CHECK (hlc IS NOT NULL OR (hlc_at IS NOT NULL AND hlc_device IS NOT NULL))
  ) STRICT;

-- table request_index
CREATE TABLE request_index (
  request_id TEXT PRIMARY KEY NOT NULL,
  received_on TEXT NOT NULL,
  one_month TEXT NOT NULL,
  three_months TEXT NOT NULL,
  notice_by TEXT NOT NULL,
  extended INTEGER NOT NULL,
  notified_ok INTEGER NOT NULL,
  notice_pending INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  response_sent_on TEXT,
  target_on TEXT,
  index_key TEXT NOT NULL
  , awaiting_identity INTEGER NOT NULL DEFAULT 0, search_text TEXT NOT NULL DEFAULT '', live INTEGER NOT NULL DEFAULT 1, rights_mask INTEGER NOT NULL DEFAULT 0, reference TEXT NOT NULL DEFAULT '', sort_key TEXT, requester_name TEXT NOT NULL DEFAULT '', extension_notified_on TEXT) STRICT;

-- table request_rights_counts
CREATE TABLE request_rights_counts (rights_mask INTEGER PRIMARY KEY NOT NULL, n INTEGER NOT NULL);

-- table requests_store
CREATE TABLE "requests_store" (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT,
  hlc TEXT,
  hlc_at INTEGER,
  hlc_device INTEGER,
  reference TEXT NOT NULL,
  requester_name TEXT NOT NULL,
  rights TEXT NOT NULL DEFAULT '[]',
  channel TEXT NOT NULL CHECK (channel IN ('email','letter','web','phone','in-person')),
  received_on TEXT NOT NULL,
  jurisdiction TEXT,
  extended_on TEXT,
  response_sent_on TEXT,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('fulfilled','partly','refused','no-data')),
  details ANY NOT NULL DEFAULT '{}',
  CHECK (hlc IS NOT NULL OR (hlc_at IS NOT NULL AND hlc_device IS NOT NULL))
  ) STRICT;

-- table response_targets
CREATE TABLE response_targets (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  hlc TEXT NOT NULL,
  right TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90)
  ) STRICT;

-- table retention_holds
CREATE TABLE retention_holds (
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
  ) STRICT;

-- table retention_settings
CREATE TABLE retention_settings (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  hlc TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  period_value INTEGER NOT NULL,
  period_unit TEXT NOT NULL CHECK (period_unit IN ('days','months','years')),
  reason TEXT NOT NULL
  ) STRICT;

-- table row_devices
CREATE TABLE row_devices (n INTEGER PRIMARY KEY, device TEXT NOT NULL UNIQUE) STRICT;

-- table sync_conflicts
CREATE TABLE sync_conflicts (
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
  ) STRICT;

-- table sync_files
CREATE TABLE sync_files (
  name TEXT PRIMARY KEY NOT NULL,
  sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  at TEXT NOT NULL
  ) STRICT;

-- table sync_members
CREATE TABLE sync_members (
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
  ) STRICT;

-- table sync_pending
CREATE TABLE sync_pending (
  entry_id TEXT PRIMARY KEY NOT NULL,
  reason TEXT NOT NULL,
  received_at TEXT NOT NULL
  ) STRICT;

-- table vendor_files
CREATE TABLE vendor_files (
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
  ) STRICT;

-- table vendor_index
CREATE TABLE "vendor_index" (
  vendor_id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  country TEXT NOT NULL,
  risk TEXT,
  next_review_on TEXT,
  details TEXT NOT NULL,
  vendor TEXT NOT NULL,
  index_key TEXT NOT NULL
  ) WITHOUT ROWID;

-- table vendors
CREATE TABLE vendors (
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
  ) STRICT;

-- table vigie_migration_hashes
CREATE TABLE vigie_migration_hashes (name TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;

-- trigger change_log_delete
CREATE TRIGGER change_log_delete INSTEAD OF DELETE ON change_log BEGIN
  DELETE FROM change_log_store WHERE seq = OLD.seq;
  END;

-- trigger change_log_insert
CREATE TRIGGER change_log_insert INSTEAD OF INSERT ON change_log BEGIN
  INSERT INTO change_log_store (seq, id, table_name, row_id, op, fields, field_digests, salt, hlc, device_id, actor, at, reason, prev_hash, hash, device_seq, tx_id, schema_version, format, cell_salts) VALUES (NEW.seq, NEW.id, NEW.table_name, NEW.row_id, NEW.op, NEW.fields, NEW.field_digests, CASE WHEN typeof(NEW.salt) = 'text' AND length(NEW.salt) = 32 AND NEW.salt NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.salt) ELSE NEW.salt END, NEW.hlc, CASE WHEN NEW.device_id = substr(NEW.hlc, 15 + instr(substr(NEW.hlc, 15), '-')) THEN NULL ELSE NEW.device_id END, NEW.actor, CASE WHEN NEW.at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.at END, NEW.reason, CASE WHEN typeof(NEW.prev_hash) = 'text' AND length(NEW.prev_hash) = 64 AND NEW.prev_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.prev_hash) ELSE NEW.prev_hash END, CASE WHEN typeof(NEW.hash) = 'text' AND length(NEW.hash) = 64 AND NEW.hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.hash) ELSE NEW.hash END, NEW.device_seq, NEW.tx_id, coalesce(NEW.schema_version, 0), coalesce(NEW.format, 2), NEW.cell_salts);
  END;

-- trigger change_log_update
CREATE TRIGGER change_log_update INSTEAD OF UPDATE ON change_log BEGIN
  UPDATE change_log_store SET seq = NEW.seq, id = NEW.id, table_name = NEW.table_name, row_id = NEW.row_id, op = NEW.op, fields = NEW.fields, field_digests = NEW.field_digests, salt = CASE WHEN typeof(NEW.salt) = 'text' AND length(NEW.salt) = 32 AND NEW.salt NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.salt) ELSE NEW.salt END, hlc = NEW.hlc, device_id = CASE WHEN NEW.device_id = substr(NEW.hlc, 15 + instr(substr(NEW.hlc, 15), '-')) THEN NULL ELSE NEW.device_id END, actor = NEW.actor, at = CASE WHEN NEW.at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.at END, reason = NEW.reason, prev_hash = CASE WHEN typeof(NEW.prev_hash) = 'text' AND length(NEW.prev_hash) = 64 AND NEW.prev_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.prev_hash) ELSE NEW.prev_hash END, hash = CASE WHEN typeof(NEW.hash) = 'text' AND length(NEW.hash) = 64 AND NEW.hash NOT GLOB '*[^0-9a-f]*' THEN unhex(NEW.hash) ELSE NEW.hash END, device_seq = NEW.device_seq, tx_id = NEW.tx_id, schema_version = NEW.schema_version, format = NEW.format, cell_salts = NEW.cell_salts WHERE seq = OLD.seq;
  END;

-- trigger request_counts_delete
CREATE TRIGGER request_counts_delete AFTER DELETE ON request_index BEGIN 
  UPDATE request_rights_counts SET n = n - 1 WHERE OLD.live = 1 AND rights_mask = OLD.rights_mask;
  UPDATE request_answer_counts SET n = n - 1 WHERE OLD.live = 1 AND OLD.closed = 1 AND OLD.response_sent_on IS NOT NULL AND (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target) = (SELECT OLD.response_sent_on,
  coalesce(CAST(round(julianday(OLD.response_sent_on) - julianday(OLD.received_on)) AS INTEGER), 0),
  CASE WHEN OLD.extended = 1 AND OLD.notified_ok = 1 THEN 1 WHEN OLD.extended = 1 AND OLD.notice_pending = 1 THEN 2 ELSE 0 END,
  CASE WHEN OLD.extended = 1 AND OLD.notified_ok = 0 AND OLD.notice_pending = 1 THEN OLD.notice_by ELSE '' END,
  OLD.response_sent_on <= OLD.one_month,
  OLD.response_sent_on <= OLD.three_months,
  OLD.target_on IS NOT NULL,
  coalesce(OLD.response_sent_on <= OLD.target_on, 0));
  DELETE FROM request_answer_counts WHERE n = 0 AND OLD.live = 1 AND OLD.closed = 1 AND OLD.response_sent_on IS NOT NULL AND sent_on = OLD.response_sent_on;
  END;

-- trigger request_counts_insert
CREATE TRIGGER request_counts_insert AFTER INSERT ON request_index BEGIN 
  INSERT INTO request_rights_counts (rights_mask, n) SELECT NEW.rights_mask, 1 WHERE NEW.live = 1
  ON CONFLICT (rights_mask) DO UPDATE SET n = n + 1;
  INSERT INTO request_answer_counts (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target, n) SELECT NEW.response_sent_on,
  coalesce(CAST(round(julianday(NEW.response_sent_on) - julianday(NEW.received_on)) AS INTEGER), 0),
  CASE WHEN NEW.extended = 1 AND NEW.notified_ok = 1 THEN 1 WHEN NEW.extended = 1 AND NEW.notice_pending = 1 THEN 2 ELSE 0 END,
  CASE WHEN NEW.extended = 1 AND NEW.notified_ok = 0 AND NEW.notice_pending = 1 THEN NEW.notice_by ELSE '' END,
  NEW.response_sent_on <= NEW.one_month,
  NEW.response_sent_on <= NEW.three_months,
  NEW.target_on IS NOT NULL,
  coalesce(NEW.response_sent_on <= NEW.target_on, 0), 1 WHERE NEW.live = 1 AND NEW.closed = 1 AND NEW.response_sent_on IS NOT NULL
  ON CONFLICT (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target) DO UPDATE SET n = n + 1;
  END;

-- trigger request_counts_update
CREATE TRIGGER request_counts_update AFTER UPDATE ON request_index BEGIN 
  UPDATE request_rights_counts SET n = n - 1 WHERE OLD.live = 1 AND rights_mask = OLD.rights_mask;
  UPDATE request_answer_counts SET n = n - 1 WHERE OLD.live = 1 AND OLD.closed = 1 AND OLD.response_sent_on IS NOT NULL AND (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target) = (SELECT OLD.response_sent_on,
  coalesce(CAST(round(julianday(OLD.response_sent_on) - julianday(OLD.received_on)) AS INTEGER), 0),
  CASE WHEN OLD.extended = 1 AND OLD.notified_ok = 1 THEN 1 WHEN OLD.extended = 1 AND OLD.notice_pending = 1 THEN 2 ELSE 0 END,
  CASE WHEN OLD.extended = 1 AND OLD.notified_ok = 0 AND OLD.notice_pending = 1 THEN OLD.notice_by ELSE '' END,
  OLD.response_sent_on <= OLD.one_month,
  OLD.response_sent_on <= OLD.three_months,
  OLD.target_on IS NOT NULL,
  coalesce(OLD.response_sent_on <= OLD.target_on, 0));
  DELETE FROM request_answer_counts WHERE n = 0 AND OLD.live = 1 AND OLD.closed = 1 AND OLD.response_sent_on IS NOT NULL AND sent_on = OLD.response_sent_on; 
  INSERT INTO request_rights_counts (rights_mask, n) SELECT NEW.rights_mask, 1 WHERE NEW.live = 1
  ON CONFLICT (rights_mask) DO UPDATE SET n = n + 1;
  INSERT INTO request_answer_counts (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target, n) SELECT NEW.response_sent_on,
  coalesce(CAST(round(julianday(NEW.response_sent_on) - julianday(NEW.received_on)) AS INTEGER), 0),
  CASE WHEN NEW.extended = 1 AND NEW.notified_ok = 1 THEN 1 WHEN NEW.extended = 1 AND NEW.notice_pending = 1 THEN 2 ELSE 0 END,
  CASE WHEN NEW.extended = 1 AND NEW.notified_ok = 0 AND NEW.notice_pending = 1 THEN NEW.notice_by ELSE '' END,
  NEW.response_sent_on <= NEW.one_month,
  NEW.response_sent_on <= NEW.three_months,
  NEW.target_on IS NOT NULL,
  coalesce(NEW.response_sent_on <= NEW.target_on, 0), 1 WHERE NEW.live = 1 AND NEW.closed = 1 AND NEW.response_sent_on IS NOT NULL
  ON CONFLICT (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target) DO UPDATE SET n = n + 1;
  END;

-- trigger request_events_delete
CREATE TRIGGER request_events_delete INSTEAD OF DELETE ON request_events BEGIN
  DELETE FROM request_events_store WHERE id = OLD.id;
  END;

-- trigger request_events_insert
CREATE TRIGGER request_events_insert INSTEAD OF INSERT ON request_events BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_events.created_at') WHERE NEW.created_at IS NULL; SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_events.updated_at') WHERE NEW.updated_at IS NULL;
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_events.hlc') WHERE NEW.hlc IS NULL;
  INSERT INTO row_devices (device) SELECT substr(NEW.hlc, 20) WHERE NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' AND NOT EXISTS (SELECT 1 FROM row_devices WHERE device = substr(NEW.hlc, 20));
  INSERT INTO request_events_store (id, created_at, updated_at, hlc, hlc_at, hlc_device, deleted_at, request_id, occurred_on, kind, direction, summary, attachment_id) VALUES (NEW.id, CASE WHEN NEW.created_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.created_at END, CASE WHEN NEW.updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.updated_at END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN NULL ELSE NEW.hlc END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN CAST(substr(NEW.hlc, 1, 13) AS INTEGER) * 65536 + (instr('0123456789abcdef', substr(NEW.hlc, 15, 1)) - 1) * 4096 + (instr('0123456789abcdef', substr(NEW.hlc, 16, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(NEW.hlc, 17, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(NEW.hlc, 18, 1)) - 1) END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN (SELECT n FROM row_devices WHERE device = substr(NEW.hlc, 20)) END, NEW.deleted_at, NEW.request_id, NEW.occurred_on, NEW.kind, NEW.direction, vigie_row_pack(CASE WHEN typeof(NEW.summary) IN ('integer', 'real') THEN CAST(NEW.summary AS TEXT) ELSE NEW.summary END), NEW.attachment_id);
  END;

-- trigger request_events_update
CREATE TRIGGER request_events_update INSTEAD OF UPDATE ON request_events BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_events.created_at') WHERE NEW.created_at IS NULL; SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_events.updated_at') WHERE NEW.updated_at IS NULL;
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_events.hlc') WHERE NEW.hlc IS NULL;
  INSERT INTO row_devices (device) SELECT substr(NEW.hlc, 20) WHERE NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' AND NOT EXISTS (SELECT 1 FROM row_devices WHERE device = substr(NEW.hlc, 20));
  UPDATE request_events_store SET id = NEW.id, created_at = CASE WHEN NEW.created_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.created_at END, updated_at = CASE WHEN NEW.updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.updated_at END, (hlc, hlc_at, hlc_device) = (SELECT CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN NULL ELSE NEW.hlc END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN CAST(substr(NEW.hlc, 1, 13) AS INTEGER) * 65536 + (instr('0123456789abcdef', substr(NEW.hlc, 15, 1)) - 1) * 4096 + (instr('0123456789abcdef', substr(NEW.hlc, 16, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(NEW.hlc, 17, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(NEW.hlc, 18, 1)) - 1) END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN (SELECT n FROM row_devices WHERE device = substr(NEW.hlc, 20)) END), deleted_at = NEW.deleted_at, request_id = NEW.request_id, occurred_on = NEW.occurred_on, kind = NEW.kind, direction = NEW.direction, summary = CASE WHEN NEW.summary IS OLD.summary THEN summary ELSE vigie_row_pack(CASE WHEN typeof(NEW.summary) IN ('integer', 'real') THEN CAST(NEW.summary AS TEXT) ELSE NEW.summary END) END, attachment_id = NEW.attachment_id WHERE id = OLD.id;
  END;

-- trigger requests_delete
CREATE TRIGGER requests_delete INSTEAD OF DELETE ON requests BEGIN
  DELETE FROM requests_store WHERE id = OLD.id;
  END;

-- trigger requests_insert
CREATE TRIGGER requests_insert INSTEAD OF INSERT ON requests BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: requests.created_at') WHERE NEW.created_at IS NULL; SELECT RAISE(ABORT, 'NOT NULL constraint failed: requests.updated_at') WHERE NEW.updated_at IS NULL;
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: requests.hlc') WHERE NEW.hlc IS NULL;
  INSERT INTO row_devices (device) SELECT substr(NEW.hlc, 20) WHERE NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' AND NOT EXISTS (SELECT 1 FROM row_devices WHERE device = substr(NEW.hlc, 20));
  INSERT INTO requests_store (id, created_at, updated_at, hlc, hlc_at, hlc_device, deleted_at, reference, requester_name, rights, channel, received_on, jurisdiction, extended_on, response_sent_on, outcome, details) VALUES (NEW.id, CASE WHEN NEW.created_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.created_at END, CASE WHEN NEW.updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.updated_at END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN NULL ELSE NEW.hlc END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN CAST(substr(NEW.hlc, 1, 13) AS INTEGER) * 65536 + (instr('0123456789abcdef', substr(NEW.hlc, 15, 1)) - 1) * 4096 + (instr('0123456789abcdef', substr(NEW.hlc, 16, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(NEW.hlc, 17, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(NEW.hlc, 18, 1)) - 1) END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN (SELECT n FROM row_devices WHERE device = substr(NEW.hlc, 20)) END, NEW.deleted_at, NEW.reference, NEW.requester_name, NEW.rights, NEW.channel, NEW.received_on, NEW.jurisdiction, NEW.extended_on, NEW.response_sent_on, NEW.outcome, vigie_row_pack(CASE WHEN typeof(NEW.details) IN ('integer', 'real') THEN CAST(NEW.details AS TEXT) ELSE NEW.details END));
  END;

-- trigger requests_update
CREATE TRIGGER requests_update INSTEAD OF UPDATE ON requests BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: requests.created_at') WHERE NEW.created_at IS NULL; SELECT RAISE(ABORT, 'NOT NULL constraint failed: requests.updated_at') WHERE NEW.updated_at IS NULL;
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: requests.hlc') WHERE NEW.hlc IS NULL;
  INSERT INTO row_devices (device) SELECT substr(NEW.hlc, 20) WHERE NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' AND NOT EXISTS (SELECT 1 FROM row_devices WHERE device = substr(NEW.hlc, 20));
  UPDATE requests_store SET id = NEW.id, created_at = CASE WHEN NEW.created_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.created_at END, updated_at = CASE WHEN NEW.updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(NEW.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE NEW.updated_at END, (hlc, hlc_at, hlc_device) = (SELECT CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN NULL ELSE NEW.hlc END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN CAST(substr(NEW.hlc, 1, 13) AS INTEGER) * 65536 + (instr('0123456789abcdef', substr(NEW.hlc, 15, 1)) - 1) * 4096 + (instr('0123456789abcdef', substr(NEW.hlc, 16, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(NEW.hlc, 17, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(NEW.hlc, 18, 1)) - 1) END, CASE WHEN NEW.hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-?*' THEN (SELECT n FROM row_devices WHERE device = substr(NEW.hlc, 20)) END), deleted_at = NEW.deleted_at, reference = NEW.reference, requester_name = NEW.requester_name, rights = NEW.rights, channel = NEW.channel, received_on = NEW.received_on, jurisdiction = NEW.jurisdiction, extended_on = NEW.extended_on, response_sent_on = NEW.response_sent_on, outcome = NEW.outcome, details = CASE WHEN NEW.details IS OLD.details THEN details ELSE vigie_row_pack(CASE WHEN typeof(NEW.details) IN ('integer', 'real') THEN CAST(NEW.details AS TEXT) ELSE NEW.details END) END WHERE id = OLD.id;
  END;

-- view change_log
CREATE VIEW change_log AS SELECT seq, id, table_name, row_id, op, CASE WHEN typeof(fields) = 'blob' OR fields < ' ' THEN vigie_log_fields(fields) ELSE fields END AS fields, field_digests, CASE WHEN typeof(salt) = 'blob' THEN lower(hex(salt)) ELSE salt END AS salt, hlc, coalesce(device_id, substr(hlc, 15 + instr(substr(hlc, 15), '-'))) AS device_id, actor, coalesce(at, strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch')) AS at, reason, CASE WHEN typeof(prev_hash) = 'blob' THEN lower(hex(prev_hash)) ELSE prev_hash END AS prev_hash, CASE WHEN typeof(hash) = 'blob' THEN lower(hex(hash)) ELSE hash END AS hash, device_seq, tx_id, schema_version, format, cell_salts FROM change_log_store;

-- view request_events
CREATE VIEW request_events AS SELECT id, created_at, updated_at, deleted_at, hlc, request_id, occurred_on, kind, direction, summary, attachment_id FROM request_events_rows;

-- view request_events_rows
CREATE VIEW request_events_rows AS SELECT s.rowid AS __vigie_rowid, s.id, coalesce(s.created_at, CASE WHEN s.hlc IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', (s.hlc_at >> 16) / 1000.0, 'unixepoch') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(s.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') END) AS created_at, coalesce(s.updated_at, CASE WHEN s.hlc IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', (s.hlc_at >> 16) / 1000.0, 'unixepoch') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(s.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') END) AS updated_at, s.deleted_at, coalesce(s.hlc, printf('%013d-%04x-', s.hlc_at >> 16, s.hlc_at & 65535) || d.device) AS hlc, s.request_id, s.occurred_on, s.kind, s.direction, CASE WHEN typeof(s.summary) = 'blob' OR s.summary < ' ' THEN vigie_row_text(s.summary) ELSE s.summary END AS summary, s.attachment_id FROM request_events_store s LEFT JOIN row_devices d ON d.n = s.hlc_device;

-- view requests
CREATE VIEW requests AS SELECT id, created_at, updated_at, deleted_at, hlc, reference, requester_name, rights, channel, received_on, jurisdiction, extended_on, response_sent_on, outcome, details FROM requests_rows;

-- view requests_rows
CREATE VIEW requests_rows AS SELECT s.rowid AS __vigie_rowid, s.id, coalesce(s.created_at, CASE WHEN s.hlc IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', (s.hlc_at >> 16) / 1000.0, 'unixepoch') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(s.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') END) AS created_at, coalesce(s.updated_at, CASE WHEN s.hlc IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', (s.hlc_at >> 16) / 1000.0, 'unixepoch') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(s.hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') END) AS updated_at, s.deleted_at, coalesce(s.hlc, printf('%013d-%04x-', s.hlc_at >> 16, s.hlc_at & 65535) || d.device) AS hlc, s.reference, s.requester_name, s.rights, s.channel, s.received_on, s.jurisdiction, s.extended_on, s.response_sent_on, s.outcome, CASE WHEN typeof(s.details) = 'blob' OR s.details < ' ' THEN vigie_row_text(s.details) ELSE s.details END AS details FROM requests_store s LEFT JOIN row_devices d ON d.n = s.hlc_device;

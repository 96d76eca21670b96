/**
 * The workspace schema as Kysely sees it. Hand-written, snake_case, no camel-case plugin:
 * change-log entries carry column names, so what is logged is exactly what is stored.
 * Keep in step with migrations/ (the schema snapshot test catches drift in the SQL side).
 */
import type { Generated } from 'kysely';

/** Columns every domain table has; the write path owns them. */
export interface SystemColumns {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  /** Hybrid-logical-clock stamp of the last write to this row. */
  hlc: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface MigrationHashTable {
  name: string;
  hash: string;
  applied_at: string;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete' | 'restore' | 'purge';
  /** JSON object of the changed columns and their new stored values; '{}' once purged. */
  fields: string;
  /** JSON object column → sha256(salt ‖ column ‖ value); covered by the hash chain. */
  field_digests: string;
  /** Random per-entry salt for the digests; blanked by a purge so digests cannot be brute-forced. */
  salt: string | null;
  hlc: string;
  device_id: string;
  actor: string;
  at: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
  /** 1, 2, 3… per device (migration 0009; entries before it got theirs in `seq` order). */
  device_seq: number;
  /** Every entry of one user action shares it: they apply together or not at all. */
  tx_id: string;
  /** The schema version of the build that wrote the entry (0 = before migration 0009). */
  schema_version: number;
  /** 2 = one global chain in `seq` order (before 0009); 3 = per-device chain, cells, see db/log-format.ts. */
  format: number;
  /** Format 3 entries scrubbed by a purge: JSON cell → per-cell salt of the cells still held. */
  cell_salts: string | null;
}

/** The winning stamp of each cell (migration 0009): `column`, `column.key` or `*` (the insert). */
export interface CellClockTable {
  table_name: string;
  row_id: string;
  cell: string;
  hlc: string;
}

export interface SyncMembersTable extends SystemColumns {
  name: string;
  age_recipient: string;
  signing_public_key: string;
  member_code: string;
  status: 'active' | 'removed';
  joined_epoch: number;
  removed_epoch: number | null;
  approved_by: string;
}

export interface DeviceKeysTable {
  device_id: string;
  keys: string;
  created_at: string;
}

export interface SyncPendingTable {
  entry_id: string;
  reason: string;
  received_at: string;
}

export interface SyncConflictsTable {
  id: string;
  kind: 'value' | 'edited-while-deleted';
  table_name: string;
  row_id: string;
  cell: string;
  kept_value: string | null;
  kept_hlc: string;
  kept_entry: string;
  lost_value: string | null;
  lost_hlc: string;
  lost_entry: string;
  detected_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

export interface SyncFilesTable {
  name: string;
  sha256: string;
  status: string;
  reason: string | null;
  at: string;
}

export interface RefCountersTable {
  kind: string;
  year: number;
  code: string;
  last: number;
}

export interface OrgProfileTable extends SystemColumns {
  controller_name: string;
  legal_form: string;
  siren: string;
  address: string;
  postcode: string;
  city: string;
  country: string;
  phone: string;
  email: string;
  legal_rep_name: string;
  legal_rep_title: string;
  dpo_name: string;
  dpo_company: string;
  dpo_email: string;
  dpo_phone: string;
  representative: string;
  sector: string;
  headcount: number | null;
  jurisdiction: string;
  time_zone: string;
  language: 'fr' | 'en';
  breach_notification_hours: number;
}

export interface ActivitiesTable extends SystemColumns {
  reference: string;
  name: string;
  role: 'controller' | 'joint-controller' | 'processor';
  status: 'draft' | 'active' | 'retired';
  owner: string;
  review_date: string | null;
  /** JSON: the structured Art. 30 content (purposes, categories, retention, recipients…). */
  details: string;
}

export interface RequestsTable extends SystemColumns {
  reference: string;
  requester_name: string;
  /** JSON array of rights. */
  rights: string;
  channel: 'email' | 'letter' | 'web' | 'phone' | 'in-person';
  received_on: string;
  jurisdiction: string | null;
  extended_on: string | null;
  response_sent_on: string | null;
  outcome: 'fulfilled' | 'partly' | 'refused' | 'no-data' | null;
  /** JSON: the rest of the case file. */
  details: string;
}

export interface RequestEventsTable extends SystemColumns {
  request_id: string;
  occurred_on: string;
  kind: string;
  direction: 'in' | 'out' | 'internal';
  summary: string;
  attachment_id: string | null;
}

export interface RequestAttachmentsTable extends SystemColumns {
  request_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  letter_type: string | null;
  /** The file, base64 (see migration 0003); '' once purged by a retention rule. */
  content: string;
  /** Why the file is held (migration 0006): an identity document is deleted once the check is recorded. */
  purpose: 'identity-document' | 'evidence' | 'correspondence' | null;
}

export interface BreachesTable extends SystemColumns {
  reference: string;
  title: string;
  status: 'open' | 'contained' | 'closed';
  aware_at: string;
  time_zone: string;
  discovered_at: string | null;
  severity_level: 'low' | 'medium' | 'high' | 'very-high' | null;
  authority_decision: 'pending' | 'notify' | 'not-notify';
  first_notified_at: string | null;
  /** JSON: the rest of the breach record. */
  details: string;
}

export interface BreachFilesTable extends SystemColumns {
  breach_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  /** What the file shows (free text, may be ''). */
  note: string;
  /** The file, base64 (see migration 0008). */
  content: string;
}

export interface VendorsTable extends SystemColumns {
  name: string;
  role: 'processor' | 'sub-processor' | 'joint-controller' | 'independent-recipient';
  country: string;
  risk: 'low' | 'medium' | 'high' | 'critical' | null;
  next_review_on: string | null;
  /** JSON: the rest of the vendor (hosting, sub-processors, Art. 28 checklist, transfers, TIAs…). */
  details: string;
}

export interface VendorFilesTable extends SystemColumns {
  vendor_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  /** The file, base64 (see migration 0005). */
  content: string;
}

export interface AdequacyOverridesTable extends SystemColumns {
  code: string;
  status: 'adequate' | 'not-adequate';
  decision: string;
  decision_date: string | null;
  note: string;
  checked_on: string;
}

export interface RetentionSettingsTable extends SystemColumns {
  rule_id: string;
  period_value: number;
  period_unit: 'days' | 'months' | 'years';
  reason: string;
}

export interface RetentionHoldsTable extends SystemColumns {
  table_name: string;
  row_id: string;
  reason: string;
  placed_on: string;
  released_on: string | null;
}

export interface RegisterPurgesTable extends SystemColumns {
  activity_id: string;
  category_id: string;
  performed_on: string;
  performed_by: string;
  system: string;
  note: string;
}

export interface ResponseTargetsTable extends SystemColumns {
  /** A right (access, erasure…) or '*' for every right. */
  right: string;
  days: number;
}

/** Derived (migration 0007): the deadlines of each case, recomputed on write; not logged, not synced. */
export interface RequestIndexTable {
  request_id: string;
  received_on: string;
  one_month: string;
  three_months: string;
  notice_by: string;
  extended: number;
  notified_ok: number;
  notice_pending: number;
  closed: number;
  response_sent_on: string | null;
  target_on: string | null;
  index_key: string;
  /** 1 unless the case is in the trash (migration 0010). */
  live: number;
  /** Bit i set when the case asks for RIGHTS[i] (migration 0010). */
  rights_mask: number;
  /** Migration 0010: identity or information asked, not received, case open. */
  awaiting_identity: number;
  /** Migration 0010: normalize(`${reference} ${requester_name}`) (domain/search.ts). */
  search_text: string;
  /** Migration 0012: the case's reference. */
  reference: string;
  /**
   * Migration 0012: the deadline order key when it does not depend on the day ('0' + due date in force
   * for an open case, '1' + inverted answer date for a closed one); null for an open case whose
   * extension notice is still pending (its due date changes when the notice limit passes).
   */
  sort_key: string | null;
  /** Migration 0013: the case's requester (Today's label). */
  requester_name: string;
  /** Migration 0013: the day the extension was notified, if it was. */
  extension_notified_on: string | null;
}

/** Live cases per rights mask, kept by triggers on request_index (migration 0016): derived. */
export interface RequestRightsCountsTable {
  rights_mask: number;
  n: number;
}

/** Live answered cases grouped by what the requests summary reads, kept by triggers on request_index (migration 0016): derived. */
export interface RequestAnswerCountsTable {
  sent_on: string;
  days: number;
  /** 0: the one-month date applies; 1: the extension's (notified in time); 2: the extension's while the day is on or before notice_by. */
  mode: number;
  /** '' unless mode 2. */
  notice_by: string;
  by_one_month: number;
  by_three_months: number;
  target: number;
  on_target: number;
  n: number;
}

/** The stored clock of a breach (migration 0010): derived, never logged or synced. */
export interface BreachIndexTable {
  breach_id: string;
  reference: string;
  live: number;
  status: string;
  aware_at: string;
  severity_level: string | null;
  processor: number;
  notify_by: string;
  notify_by_ms: number;
  deadline_known: number;
  clock_running: number;
  notified: number;
  notified_late: number;
  delay_reasons_missing: number;
  pending_follow_ups: number;
  activity_ids: string;
  /** Migration 0013: the retention trigger of a closed breach (its latest closing in the log, else its last update); null unless closed. */
  closed_at: string | null;
  /** Migration 0013: 1 once minimised by a retention purge. */
  purged: number;
  index_key: string;
}

/** Migration 0013: a live activity's completeness against the vendor register, the review-date rule left out (applied when read). */
export interface ActivityIndexTable {
  activity_id: string;
  reference: string;
  name: string;
  status: string;
  /** The row's review date (Today's review item). */
  review_date: string | null;
  /** The review date the completeness rule reads (the parsed activity's), null when it has none. */
  review_check: string | null;
  /** Σ weights of the rules that apply and Σ weight × passed fraction, in the rules' order, review rule excluded. */
  check_weight: number;
  check_earned: number;
  errors: number;
  warnings: number;
  /** 1 when the DPIA is required and not done (issue dpia_not_done). */
  dpia_required: number;
  /** JSON array: the vendors the check read (listing the activity or named by its processors). */
  vendor_ids: string;
  index_key: string;
}

export interface DB {
  meta: MetaTable;
  vigie_migration_hashes: MigrationHashTable;
  change_log: ChangeLogTable;
  org_profile: OrgProfileTable;
  activities: ActivitiesTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_attachments: RequestAttachmentsTable;
  breaches: BreachesTable;
  breach_files: BreachFilesTable;
  vendors: VendorsTable;
  vendor_files: VendorFilesTable;
  adequacy_overrides: AdequacyOverridesTable;
  retention_settings: RetentionSettingsTable;
  retention_holds: RetentionHoldsTable;
  register_purges: RegisterPurgesTable;
  response_targets: ResponseTargetsTable;
  request_index: RequestIndexTable;
  request_rights_counts: RequestRightsCountsTable;
  request_answer_counts: RequestAnswerCountsTable;
  cell_clock: CellClockTable;
  sync_members: SyncMembersTable;
  device_keys: DeviceKeysTable;
  sync_pending: SyncPendingTable;
  sync_conflicts: SyncConflictsTable;
  sync_files: SyncFilesTable;
  ref_counters: RefCountersTable;
  breach_index: BreachIndexTable;
  activity_index: ActivityIndexTable;
}

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

export interface DB {
  meta: MetaTable;
  vigie_migration_hashes: MigrationHashTable;
  change_log: ChangeLogTable;
  org_profile: OrgProfileTable;
  activities: ActivitiesTable;
}

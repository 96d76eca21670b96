import type { VigieMigration } from './types';

/**
 * 0011 — stored clocks of breaches, and the columns the dashboard's request counts need
 * (performance issue 11: 2,000 breaches, 100,000 rights requests).
 *
 * `breach_index` is derived, like `request_index` (0007): one row per breach with its notification
 * deadline (the authority's 72 h, or for a processor's breach the earliest contractual notice to a
 * controller still to inform), as an instant and in epoch milliseconds, the time-independent flags
 * (clock running, deadline known, notified late, delay reasons missing) and what lists filter on
 * (status, severity, live). Recomputed in the same transaction as every write of a breach, or of an
 * activity it links to (a processor activity's contract hours set its clock), and for every breach
 * when its key changes (clock engine version, the profile's notification hours). Not in the change
 * log and never synced: each device derives it. Whether a running clock is overdue depends on the
 * moment, so it is decided in the query (`notify_by_ms < now`).
 *
 * `request_index` gains what the requests summary counts (additive; filled by the rebuild the new
 * index key triggers): live (not in the trash), the rights as a bit mask (bit i = RIGHTS[i]) and
 * awaiting identity (added by 0010).
 *
 * `requests_reference_number` lets a new case's number come from the year's highest reference in
 * one index step (longest number first, then the highest of that length) instead of reading every
 * reference of the year (25,000 a year at 100,000 cases). An index only: additive, nothing synced.
 */
export const m0011: VigieMigration = {
  name: '0011_breach_index',
  statements: [
    `CREATE TABLE breach_index (
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
    ) STRICT`,
    `CREATE INDEX breach_index_clock ON breach_index (live, clock_running, notify_by_ms)`,
    `CREATE INDEX breach_index_aware ON breach_index (live, aware_at, reference)`,
    `ALTER TABLE request_index ADD COLUMN live INTEGER NOT NULL DEFAULT 1`,
    `ALTER TABLE request_index ADD COLUMN rights_mask INTEGER NOT NULL DEFAULT 0`,
    `CREATE INDEX requests_reference_number ON requests (substr(reference, 1, 10), length(reference), reference)`,
  ],
};

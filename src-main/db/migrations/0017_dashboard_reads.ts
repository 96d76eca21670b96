import type { VigieMigration } from './types';

/**
 * 0017 — what the dashboard reads after unlocking, cheaper to read (issue 11: "unlock + open +
 * dashboard", aim ≤ 230 ms at 100,000 requests). Both are derived: never logged nor synced,
 * outside the audit trail.
 *
 * - `request_answer_counts_year`: the answer counts' key and count in one index. The requests summary
 *   reads the year of answers (~12,600 groups at 100,000 cases) as one range of it, where it read the
 *   key's index and then each row of the table for its count (16 → 6 ms after an unlock).
 * - `vendor_index`: each live vendor as the vendor register parses it (services/vendor-index.ts),
 *   next to the row's values it was parsed from. The dashboard's first call parsed the 1,000 vendors
 *   with the schema (~40 ms after an unlock); a stored vendor whose row still holds the same values
 *   is read back with JSON.parse instead. Empty here: the open that upgrades fills it (Workspace.open),
 *   every write of a vendor refreshes its row in the same transaction.
 */
export const m0017: VigieMigration = {
  name: '0017_dashboard_reads',
  statements: [
    `CREATE INDEX request_answer_counts_year ON request_answer_counts (sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target, n)`,
    `CREATE TABLE vendor_index (
      vendor_id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      country TEXT NOT NULL,
      risk TEXT,
      next_review_on TEXT,
      details TEXT NOT NULL,
      vendor TEXT NOT NULL,
      index_key TEXT NOT NULL
    )`,
  ],
};

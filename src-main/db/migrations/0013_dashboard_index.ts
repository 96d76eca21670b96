import type { VigieMigration } from './types';

/**
 * 0013 — what the dashboard reads after unlocking, from indexes (issue 11: "unlock + open + dashboard
 * ≤ 300 ms" at 100,000 requests, 1,000 activities, 1,000 vendors, 2,000 breaches).
 *
 * `request_index` (derived, 0007) gains the requester's name and the day the extension was notified,
 * the two facts the Today list shows or tests that it read from each case: Today's requests (every
 * open case due within a week or overdue, ~1,900 at 100,000 cases) are then read from
 * `request_index_today`, a covering index over the open cases only, instead of one case row each.
 * Existing rows are filled here with the values services/request-index.ts `indexRow` writes (the
 * name column, the JSON's `extension.notifiedOn`); later writes keep them (Workspace.mutate, applyRemote).
 * Whether every case has its index row is counted here once and recorded (`request_index_complete`),
 * instead of counting 100,000 cases and rows after each unlock.
 * The name is the case's own value, kept in the same encrypted file and rewritten by a purge of the
 * case (a purge is a write of the case: its index row is recomputed in the same transaction).
 *
 * `breach_index` (0011) gains the retention trigger of a closed breach (`closed_at`: the instant of its
 * latest closing in the change log, else its last update) and whether it was minimised (`purged`):
 * the retention list asks for the few breaches closed long enough ago instead of parsing every breach
 * and reading every closing in the log. Filled by the rebuild its new index key triggers.
 *
 * `activity_index` (new, derived like the two above, never synced nor logged) holds each live
 * activity's completeness against the vendor register with the review-date rule left out (the only
 * rule that depends on the day, applied when read): the weights of the rules that apply and those
 * earned, the errors and warnings, whether a DPIA is required and not done, and the vendors the check
 * read (a write of one of them recomputes the activity). The dashboard's register figures and the
 * Today list then read 1,000 small rows instead of parsing and checking 1,000 activities.
 */
export const m0013: VigieMigration = {
  name: '0013_dashboard_index',
  statements: [
    `ALTER TABLE request_index ADD COLUMN requester_name TEXT NOT NULL DEFAULT ''`,
    `ALTER TABLE request_index ADD COLUMN extension_notified_on TEXT`,
    `UPDATE request_index SET requester_name = r.requester_name, extension_notified_on = json_extract(r.details, '$.extension.notifiedOn')
       FROM requests r WHERE r.id = request_index.request_id`,
    // Whether every case has its row, counted once here rather than at each unlock (services/request-index.ts).
    `INSERT OR REPLACE INTO meta (key, value) SELECT 'request_index_complete', value FROM meta
       WHERE key = 'request_index_key' AND (SELECT count(*) FROM requests) = (SELECT count(*) FROM request_index)`,
    `CREATE INDEX request_index_today ON request_index (live, sort_key, reference, request_id, requester_name, extended, notified_ok, notice_pending, notice_by, one_month, three_months, extension_notified_on) WHERE closed = 0`,
    `ALTER TABLE breach_index ADD COLUMN closed_at TEXT`,
    `ALTER TABLE breach_index ADD COLUMN purged INTEGER NOT NULL DEFAULT 0`,
    `CREATE INDEX breach_index_closed ON breach_index (closed_at) WHERE closed_at IS NOT NULL`,
    `CREATE TABLE activity_index (
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
    )`,
    // A register without live activities has its index complete already (a new workspace): its key is
    // recorded, so the first read does not rebuild it. Otherwise the first read builds every row
    // (services/activity-index.ts KEY; a later rules version changes the key and rebuilds).
    `INSERT OR IGNORE INTO meta (key, value) SELECT 'activity_index_key', '{"format":1,"rules":1}' WHERE NOT EXISTS (SELECT 1 FROM activities WHERE deleted_at IS NULL)`,
  ],
};

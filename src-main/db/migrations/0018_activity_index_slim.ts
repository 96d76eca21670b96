import type { VigieMigration } from './types';

/**
 * 0018 — a smaller `activity_index` (issue 11: the write path at ≥ 0.25× raw SQLite).
 *
 * The derived index of 0013 kept, beside each activity's stored completeness, copies of the
 * activity's reference, name, status and review date and the index key on every row, in a table
 * keyed by rowid with a second B-tree for its primary key. Every page a transaction writes is
 * encrypted into the WAL and again by the checkpoint: for a bulk write of activities that index was
 * 14% of the pages written (888 of 6,513 for 20,000 activities). Its readers now take those columns
 * from the activity row itself (services/activity-index.ts: one join on the primary key), and a
 * bulk insert of activities costs ~3 µs less a row (the index's own pages: 888 → ~520). A table
 * WITHOUT ROWID measured no better, and every table keeps its rowid (tests dump tables by it).
 *
 * The rows are carried over as they are (same rules, same key recorded in `meta`), so nothing is
 * recomputed at the next unlock. Derived, never synced nor logged: rebuilding it is not a change
 * of anything a peer sees.
 */
export const m0018: VigieMigration = {
  name: '0018_activity_index_slim',
  statements: [
    `CREATE TABLE activity_index_0018 (
      activity_id TEXT PRIMARY KEY NOT NULL,
      review_check TEXT,
      check_weight REAL NOT NULL,
      check_earned REAL NOT NULL,
      errors INTEGER NOT NULL,
      warnings INTEGER NOT NULL,
      dpia_required INTEGER NOT NULL,
      vendor_ids TEXT NOT NULL
    )`,
    `INSERT INTO activity_index_0018 (activity_id, review_check, check_weight, check_earned, errors, warnings, dpia_required, vendor_ids)
       SELECT activity_id, review_check, check_weight, check_earned, errors, warnings, dpia_required, vendor_ids FROM activity_index`,
    `DROP TABLE activity_index`,
    `ALTER TABLE activity_index_0018 RENAME TO activity_index`,
  ],
};

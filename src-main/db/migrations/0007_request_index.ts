import type { VigieMigration } from './types';

/**
 * 0007 — the deadlines of every rights request, stored so lists page, filter and sort in SQL
 * (performance issue: 100,000 cases). A derived index, not domain data: recomputed from the case
 * and the rules in the same transaction as every write of a case (Workspace.mutate), and for all
 * cases when its key changes (deadline engine version, holiday data version, the profile's
 * jurisdiction, the internal response targets). Not in the change log and never synced: each
 * device derives it. Status depends on the day, so it is computed in the query from these dates.
 */
export const m0007: VigieMigration = {
  name: '0007_request_index',
  statements: [
    `CREATE TABLE request_index (
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
    ) STRICT`,
    `CREATE INDEX request_index_open ON request_index (closed, one_month, three_months)`,
  ],
};

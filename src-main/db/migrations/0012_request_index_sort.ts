import type { VigieMigration } from './types';

/**
 * 0012 — the requests page and the dashboard read from indexes at 100,000 cases (issue 11).
 *
 * `request_index` (derived, 0007) gains
 * - `reference`: the case's reference, so a page is chosen, ordered and counted without reading the
 *   cases (a case row holds its whole JSON details: touching 100,000 of them costs seconds);
 * - `sort_key`: the list's deadline order key when it does not depend on the day: '0' + the due date
 *   in force for an open case, '1' + the inverted answer date for a closed one. NULL for an open case
 *   whose extension is decided but not yet notified: its due date switches from three months to one
 *   month the day the notice limit passes, so its key is computed in the query (a handful of cases).
 *
 * `request_index_page` orders the live cases by that key and covers every column the page's filters,
 * its total and the requests summary read, so none of them reads the table. `request_index_pending`
 * lists the cases whose key is computed. `request_index_received` serves the "newest receipt" order,
 * `request_index_rights` the summary's count per right (grouped masks).
 * `requests_response` lets the retention service find the cases closed before a day without reading
 * every case.
 *
 * Existing rows get their values here with the same definitions as services/request-index.ts
 * (`indexRow`); later writes keep them current (Workspace.mutate refreshes the cases it wrote).
 */
export const m0012: VigieMigration = {
  name: '0012_request_index_sort',
  statements: [
    `ALTER TABLE request_index ADD COLUMN reference TEXT NOT NULL DEFAULT ''`,
    `ALTER TABLE request_index ADD COLUMN sort_key TEXT`,
    `UPDATE request_index SET
       reference = coalesce((SELECT r.reference FROM requests r WHERE r.id = request_index.request_id), ''),
       sort_key = CASE
         WHEN closed = 1 THEN '1' || printf('%08d', 99999999 - CAST(replace(response_sent_on, '-', '') AS INTEGER))
         WHEN extended = 1 AND notified_ok = 0 AND notice_pending = 1 THEN NULL
         WHEN extended = 1 AND notified_ok = 1 THEN '0' || three_months
         ELSE '0' || one_month
       END`,
    `CREATE INDEX request_index_page ON request_index (live, sort_key, reference, request_id, closed, extended, notified_ok, notice_pending, notice_by, one_month, three_months, response_sent_on, target_on, awaiting_identity, rights_mask, received_on)`,
    `CREATE INDEX request_index_pending ON request_index (live, reference) WHERE sort_key IS NULL`,
    `CREATE INDEX request_index_received ON request_index (live, received_on, reference, request_id)`,
    `CREATE INDEX request_index_rights ON request_index (live, rights_mask)`,
    `CREATE INDEX requests_response ON requests (response_sent_on)`,
  ],
};

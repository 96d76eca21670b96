import type { VigieMigration } from './types';

/**
 * 0016 — the requests summary's counts kept up to date by SQLite itself (issue 11: "unlock + open +
 * dashboard ≤ 300 ms" at 100,000 requests). The summary counted every live case's rights (an index of
 * 100,000 entries) and read a year of answered cases from the wide deadline index (~28,000 entries,
 * ~4 MB to decrypt after each unlock). Two small derived tables now hold those counts:
 *
 * - `request_rights_counts`: live cases per rights mask;
 * - `request_answer_counts`: live answered cases grouped by everything the summary's year of answers
 *   reads: the answer day, the days taken (histogram, median), whether it was answered by the one-month
 *   and by the three-month date, which of the two applies (`mode` 0: one month; 1: the extension holds,
 *   notified in time; 2: it holds while the day is on or before `notice_by`, the notice still pending —
 *   the one case where the due date in force depends on the day), and the internal target.
 *
 * Triggers on `request_index` keep both in the transaction that writes an index row (every write of a
 * case refreshes its row, a rebuild deletes and rewrites them all): they can never disagree with the
 * index, whatever writes it. Like `request_index`, they are derived: never logged nor synced, outside
 * the audit trail. Filled here from the existing rows. The predicates are repositories/request-index.ts
 * EFFECTIVE_DUE and the summary's; services/request-counts.test.ts compares the summary with every case
 * computed in memory.
 */
const ANSWER_COLUMNS = 'sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target';

/** The answer-count key of an index row (`r` is NEW, OLD or a table alias). */
function answerKey(r: string): string {
  return `${r}.response_sent_on,
    coalesce(CAST(round(julianday(${r}.response_sent_on) - julianday(${r}.received_on)) AS INTEGER), 0),
    CASE WHEN ${r}.extended = 1 AND ${r}.notified_ok = 1 THEN 1 WHEN ${r}.extended = 1 AND ${r}.notice_pending = 1 THEN 2 ELSE 0 END,
    CASE WHEN ${r}.extended = 1 AND ${r}.notified_ok = 0 AND ${r}.notice_pending = 1 THEN ${r}.notice_by ELSE '' END,
    ${r}.response_sent_on <= ${r}.one_month,
    ${r}.response_sent_on <= ${r}.three_months,
    ${r}.target_on IS NOT NULL,
    coalesce(${r}.response_sent_on <= ${r}.target_on, 0)`;
}
const answered = (r: string) => `${r}.live = 1 AND ${r}.closed = 1 AND ${r}.response_sent_on IS NOT NULL`;

const addRow = (r: string) => `
  INSERT INTO request_rights_counts (rights_mask, n) SELECT ${r}.rights_mask, 1 WHERE ${r}.live = 1
    ON CONFLICT (rights_mask) DO UPDATE SET n = n + 1;
  INSERT INTO request_answer_counts (${ANSWER_COLUMNS}, n) SELECT ${answerKey(r)}, 1 WHERE ${answered(r)}
    ON CONFLICT (${ANSWER_COLUMNS}) DO UPDATE SET n = n + 1;`;

const removeRow = (r: string) => `
  UPDATE request_rights_counts SET n = n - 1 WHERE ${r}.live = 1 AND rights_mask = ${r}.rights_mask;
  UPDATE request_answer_counts SET n = n - 1 WHERE ${answered(r)} AND (${ANSWER_COLUMNS}) = (SELECT ${answerKey(r)});
  DELETE FROM request_answer_counts WHERE n = 0 AND ${answered(r)} AND sent_on = ${r}.response_sent_on;`;

export const m0016: VigieMigration = {
  name: '0016_request_counts',
  statements: [
    `CREATE TABLE request_rights_counts (rights_mask INTEGER PRIMARY KEY NOT NULL, n INTEGER NOT NULL)`,
    `CREATE TABLE request_answer_counts (
      sent_on TEXT NOT NULL,
      days INTEGER NOT NULL,
      mode INTEGER NOT NULL,
      notice_by TEXT NOT NULL,
      by_one_month INTEGER NOT NULL,
      by_three_months INTEGER NOT NULL,
      target INTEGER NOT NULL,
      on_target INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (${ANSWER_COLUMNS})
    )`,
    `INSERT INTO request_rights_counts (rights_mask, n) SELECT rights_mask, count(*) FROM request_index WHERE live = 1 GROUP BY rights_mask`,
    `INSERT INTO request_answer_counts (${ANSWER_COLUMNS}, n) SELECT ${answerKey('x')}, count(*) FROM request_index x WHERE ${answered('x')} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
    `CREATE TRIGGER request_counts_insert AFTER INSERT ON request_index BEGIN ${addRow('NEW')}
    END`,
    `CREATE TRIGGER request_counts_delete AFTER DELETE ON request_index BEGIN ${removeRow('OLD')}
    END`,
    `CREATE TRIGGER request_counts_update AFTER UPDATE ON request_index BEGIN ${removeRow('OLD')} ${addRow('NEW')}
    END`,
  ],
};

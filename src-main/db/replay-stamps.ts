/**
 * An entry's effect on a row's stamps: the newest stamp and its `at` (updated_at); for an insert,
 * the oldest insert's stamp and `at` (created_at). True for an insert, which also clears the
 * tombstone (the caller offers deleted_at = null at the entry's stamp). Shared by the keyed replay
 * (replay.ts) and the streamed one (audit-compare.ts, also loaded by verify's second thread: this
 * module imports nothing), so both read the log the same way.
 */
export function replayStamps(row: { hlc: string; updatedAt: string; insertHlc?: string; createdAt?: string }, e: { op: string; hlc: string; at: string }): boolean {
  if (e.hlc > row.hlc) {
    row.hlc = e.hlc;
    row.updatedAt = e.at;
  }
  if (e.op !== 'insert') return false;
  if (row.insertHlc === undefined || e.hlc < row.insertHlc) {
    row.insertHlc = e.hlc;
    row.createdAt = e.at;
  }
  return true;
}

/**
 * How Workspace.applyRemote cuts a large bundle into parts (issue 11: the window answers while a
 * colleague's large bundle or a new member's snapshot is applied). Pure: no I/O.
 */
import type { LogEntryRow } from '../db/log-format';

/** A bundle of at most this many entries is applied in one transaction, as before (most bundles). */
export const ONE_TRANSACTION_MAX = 64;

/**
 * The time one part should hold the main process: well under the 50 ms in which the API must
 * answer (jobs/responsiveness.test.ts), with room for a slow, shared machine.
 */
export const PART_MS = 25;

const FIRST = 32;
const MIN = 8;
const MAX = 4000;

export interface RemotePartOptions {
  /** Entries per part (tests): fixed, and bundles larger than it are applied in parts. Default: sized by time (PART_MS). */
  part?: number;
  /** After each slice checked and each part applied. */
  onProgress?: (p: { step: 'check' | 'apply'; done: number; total: number }) => void;
}

/**
 * The size of the next part: fixed when given, else from the time the parts so far took per entry
 * (entries differ: an activity's entry costs several times a request event's), so that a part takes
 * about PART_MS on this machine now.
 */
export class PartSize {
  private size: number;
  constructor(private readonly fixed?: number) {
    this.size = fixed !== undefined ? Math.max(1, Math.floor(fixed)) : FIRST;
  }

  get next(): number {
    return this.size;
  }

  took(entries: number, ms: number): void {
    if (this.fixed !== undefined || entries <= 0) return;
    const perEntry = Math.max(ms, 0.01) / entries;
    // Halfway to the estimate: one slow part (the machine busy elsewhere) does not swing the next.
    const want = Math.min(MAX, Math.max(MIN, Math.round(PART_MS / perEntry)));
    const half = Math.round((this.size + want) / 2);
    this.size = Math.abs(half - this.size) <= 1 ? want : half;
  }
}

/**
 * Where the part starting at `from` ends (exclusive): after `size` entries (or the bundle's end),
 * moved on to the end of the sender's transaction it falls in (consecutive entries of one device
 * with one `tx_id`) when that ends within another `size` entries, so a part is usually what a
 * smaller bundle would have carried. A larger transaction (an import of thousands of activities,
 * the bulk of a snapshot) is cut inside: the window must answer during it too. That is safe: the
 * sender wrote those entries in this order with its foreign keys checked at each statement, so
 * every prefix of its transaction holds together; the rows it reaches are whole, each part in one
 * transaction here with its derived indexes; and what follows arrives in the next part (or, should
 * the apply stop, at the next sync, which skips the entries held). One exception is never cut:
 * `together[i]` = the last entry that must share entry i's part (db/remote.ts checkRemote).
 */
export function partEnd(entries: ReadonlyArray<Pick<LogEntryRow, 'device_id' | 'tx_id'>>, from: number, size: number, together?: ArrayLike<number>): number {
  const step = Math.max(1, size);
  let end = Math.min(entries.length, from + step);
  let close = end;
  while (close < entries.length && close - end < step && sameTransaction(entries[close - 1]!, entries[close]!)) close++;
  // The transaction ends within reach (or the bundle does): there.
  if (close === entries.length || !sameTransaction(entries[close - 1]!, entries[close]!)) end = close;
  // Entries that must be applied with later ones (checkRemote's `together`: a scrubbed entry and
  // its row's purge) take the part on to them, however far.
  if (together) for (let i = from; i < end; i++) if (together[i]! >= end) end = Math.min(entries.length, together[i]! + 1);
  return end;
}

function sameTransaction(a: Pick<LogEntryRow, 'device_id' | 'tx_id'>, b: Pick<LogEntryRow, 'device_id' | 'tx_id'>): boolean {
  return a.device_id === b.device_id && a.tx_id === b.tx_id && typeof a.tx_id === 'string' && a.tx_id !== '';
}

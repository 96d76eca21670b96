/**
 * Change-log entries as they cross between threads during a sync (open-file.thread.ts): every
 * entry's text values joined in one string with their lengths, its numbers in one Float64Array.
 * Copying two strings and two typed arrays costs a fraction of the structured clone of ~20 values
 * an entry (330,000 entries: ~6 million values, a second or more in the receiving thread at once),
 * and the receiver rebuilds the entries a slice at a time, between two turns of its event loop.
 *
 * Lossless or not at all: only entries with exactly the change-log columns, each a string (or null
 * where a column may be null) or a number where the column is a number, are packed; anything else
 * (a colleague's newer format, a damaged or hostile file) travels as it is and meets the same checks.
 */
import type { LogEntryRow } from '../db/log-format';

const TEXT = ['id', 'table_name', 'row_id', 'op', 'fields', 'field_digests', 'salt', 'cell_salts', 'hlc', 'device_id', 'tx_id', 'actor', 'at', 'reason', 'prev_hash', 'hash'] as const;
const NUMBER = ['device_seq', 'schema_version', 'format'] as const;
const NULLABLE = new Set<string>(['salt', 'cell_salts', 'reason']);
const KEYS = TEXT.length + NUMBER.length;

/** Entries per text: one string of a whole snapshot could pass V8's longest string (~2^29 characters). */
const PER_TEXT = 10_000;

export interface PackedLog {
  count: number;
  /** Text `i` holds the text values of entries i × PER_TEXT to (i + 1) × PER_TEXT − 1. */
  texts: string[];
  /** Per entry and text column: its length in `text`, -1 for null. */
  lens: Int32Array;
  nums: Float64Array;
}

export function packLog(entries: readonly unknown[]): PackedLog | undefined {
  const lens = new Int32Array(entries.length * TEXT.length);
  const nums = new Float64Array(entries.length * NUMBER.length);
  const texts: string[] = [];
  let parts: string[] = [];
  let t = 0;
  let n = 0;
  for (let i = 0; i < entries.length; i++) {
    if (i % PER_TEXT === 0 && i > 0) {
      texts.push(parts.join(''));
      parts = [];
    }
    const e = entries[i];
    if (e === null || typeof e !== 'object' || Array.isArray(e) || Object.keys(e).length !== KEYS) return undefined;
    const r = e as Record<string, unknown>;
    for (const k of TEXT) {
      const v = r[k];
      if (typeof v === 'string') {
        parts.push(v);
        lens[t++] = v.length;
      } else if (v === null && NULLABLE.has(k)) lens[t++] = -1;
      else return undefined;
    }
    for (const k of NUMBER) {
      const v = r[k];
      if (typeof v !== 'number') return undefined;
      nums[n++] = v;
    }
  }
  texts.push(parts.join(''));
  return { count: entries.length, texts, lens, nums };
}

/** A reader of packed entries, a slice at a time and in order. */
export function logReader(p: PackedLog): { next(count: number): LogEntryRow[]; readonly done: boolean } {
  let i = 0;
  let at = 0;
  return {
    get done() {
      return i >= p.count;
    },
    next(count: number) {
      const end = Math.min(p.count, i + Math.max(1, count));
      const out: LogEntryRow[] = new Array(end - i);
      for (let o = 0; i < end; i++, o++) {
        if (i % PER_TEXT === 0) at = 0;
        const text = p.texts[Math.floor(i / PER_TEXT)]!;
        const e: Record<string, unknown> = {};
        for (let k = 0; k < TEXT.length; k++) {
          const len = p.lens[i * TEXT.length + k]!;
          if (len < 0) e[TEXT[k]!] = null;
          else {
            e[TEXT[k]!] = text.slice(at, at + len);
            at += len;
          }
        }
        for (let k = 0; k < NUMBER.length; k++) e[NUMBER[k]!] = p.nums[i * NUMBER.length + k]!;
        out[o] = e as unknown as LogEntryRow;
      }
      return out;
    },
  };
}

/** Every entry, rebuilt a slice at a time with the event loop turning between two slices. */
export async function unpackLog(p: PackedLog, slice = 5000): Promise<LogEntryRow[]> {
  const r = logReader(p);
  const out: LogEntryRow[] = [];
  while (!r.done) {
    for (const e of r.next(slice)) out.push(e);
    if (!r.done) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

import type Database from 'better-sqlite3';
import { formatReference, referenceNumber, type ReferenceKind } from '../domain/references';
import { prepared } from './write';

const TABLE_OF: Record<ReferenceKind, string> = { DSAR: 'requests', BR: 'breaches', T: 'activities' };

/**
 * The next reference of this device (see domain/references.ts for the scheme), from a counter kept
 * in `ref_counters` (migration 0009), never a scan of every reference: the first allocation of a
 * (kind, year, member code) starts after the highest number already used, once. A number already
 * taken (a reference typed by hand) is skipped through the reference index.
 */
export function allocateReference(raw: Database.Database, kind: ReferenceKind, year: number, code: string): string {
  const table = TABLE_OF[kind];
  const y = kind === 'T' ? 0 : year;
  const row = prepared(raw, 'SELECT last FROM ref_counters WHERE kind = ? AND year = ? AND code = ?').get(kind, y, code) as { last: number } | undefined;
  let last = row?.last;
  if (last === undefined) {
    last = 0;
    for (const r of prepared(raw, `SELECT reference FROM "${table}"`).iterate() as Iterable<{ reference: string }>) {
      const n = referenceNumber(kind, year, code, r.reference);
      if (n !== null && n > last) last = n;
    }
  }
  const used = prepared(raw, `SELECT 1 FROM "${table}" WHERE reference = ? LIMIT 1`);
  let ref: string;
  do {
    last++;
    ref = formatReference(kind, year, code, last);
  } while (used.get(ref));
  prepared(raw, 'INSERT INTO ref_counters (kind, year, code, last) VALUES (?, ?, ?, ?) ON CONFLICT (kind, year, code) DO UPDATE SET last = excluded.last').run(kind, y, code, last);
  return ref;
}

/**
 * A reference given explicitly (a breach recorded with the reference already used on paper): when
 * it belongs to this device's series, the counter moves past it, so numbering continues after the
 * highest number as a DPO expects.
 */
export function claimReference(raw: Database.Database, kind: ReferenceKind, year: number, code: string, ref: string): void {
  const n = referenceNumber(kind, year, code, ref);
  if (n === null) return;
  allocateCounterAtLeast(raw, kind, kind === 'T' ? 0 : year, code, n, () => {
    // First use of this series on this device: start from what is already there.
    let last = 0;
    for (const r of prepared(raw, `SELECT reference FROM "${TABLE_OF[kind]}"`).iterate() as Iterable<{ reference: string }>) {
      const m = referenceNumber(kind, year, code, r.reference);
      if (m !== null && m > last) last = m;
    }
    return last;
  });
}

function allocateCounterAtLeast(raw: Database.Database, kind: ReferenceKind, y: number, code: string, n: number, initial: () => number): void {
  const row = prepared(raw, 'SELECT last FROM ref_counters WHERE kind = ? AND year = ? AND code = ?').get(kind, y, code) as { last: number } | undefined;
  const last = Math.max(row?.last ?? initial(), n);
  prepared(raw, 'INSERT INTO ref_counters (kind, year, code, last) VALUES (?, ?, ?, ?) ON CONFLICT (kind, year, code) DO UPDATE SET last = excluded.last').run(kind, y, code, last);
}

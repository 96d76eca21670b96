/**
 * Erasure of one record's personal data on request (GDPR art. 17; issue 10, Part 1 item 7: the CLI's
 * `purge --table T --id ID --reason "…"`). Pure: which columns of which table hold personal data and
 * what they become. The write path's purge then makes every earlier change-log value of those
 * columns forgotten, and the purge travels to colleagues as a change of its own.
 *
 * What stays is the accountability record (references, dates, rights, decisions, outcomes), as in
 * the retention purges (domain/retention/rules.ts), whose pseudonymisation this reuses so a case
 * erased by hand and one purged under a retention rule look the same. Tables not listed here hold
 * no data about a person that erasure could target (the register describes processing, not people;
 * the organisation profile and members are the team's own working data).
 */
import type { IsoDate } from './calendar';
import { minimisedBreachDetails, minimisedVendorDetails, pseudonym, pseudonymisedCaseDetails, type PurgeMark } from './retention/rules';

/** Recorded inside the erased record (`details.purge`) so its page says when, by whom and why. */
export interface ErasureMark {
  on: IsoDate;
  rule: 'erasure';
  by: string;
  reason: string;
}

export const ERASABLE_TABLES = ['requests', 'request_events', 'request_attachments', 'breaches', 'breach_files', 'vendors', 'vendor_files'] as const;
export type ErasableTable = (typeof ERASABLE_TABLES)[number];

export function isErasableTable(t: string): t is ErasableTable {
  return (ERASABLE_TABLES as readonly string[]).includes(t);
}

/** The columns an erasure blanks, per table (documentation and tests; `erasureValues` computes them). */
export const PERSONAL_COLUMNS: Record<ErasableTable, readonly string[]> = {
  requests: ['requester_name', 'details'],
  request_events: ['summary'],
  request_attachments: ['content'],
  breaches: ['details'],
  breach_files: ['content'],
  vendors: ['details'],
  vendor_files: ['content'],
};

function objectOf(v: unknown): Record<string, unknown> {
  if (typeof v === 'string') {
    try {
      const parsed = JSON.parse(v) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * The values that replace a record's personal data. `row` is the stored row (JSON columns as text
 * or objects). The retention helpers take a retention mark; the erasure mark replaces it.
 */
export function erasureValues(table: ErasableTable, row: Record<string, unknown>, mark: ErasureMark): Record<string, unknown> {
  const asRetention = { ...mark, rule: 'request-closed' } as PurgeMark;
  switch (table) {
    case 'requests':
      return { requester_name: pseudonym(asRetention), details: { ...pseudonymisedCaseDetails(objectOf(row.details), asRetention), purge: mark } };
    case 'breaches':
      return { details: { ...minimisedBreachDetails(objectOf(row.details), asRetention), purge: mark } };
    case 'vendors':
      return { details: { ...minimisedVendorDetails(objectOf(row.details), asRetention), purge: mark } };
    case 'request_events':
      return { summary: '' };
    case 'request_attachments':
    case 'breach_files':
    case 'vendor_files':
      return { content: '' };
  }
}

/** Child records that go with a parent's erasure (a case's timeline and documents, a breach's evidence). */
export const ERASED_WITH: Partial<Record<ErasableTable, Array<{ table: ErasableTable; parentColumn: string }>>> = {
  requests: [
    { table: 'request_events', parentColumn: 'request_id' },
    { table: 'request_attachments', parentColumn: 'request_id' },
  ],
  breaches: [{ table: 'breach_files', parentColumn: 'breach_id' }],
  vendors: [{ table: 'vendor_files', parentColumn: 'vendor_id' }],
};

/**
 * Global search (command palette): accent- and case-insensitive matching of a query against the
 * names and references of records, ranked. Pure; the service (services/search.ts) supplies the records.
 */

export const SEARCH_AREAS = ['register', 'requests', 'vendors', 'breaches'] as const;
export type SearchArea = (typeof SEARCH_AREAS)[number];

export interface Searchable {
  area: SearchArea;
  id: string;
  reference: string;
  label: string;
  /** Shown under the label (status, country, legal entity); searched too. */
  detail: string;
}

export interface SearchHit extends Searchable {
  score: number;
}

/** Lower case, without accents, spaces collapsed: « Élodie  Martin » → « elodie martin ». */
export function normalize(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Score of one record: every word of the query must occur in the reference, the label or the detail.
 * A reference that equals or starts with the query ranks first, then a label starting with it, then
 * words starting a label word, then any occurrence. 0: no match.
 */
export function scoreRecord(query: string, r: Searchable): number {
  const q = normalize(query);
  if (!q) return 0;
  const ref = normalize(r.reference);
  const label = normalize(r.label);
  const all = `${ref} ${label} ${normalize(r.detail)}`;
  const words = q.split(' ');
  if (!words.every((w) => all.includes(w))) return 0;
  if (ref === q) return 100;
  if (ref.startsWith(q)) return 90;
  if (label === q) return 85;
  if (label.startsWith(q)) return 80;
  const labelWords = label.split(/[\s\-'’,.()/]+/);
  if (words.every((w) => labelWords.some((lw) => lw.startsWith(w)))) return 60;
  if (words.every((w) => label.includes(w) || ref.includes(w))) return 40;
  return 20;
}

export function searchRecords(query: string, records: readonly Searchable[], limit = 20): SearchHit[] {
  return records
    .map((r) => ({ ...r, score: scoreRecord(query, r) }))
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || SEARCH_AREAS.indexOf(a.area) - SEARCH_AREAS.indexOf(b.area) || a.reference.localeCompare(b.reference))
    .slice(0, limit);
}

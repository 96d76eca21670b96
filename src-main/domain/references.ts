/**
 * References printed on letters and registers (DSAR-2026-0015, BR-2026-004, T-012). Pure.
 *
 * Scheme for teams (issue 10, 2026-12-01): two colleagues working offline must never allocate the
 * same reference, and a reference already printed never changes. The founding device (and every
 * workspace that does not sync) keeps the historical form; every other member's device has a short
 * member code (its colleague's initials, made unique when approved) inside its references:
 * DSAR-2026-CM-0001, BR-2026-CM-001, T-CM-001. Each device counts its own numbers (a counter kept in
 * the workspace, never a scan of every reference), so no two devices can produce the same text.
 */
export type ReferenceKind = 'DSAR' | 'BR' | 'T';

const WIDTH: Record<ReferenceKind, number> = { DSAR: 4, BR: 3, T: 3 };

export function formatReference(kind: ReferenceKind, year: number, code: string, n: number): string {
  const num = String(n).padStart(WIDTH[kind], '0');
  const c = code ? `${code}-` : '';
  return kind === 'T' ? `T-${c}${num}` : `${kind}-${year}-${c}${num}`;
}

/** The number of a reference of this kind, year and member code, or null when it is another's. */
export function referenceNumber(kind: ReferenceKind, year: number, code: string, ref: string): number | null {
  const m = kind === 'T' ? /^T-(?:([A-Z]{1,3})-)?(\d+)$/.exec(ref) : new RegExp(`^${kind}-(\\d{4})-(?:([A-Z]{1,3})-)?(\\d+)$`).exec(ref);
  if (!m) {
    // Activity references typed by hand before numbering (e.g. "RH-007") count in the founder's series.
    if (kind === 'T' && !code) {
      const loose = /^(?:[A-Z]+-)?T?-?(\d+)$/i.exec(ref);
      return loose ? Number(loose[1]) : null;
    }
    return null;
  }
  if (kind === 'T') return (m[1] ?? '') === code ? Number(m[2]) : null;
  if (Number(m[1]) !== year || (m[2] ?? '') !== code) return null;
  return Number(m[3]);
}

/** A member code from a colleague's name: initials, ASCII capitals, unique among the codes taken. */
export function memberCodeFor(name: string, taken: ReadonlySet<string>): string {
  const letters = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter(Boolean)
    .map((w) => w[0]!)
    .join('')
    .slice(0, 2);
  const base = letters.length === 0 ? 'M' : letters;
  if (!taken.has(base) && base.length > 0) return base;
  for (const extra of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    const candidate = `${base.slice(0, 2)}${extra}`;
    if (!taken.has(candidate)) return candidate;
  }
  for (const a of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') for (const b of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') for (const d of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') if (!taken.has(a + b + d)) return a + b + d;
  throw new Error('No member code left.');
}

export const REFERENCE_PATTERNS = {
  DSAR: /^DSAR-\d{4}-(?:[A-Z]{1,3}-)?\d{4,}$/,
  BR: /^BR-\d{4}-(?:[A-Z]{1,3}-)?\d{3,}$/,
} as const;

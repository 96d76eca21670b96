/**
 * Article references as a French DPO writes them: « art. 30, § 1, e) », « art. 49, § 1, al. 2 »,
 * never "Art. 30(1)(e)" in a French document. The vocabulary and completeness rules keep the
 * compact English form as their identifier; documents and screens pass it through here.
 */
const ONE = /^Art\. (\d+)((?:\(\w+\))*)(, 2nd subparagraph)?$/;

function frOne(ref: string): string {
  const m = ONE.exec(ref.trim());
  if (!m) return ref.replace(/^Art\. /, 'art. ');
  const [, num, parts = '', second] = m;
  const bits = [...parts.matchAll(/\((\w+)\)/g)].map((x) => x[1]!);
  const out = [`art. ${num}`];
  bits.forEach((b, i) => out.push(i === 0 && /^\d+$/.test(b) ? `§ ${b}` : `${b})`));
  if (second) out.push('al. 2');
  return out.join(', ');
}

/** "Art. 30(1)(e)" → « art. 30, § 1, e) » in French; unchanged in English. Lists joined by ", Art." too. */
export function articleRef(ref: string, lang: 'fr' | 'en'): string {
  if (lang === 'en') return ref;
  return ref
    .split(/,\s*(?=Art\. )/)
    .map(frOne)
    .join(', ');
}

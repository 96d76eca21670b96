/**
 * Article references as a French DPO writes them: « art. 30, § 1, e) », « art. 49, § 1, al. 2 »,
 * never "Art. 30(1)(e)" or "GDPR Art." in a French document. The vocabulary, completeness and vendor
 * rules keep the compact English form as their identifier; documents and screens pass it through
 * here (pure: the renderer imports it too).
 */
const ONE = /^Art\. (\d+)((?:\(\w+\))*)(, 2nd subparagraph)?$/;

function frOne(ref: string): string {
  const m = ONE.exec(ref.trim());
  if (!m) return ref.trim().replace(/^Art\. /, 'art. ');
  const [, num, parts = '', second] = m;
  const bits = [...parts.matchAll(/\((\w+)\)/g)].map((x) => x[1]!);
  const out = [`art. ${num}`];
  bits.forEach((b, i) => out.push(i === 0 && /^\d+$/.test(b) ? `§ ${b}` : `${b})`));
  if (second) out.push('al. 2');
  return out.join(', ');
}

/** One reference or a list ("Art. 46(2)(b), Art. 47", "GDPR Art. 28(1) and 32"). */
function frList(ref: string): string {
  return ref
    .replace(/^GDPR /, '')
    .split(/ and |,\s*(?=Art\. )/)
    .map((part) => frOne(/^\d/.test(part.trim()) ? `Art. ${part.trim()}` : part))
    .join(' et ');
}

/** "Art. 30(1)(e)" → « art. 30, § 1, e) » in French; unchanged in English. */
export function articleRef(ref: string, lang: 'fr' | 'en'): string {
  if (lang === 'en') return ref;
  const edpb = /^EDPB Recommendations (\S+), step (\d+)$/.exec(ref.trim());
  if (edpb) return `CEPD, recommandations ${edpb[1]}, étape ${edpb[2]}`;
  return ref
    .split(/;\s*/)
    .map((piece) => (/^(GDPR )?Art\. /.test(piece.trim()) ? frList(piece) : piece.trim()))
    .join(' ; ');
}

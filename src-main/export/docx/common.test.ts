import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { document, para, table, toBuffer, fieldsTable, superscriptOrdinals, typesetDocx } from './common';

async function xmlOf(lang: 'fr' | 'en', draft = false) {
  const doc = document({
    title: 'DSAR-2026-0015 — Test',
    lang,
    draft,
    sections: [{ children: [para("Objet : l'accès « n° 9 » ? Référence DSAR-2026-0015 & <autre>"), table(['Pays'], [['Réf : BR-2026-002']]), fieldsTable([['Clé', "Valeur d'essai : oui"]])] }],
  });
  const files = unzipSync(await toBuffer(doc));
  const read = (n: string) => strFromU8(files[n]!);
  return { files, doc: read('word/document.xml'), styles: read('word/styles.xml'), names: Object.keys(files), read };
}

describe('DOCX common builders', () => {
  it('typesets text written with character references without double-escaping them', () => {
    const zip = zipSync({ 'word/document.xml': strToU8('<w:p><w:r><w:t>Objet&#xA0;: l&apos;accès &amp; co&#8217;s</w:t></w:r></w:p>') });
    const out = strFromU8(unzipSync(typesetDocx(zip, 'fr'))['word/document.xml']!);
    expect(out).toBe('<w:p><w:r><w:t>Objet\u00A0: l’accès &amp; co’s</w:t></w:r></w:p>');
  });
  it('declare the document language in the default run properties', async () => {
    expect((await xmlOf('fr')).styles).toMatch(/<w:lang w:val="fr-FR"/);
    expect((await xmlOf('en')).styles).toMatch(/<w:lang w:val="en-GB"/);
  });
  it('apply French typography to paragraphs and tables, escaping preserved', async () => {
    const { doc } = await xmlOf('fr');
    expect(doc).toContain('Objet\u00A0: l’accès «\u00A0n°\u00A09\u00A0»\u202F? Référence DSAR\u20112026\u20110015 &amp; &lt;autre&gt;');
    expect(doc).toContain('Réf\u00A0: BR\u20112026\u2011002');
    expect(doc).toContain('Valeur d’essai\u00A0: oui');
    expect(doc).not.toContain("'");
  });
  it('mark every page of a draft « PROJET » and nothing else', async () => {
    const draft = await xmlOf('fr', true);
    const headers = draft.names.filter((n) => /^word\/header\d*\.xml$/.test(n)).map(draft.read).join('');
    expect(headers).toContain('PROJET');
    const final = await xmlOf('fr', false);
    const finalHeaders = final.names.filter((n) => /^word\/header\d*\.xml$/.test(n)).map(final.read).join('');
    expect(finalHeaders).not.toContain('PROJET');
  });

  it('raises « er » of « 1er » before a month, keeping the run’s formatting, and nothing else', () => {
    const run = (t: string, rPr = '<w:rPr><w:b/></w:rPr>') => `<w:r>${rPr}<w:t xml:space="preserve">${t}</w:t></w:r>`;
    const out = superscriptOrdinals(run('Paris, le 1er\u00A0décembre 2026, du 1er\u00A0mai'));
    expect(out).toBe(
      `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Paris, le 1</w:t></w:r><w:r><w:rPr><w:b/><w:vertAlign w:val="superscript"/></w:rPr><w:t>er</w:t></w:r>` +
        `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">\u00A0décembre 2026, du 1</w:t></w:r><w:r><w:rPr><w:b/><w:vertAlign w:val="superscript"/></w:rPr><w:t>er</w:t></w:r>` +
        `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">\u00A0mai</w:t></w:r>`,
    );
    // vertAlign goes before <w:lang> (schema order), and a run without properties gets some.
    expect(superscriptOrdinals(run('1er\u00A0juin', '<w:rPr><w:b/><w:lang w:val="fr-FR"/></w:rPr>'))).toContain('<w:b/><w:vertAlign w:val="superscript"/><w:lang w:val="fr-FR"/>');
    expect(superscriptOrdinals('<w:r><w:t>1er\u00A0juin</w:t></w:r>')).toContain('<w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>er</w:t>');
    for (const t of ['le 1er étage', '11er\u00A0mai', 'premier']) expect(superscriptOrdinals(run(t))).toBe(run(t));
    // A field run before a dated run is left whole.
    const field = '<w:r><w:rPr><w:i/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>';
    expect(superscriptOrdinals(field + run('1er\u00A0mai')).startsWith(field)).toBe(true);
  });
});

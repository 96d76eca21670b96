/**
 * Shared building blocks for every DOCX Vigie writes (letters, reports, CNIL drafts): one look,
 * one set of styles, the organisation's letterhead. Fonts: Arial (Liberation Sans renders it with
 * the same metrics where Arial is absent), so page breaks match between Word and LibreOffice.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { Zip, strFromU8, strToU8, unzipSync, zipSync, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import type { OrgProfile } from '../../domain/org-profile';
import { DOC_LANGUAGE, typo, type Lang } from '../text';
import { bodyParts, type XBlock, type XParagraph, type XTable, type XmlWriter } from './fast-xml';

export type { Lang } from '../text';
export { countryName, formatDateLong, formatInstant, formatNumber, formatTime, typo, NBSP, NNBSP, NB_HYPHEN } from '../text';
export const FONT = 'Arial';
const ACCENT = '3B4CCA';

export function text(value: string, opts: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({ text: value, font: FONT, ...opts });
}

export function para(value: string | TextRun[], opts: { bold?: boolean; italics?: boolean; align?: 'left' | 'right' | 'center' | 'justify'; spacingAfter?: number; color?: string } = {}): Paragraph {
  const runs = typeof value === 'string' ? value.split('\n').map((line, i) => new TextRun({ text: line, font: FONT, bold: opts.bold, italics: opts.italics, color: opts.color, break: i > 0 ? 1 : undefined })) : value;
  const alignment = opts.align === 'right' ? AlignmentType.RIGHT : opts.align === 'center' ? AlignmentType.CENTER : opts.align === 'justify' ? AlignmentType.JUSTIFIED : AlignmentType.LEFT;
  return new Paragraph({ children: runs, alignment, spacing: { after: opts.spacingAfter ?? 120 } });
}

export function heading(value: string, level: 1 | 2 | 3 = 1): Paragraph {
  const h = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: h, children: [new TextRun({ text: value, font: FONT })], spacing: { before: level === 1 ? 240 : 180, after: 120 } });
}

export function bullet(value: string): Paragraph {
  return new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: value, font: FONT })], spacing: { after: 60 } });
}

/** A marker for what the DPO still has to provide: shown in bold red so nothing missing goes unseen. */
export function missing(label: string, lang: Lang): TextRun {
  return new TextRun({ text: lang === 'fr' ? `[À COMPLÉTER : ${label}]` : `[TO COMPLETE: ${label}]`, font: FONT, bold: true, color: 'C00000' });
}

/** A4 width (11906 twips) less the 2 cm margins on each side. */
export const CONTENT_WIDTH_TWIPS = 11906 - 2 * 1134;

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: 'BFC4D6' };

/** A table with a shaded header row; cells take strings (with \n for line breaks). */
export function table(header: string[], rows: string[][], widths?: number[]): Table {
  const cell = (value: string, isHeader: boolean, i: number) =>
    new TableCell({
      children: value.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: FONT, bold: isHeader, size: 18, color: isHeader ? 'FFFFFF' : undefined })], spacing: { after: 40 } })),
      shading: isHeader ? { type: ShadingType.CLEAR, color: 'auto', fill: ACCENT } : undefined,
      width: widths ? { size: widths[i] ?? 10, type: WidthType.PERCENTAGE } : undefined,
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // LibreOffice honours explicit grid widths, not cell percentages: give both.
    ...(widths ? { columnWidths: widths.map((w) => Math.round((w / 100) * CONTENT_WIDTH_TWIPS)) } : {}),
    rows: [new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, i)) }), ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, false, i)) }))],
  });
}

/** Two-column key/value table for record sheets. */
export function fieldsTable(fields: Array<[string, string]>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [Math.round(0.32 * CONTENT_WIDTH_TWIPS), Math.round(0.68 * CONTENT_WIDTH_TWIPS)],
    rows: fields.map(
      ([k, v]) =>
        new TableRow({
          children: [
            new TableCell({ width: { size: 32, type: WidthType.PERCENTAGE }, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF0FA' }, borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder }, margins: { top: 60, bottom: 60, left: 80, right: 80 }, children: [new Paragraph({ children: [new TextRun({ text: k, font: FONT, bold: true, size: 18 })] })] }),
            new TableCell({ width: { size: 68, type: WidthType.PERCENTAGE }, borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder }, margins: { top: 60, bottom: 60, left: 80, right: 80 }, children: v.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: FONT, size: 18 })] })) }),
          ],
        }),
    ),
  });
}

/** The sender block of a letter: the controller and its DPO, from the organisation profile. */
export function letterhead(p: OrgProfile, lang: Lang): Paragraph[] {
  const lines = [p.controller_name || (lang === 'fr' ? 'Organisme' : 'Organisation'), p.address, [p.postcode, p.city].filter(Boolean).join(' ')].filter(Boolean);
  const dpo = p.dpo_name ? `${lang === 'fr' ? 'Délégué à la protection des données :' : 'Data Protection Officer:'} ${p.dpo_name}${p.dpo_email ? ` — ${p.dpo_email}` : ''}` : '';
  return [para(lines.join('\n'), { bold: false, spacingAfter: 60 }), ...(dpo ? [para(dpo, { italics: true, spacingAfter: 240 })] : [])];
}

/*
 * The same building blocks written by fast-xml.ts (for documents of thousands of paragraphs): each writes
 * exactly what its docx twin above writes (fast-xml.test.ts).
 */
const ALIGN_XML = { left: 'left', right: 'right', center: 'center', justify: 'both' } as const;

/** `para()` through an XmlWriter. */
export function xPara(w: XmlWriter, value: string, opts: { bold?: boolean; italics?: boolean; align?: 'left' | 'right' | 'center' | 'justify'; spacingAfter?: number; color?: string } = {}): XParagraph {
  const runs = value.split('\n').map((line, i) => w.run({ text: line, font: FONT, bold: opts.bold, italics: opts.italics, color: opts.color, break: i > 0 ? 1 : undefined }));
  return w.paragraph({ children: runs, alignment: ALIGN_XML[opts.align ?? 'left'], spacing: { after: opts.spacingAfter ?? 120 } });
}

/** `heading()` through an XmlWriter; `pageBreakBefore` starts a page with it. */
export function xHeading(w: XmlWriter, value: string, level: 1 | 2 | 3 = 1, opts: { pageBreakBefore?: boolean } = {}): XParagraph {
  return w.paragraph({ heading: `Heading${level}`, children: [w.run({ text: value, font: FONT })], pageBreakBefore: opts.pageBreakBefore, spacing: { before: level === 1 ? 240 : 180, after: 120 } });
}

/** `table()` (with its column widths) through an XmlWriter. */
export function xTable(w: XmlWriter, header: string[], rows: string[][], widths: number[]): XTable {
  const cell = (value: string, isHeader: boolean, i: number) =>
    w.cell({
      children: value.split('\n').map((line) => w.paragraph({ children: [w.run({ text: line, font: FONT, bold: isHeader, size: 18, color: isHeader ? 'FFFFFF' : undefined })], spacing: { after: 40 } })),
      shading: isHeader ? { type: ShadingType.CLEAR, color: 'auto', fill: ACCENT } : undefined,
      width: { size: widths[i] ?? 10, type: 'pct' },
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
    });
  return w.table({
    width: { size: 100, type: 'pct' },
    columnWidths: widths.map((x) => Math.round((x / 100) * CONTENT_WIDTH_TWIPS)),
    rows: [w.row({ tableHeader: true, children: header.map((h, i) => cell(h, true, i)) }), ...rows.map((r) => w.row({ children: r.map((v, i) => cell(v, false, i)) }))],
  });
}

/** `letterhead()` through an XmlWriter. */
export function xLetterhead(w: XmlWriter, p: OrgProfile, lang: Lang): XParagraph[] {
  const lines = [p.controller_name || (lang === 'fr' ? 'Organisme' : 'Organisation'), p.address, [p.postcode, p.city].filter(Boolean).join(' ')].filter(Boolean);
  const dpo = p.dpo_name ? `${lang === 'fr' ? 'Délégué à la protection des données :' : 'Data Protection Officer:'} ${p.dpo_name}${p.dpo_email ? ` — ${p.dpo_email}` : ''}` : '';
  return [xPara(w, lines.join('\n'), { bold: false, spacingAfter: 60 }), ...(dpo ? [xPara(w, dpo, { italics: true, spacingAfter: 240 })] : [])];
}

/** The language of each document built here, read back when it is packed (typography pass). */
const documentLang = new WeakMap<Document, Lang>();

/** « PROJET » on every page: a document that still lacks required content must never pass for a final one. */
function draftHeader(lang: Lang): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
        children: [
          new TextRun({ text: lang === 'fr' ? 'PROJET' : 'DRAFT', font: FONT, bold: true, size: 32, color: 'C00000' }),
          new TextRun({ text: lang === 'fr' ? ' — document incomplet, à ne pas envoyer en l’état' : ' — incomplete document, not to be sent as it stands', font: FONT, size: 18, color: 'C00000' }),
        ],
      }),
    ],
  });
}

/**
 * Wraps sections into a document with Vigie's styles, its language (`fr-FR` / `en-GB`, so Word and LibreOffice
 * check spelling and hyphenate in the right language) and a "page X / Y" footer; `draft` adds « PROJET » to
 * every page's header.
 */
export function document(opts: { title: string; lang: Lang; draft?: boolean; sections: Array<Omit<ISectionOptions, 'footers'>> }): Document {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `${opts.title} — ${opts.lang === 'fr' ? 'page' : 'page'} `, font: FONT, size: 16, color: '808080' }),
          new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 16, color: '808080' }),
          new TextRun({ text: ' / ', font: FONT, size: 16, color: '808080' }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: FONT, size: 16, color: '808080' }),
        ],
      }),
    ],
  });
  const header = opts.draft ? draftHeader(opts.lang) : undefined;
  const doc = new Document({
    title: opts.title,
    creator: 'Vigie',
    styles: {
      default: { document: { run: { font: FONT, size: 21, language: { value: DOC_LANGUAGE[opts.lang] } } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 30, bold: true, color: ACCENT } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 25, bold: true, color: '222222' } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 22, bold: true, color: '444444' } },
      ],
    },
    sections: opts.sections.map((s) => ({ ...s, properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } }, ...s.properties }, footers: { default: footer }, ...(header ? { headers: { default: header } } : {}) })),
  });
  documentLang.set(doc, opts.lang);
  return doc;
}

const XML_UNESCAPE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(?:amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (e) => XML_UNESCAPE[e] ?? String.fromCodePoint(e[2] === 'x' || e[2] === 'X' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10)));
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The typography pass over a packed DOCX: every text run of the body, headers and footers goes through
 * `typo()` (apostrophes, no-break spaces, unsplittable references). Done once here, so every builder —
 * letters, registers, drafts — gets it without passing the language to each paragraph.
 */
export function typesetDocx(docx: Uint8Array, lang: Lang): Buffer {
  const files = unzipSync(docx);
  typesetParts(files, lang);
  return Buffer.from(zipSync(files, { level: 6 }));
}

/** The typography pass over the unzipped parts of a package (see typesetDocx). */
function typesetParts(files: Record<string, Uint8Array>, lang: Lang): void {
  for (const name of Object.keys(files)) {
    if (!/^word\/(document|header\d*|footer\d*|footnotes)\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]!);
    const out = xml.replace(/(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g, (_m, open: string, body: string, close: string) => {
      const t = typo(unescapeXml(body), lang, { docx: true });
      // A run that now starts or ends with a space must keep it.
      const o = /\s$|^\s/.test(t) && !open.includes('xml:space') ? open.replace('<w:t', '<w:t xml:space="preserve"') : open;
      return `${o}${escapeXml(t)}${close}`;
    });
    files[name] = strToU8(lang === 'fr' ? superscriptOrdinals(out) : out);
  }
}

const MONTHS_FR = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
/** Elements that must follow <w:vertAlign> inside <w:rPr> (ECMA-376 order: Word rejects them out of order). */
const AFTER_VERT_ALIGN = /<w:(rtl|cs|em|lang|eastAsianLayout|specVanish|oMath)\b/;

/**
 * « 1er décembre » with « er » in superscript, as French typography writes it (Lexique de l’Imprimerie
 * nationale). Only before a month name, so nothing else changes; the run is split in three with the same
 * formatting, the middle one raised.
 */
export function superscriptOrdinals(xml: string): string {
  const ordinal = new RegExp(`^([\\s\\S]*?\\b1)(er)(\u00A0(?:${MONTHS_FR})[\\s\\S]*)$`);
  // The properties stop at their own </w:rPr>: a match never spans two runs.
  return xml.replace(/<w:r>(<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<\/w:rPr>)?(<w:t(?:\s[^>]*)?>)([^<]*)<\/w:t><\/w:r>/g, (whole, rPr: string | undefined, open: string, body: string) => {
    const m = ordinal.exec(body);
    if (!m) return whole;
    const props = rPr ?? '<w:rPr></w:rPr>';
    const sup = AFTER_VERT_ALIGN.test(props)
      ? props.replace(AFTER_VERT_ALIGN, (x) => `<w:vertAlign w:val="superscript"/>${x}`)
      : props.replace('</w:rPr>', '<w:vertAlign w:val="superscript"/></w:rPr>');
    const t = '<w:t xml:space="preserve">';
    // The rest may itself hold another date (« du 1er mai au 1er juin »): split it again.
    const rest = superscriptOrdinals(`<w:r>${rPr ?? ''}${t}${m[3]}</w:t></w:r>`);
    return `<w:r>${rPr ?? ''}${open.includes('xml:space') ? open : t}${m[1]}</w:t></w:r><w:r>${sup}<w:t>${m[2]}</w:t></w:r>${rest}`;
  });
}

/** A paragraph that `packWithBodies` replaces with the body of that number. */
export function bodyMarker(index: number): Paragraph {
  return new Paragraph({ children: [new TextRun(`\u27E6vigie-body-${index}\u27E7`)] });
}
const MARKER = /<w:p>(?:<w:pPr>(<w:sectPr>(?:(?!<\/w:sectPr>)[\s\S])*<\/w:sectPr>)<\/w:pPr>)?<w:r><w:t xml:space="preserve">\u27E6vigie-body-(\d+)\u27E7<\/w:t><\/w:r><\/w:p>/g;

/**
 * Packs a document whose large parts were written by fast-xml.ts: `doc` is built by the docx library with
 * `bodyMarker(i)` where body i goes (alone in its section when the body ends one), and each marker is
 * replaced by its body, which ends the section as docx would have (section properties in its last
 * paragraph). The document's typography pass (see `document()`) runs on the library's parts here; the
 * bodies were typeset as they were written (an `XmlWriter` made with the document's language).
 * Zipped once, as `toBuffer` does.
 */
export async function packWithBodies(doc: Document, bodies: XBlock[][]): Promise<Buffer> {
  const files = unzipSync(await Packer.toBuffer(doc));
  const lang = documentLang.get(doc);
  if (lang) typesetParts(files, lang);
  const used = new Set<number>();
  // document.xml is assembled as bytes, piece by piece: the library's text around each marker, then the body's pieces.
  const skeleton = strFromU8(files['word/document.xml']!);
  const pieces: Buffer[] = [];
  let last = 0;
  for (const m of skeleton.matchAll(MARKER)) {
    const i = Number(m[2]);
    const body = bodies[i];
    if (!body || used.has(i)) throw new Error(`packWithBodies: body ${i} is missing or placed twice`);
    used.add(i);
    pieces.push(Buffer.from(skeleton.slice(last, m.index), 'utf8'));
    for (const part of bodyParts(body, m[1])) pieces.push(Buffer.from(part, 'utf8'));
    last = m.index + m[0].length;
  }
  pieces.push(Buffer.from(skeleton.slice(last), 'utf8'));
  if (used.size !== bodies.length) throw new Error(`packWithBodies: ${bodies.length - used.size} bodies have no marker`);
  files['word/document.xml'] = Buffer.concat(pieces);
  return zipParts(files);
}

/**
 * Zips a package's parts (DEFLATE, level 6, as fflate's zipSync) with the platform's zlib, in fflate's zip
 * container: native deflate is 4–5× faster than fflate's on a 25 MB document.xml (165 ms against 700 ms).
 */
export function zipParts(files: Record<string, Uint8Array>): Buffer {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  for (const [filename, data] of Object.entries(files)) {
    // A file whose size and CRC are known, given its compressed bytes at once (fflate's extension point for other compressors).
    const file: ZipInputFile = { filename, size: data.length, crc: crc32(data), compression: 8 };
    zip.add(file);
    file.ondata!(null, deflateRawSync(data, { level: 6 }), true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}

export async function toBuffer(doc: Document): Promise<Buffer> {
  const raw = await Packer.toBuffer(doc);
  const lang = documentLang.get(doc);
  return lang ? typesetDocx(raw, lang) : raw;
}

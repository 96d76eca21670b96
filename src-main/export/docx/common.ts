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
import type { OrgProfile } from '../../domain/org-profile';

export type Lang = 'fr' | 'en';
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
  const dpo = p.dpo_name ? `${lang === 'fr' ? 'Délégué à la protection des données' : 'Data Protection Officer'} : ${p.dpo_name}${p.dpo_email ? ` — ${p.dpo_email}` : ''}` : '';
  return [para(lines.join('\n'), { bold: false, spacingAfter: 60 }), ...(dpo ? [para(dpo, { italics: true, spacingAfter: 240 })] : [])];
}

export function formatDateLong(iso: string, lang: Lang): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Wraps sections into a document with Vigie's styles and a "page X / Y" footer. */
export function document(opts: { title: string; lang: Lang; sections: Array<Omit<ISectionOptions, 'footers'>> }): Document {
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
  return new Document({
    title: opts.title,
    creator: 'Vigie',
    styles: {
      default: { document: { run: { font: FONT, size: 21 } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 30, bold: true, color: ACCENT } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 25, bold: true, color: '222222' } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 22, bold: true, color: '444444' } },
      ],
    },
    sections: opts.sections.map((s) => ({ ...s, properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } }, ...s.properties }, footers: { default: footer } })),
  });
}

export function toBuffer(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}

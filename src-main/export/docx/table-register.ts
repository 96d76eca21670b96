/**
 * A register as a Word document (rights requests, vendors, DPIA screening, security measures…):
 * landscape A4, organisation in the header, "page X / Y" in the footer, document language set, one
 * table per section whose rows never split across pages and whose header row repeats.
 */
import { AlignmentType, BorderStyle, Document, Footer, Header, PageNumber, PageOrientation, Paragraph, ShadingType, TextRun } from 'docx';
import type { Lang } from '../labels';
import { FONT, bodyMarker, packWithBodies } from './common';
import { XmlWriter, type XBlock } from './fast-xml';

const ACCENT = '1F3B5C';
const GREY = '595959';
const border = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };

export interface RegisterSection {
  heading?: string;
  intro?: string;
  header: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
  empty?: string;
}

export interface TableRegisterInput {
  title: string;
  subtitle: string;
  organisation: string;
  lang: Lang;
  sections: RegisterSection[];
  landscape?: boolean;
}

export async function buildTableRegister(input: TableRegisterInput): Promise<Buffer> {
  const landscape = input.landscape ?? true;
  const pageW = landscape ? 16838 : 11906;
  const contentW = pageW - 2 * 1134;
  // The body is written by fast-xml.ts (the XML docx writes, byte for byte): the rights-request register has a row per case.
  const w = new XmlWriter();
  const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) => w.run({ text, font: FONT, ...o });
  const children: XBlock[] = [
    w.paragraph({ heading: 'Title', children: [run(input.title, { bold: true, size: 34, color: ACCENT })], spacing: { after: 80 } }),
    w.paragraph({ children: [run(input.subtitle, { color: GREY, size: 20 })], spacing: { after: 240 } }),
  ];
  for (const s of input.sections) {
    if (s.heading) children.push(w.paragraph({ heading: 'Heading1', keepNext: true, keepLines: true, children: [run(s.heading)], spacing: { before: 240, after: 120 } }));
    if (s.intro) children.push(w.paragraph({ keepNext: s.rows.length > 0, children: [run(s.intro, { size: 19 })], spacing: { after: 120 } }));
    if (s.rows.length === 0) {
      children.push(w.paragraph({ children: [run(s.empty ?? (input.lang === 'fr' ? 'Aucune entrée.' : 'No entry.'), { italics: true })] }));
      continue;
    }
    const total = s.widths.reduce((a, b) => a + b, 0);
    const cols = s.widths.map((x) => Math.round((x / total) * contentW));
    const cell = (value: string, head: boolean, i: number) =>
      w.cell({
        children: (value || ' ').split('\n').map((line) => w.paragraph({ children: [run(line, { bold: head, size: 17, color: head ? 'FFFFFF' : undefined })], spacing: { after: 20 } })),
        shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: ACCENT } : undefined,
        width: { size: cols[i]!, type: 'dxa' },
        borders: { top: border, bottom: border, left: border, right: border },
        margins: { top: 40, bottom: 40, left: 70, right: 70 },
      });
    children.push(
      w.table({
        width: { size: contentW, type: 'dxa' },
        columnWidths: cols,
        rows: [w.row({ tableHeader: true, cantSplit: true, children: s.header.map((h, i) => cell(h, true, i)) }), ...s.rows.map((r) => w.row({ cantSplit: true, children: r.map((v, i) => cell(v, false, i)) }))],
      }),
    );
  }
  const header = (text: string, o: { size?: number; color?: string }) => new TextRun({ text, font: FONT, ...o });
  const doc = new Document({
    title: input.title,
    creator: 'Vigie',
    styles: {
      default: { document: { run: { font: FONT, size: 20, language: { value: input.lang === 'fr' ? 'fr-FR' : 'en-GB' } } } },
      paragraphStyles: [{ id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 26, bold: true, color: ACCENT }, paragraph: { keepNext: true, keepLines: true } }],
    },
    sections: [
      {
        properties: { page: { size: { orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT, width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [header(`${input.organisation} — ${input.title}`, { size: 16, color: GREY })] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [header(`${input.lang === 'fr' ? 'page' : 'page'} `, { size: 16, color: GREY }), new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 16, color: GREY }), header(' / ', { size: 16, color: GREY }), new TextRun({ children: [PageNumber.TOTAL_PAGES], font: FONT, size: 16, color: GREY })],
              }),
            ],
          }),
        },
        children: [bodyMarker(0)],
      },
    ],
  });
  return packWithBodies(doc, [children]);
}

/**
 * fast-xml.ts writes what the docx library writes, byte for byte: every option combination the register
 * and the breach register use (and their neighbours) is built both ways and the document XML compared,
 * with and without the typography pass, and across sections (packWithBodies).
 */
import { strFromU8, unzipSync } from 'fflate';
import { BorderStyle, Document, HeadingLevel, NoBreakHyphen, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType, AlignmentType } from 'docx';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_PROFILE } from '../../domain/org-profile';
import { FONT, bodyMarker, document, heading, letterhead, packWithBodies, para, table, toBuffer, xHeading, xLetterhead, xPara, xTable, type Lang } from './common';
import { NO_BREAK_HYPHEN, XmlWriter, bodyXml, type XBlock, type XCellOptions, type XParagraphOptions, type XRunOptions } from './fast-xml';

type RunSpec = XRunOptions;
interface ParaSpec extends Omit<XParagraphOptions, 'children'> {
  runs: RunSpec[];
}
interface CellSpec extends Omit<XCellOptions, 'children'> {
  paras: ParaSpec[];
}
interface RowSpec {
  cells: CellSpec[];
  tableHeader?: boolean;
  cantSplit?: boolean;
  keepNext?: boolean;
}
type BlockSpec = { para: ParaSpec } | { table: { rows: RowSpec[]; width: { size: number; type: 'pct' | 'dxa' }; columnWidths: number[] } };

const HEADING: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = { Heading1: HeadingLevel.HEADING_1, Heading2: HeadingLevel.HEADING_2, Heading3: HeadingLevel.HEADING_3, Title: HeadingLevel.TITLE };
const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER, both: AlignmentType.JUSTIFIED } as const;

// The docx library's objects for a spec.
const dRun = (r: RunSpec) => {
  const { children, ...rest } = r;
  return new TextRun({ ...rest, ...(children ? { children: children.map((c) => (c === NO_BREAK_HYPHEN ? new NoBreakHyphen() : c)) } : {}) });
};
const dPara = (p: ParaSpec) => {
  const { runs, heading, alignment, ...rest } = p;
  return new Paragraph({ ...rest, ...(heading ? { heading: HEADING[heading] } : {}), ...(alignment ? { alignment: ALIGN[alignment] } : {}), children: runs.map(dRun) });
};
const dTable = (t: Extract<BlockSpec, { table: unknown }>['table']) =>
  new Table({
    width: { size: t.width.size, type: t.width.type === 'pct' ? WidthType.PERCENTAGE : WidthType.DXA },
    columnWidths: t.columnWidths,
    rows: t.rows.map(
      (r) =>
        new TableRow({
          tableHeader: r.tableHeader,
          cantSplit: r.cantSplit,
          keepNext: r.keepNext,
          children: r.cells.map((c) => {
            const { paras, width, ...rest } = c;
            return new TableCell({ ...rest, ...(width ? { width: { size: width.size, type: width.type === 'pct' ? WidthType.PERCENTAGE : WidthType.DXA } } : {}), children: paras.map(dPara) } as never);
          }),
        }),
    ),
  });
const dBlocks = (bs: BlockSpec[]) => bs.map((b) => ('para' in b ? dPara(b.para) : dTable(b.table)));

// The same with fast-xml.
const xBlocks = (w: XmlWriter, bs: BlockSpec[]): XBlock[] =>
  bs.map((b) => {
    if ('para' in b) {
      const { runs, ...rest } = b.para;
      return w.paragraph({ ...rest, children: runs.map((r) => w.run(r)) });
    }
    return w.table({
      width: b.table.width,
      columnWidths: b.table.columnWidths,
      rows: b.table.rows.map((r) => w.row({ tableHeader: r.tableHeader, cantSplit: r.cantSplit, keepNext: r.keepNext, children: r.cells.map(({ paras, ...c }) => w.cell({ ...c, children: paras.map(({ runs, ...p }) => w.paragraph({ ...p, children: runs.map((x) => w.run(x)) })) })) })),
    });
  });

const documentXml = (buf: Uint8Array) => strFromU8(unzipSync(new Uint8Array(buf))['word/document.xml']!);
const bodyOf = (xml: string) => xml.slice(xml.indexOf('<w:body>') + '<w:body>'.length, xml.lastIndexOf('<w:sectPr>'));

/** The first place two XML texts differ, with some context (undefined when they are equal). */
const firstDiff = (actual: string, expected: string) => {
  if (actual === expected) return undefined;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  return { at: i, actual: actual.slice(Math.max(0, i - 150), i + 150), expected: expected.slice(Math.max(0, i - 150), i + 150) };
};

const border = { style: BorderStyle.SINGLE, size: 4, color: 'BFC4D6' };
const TEXTS = [
  'Registre',
  '',
  ' espace au début et à la fin ',
  'x & <y> "q" \'a\' \u0001\u000B contrôle',
  'l\'activité : « fiche » ; voir n° 9 ! art. 30 — 72 h',
  'Notifiée le 1er décembre 2026 à 9 h — du 1er mai au 1er juin 2026',
  'BR-2026-002, DSAR-2026-0015 et ST-T01',
  'Don\'t: see Article 33 and No. 4',
  'CURRENTLY',
];
const RUNS: RunSpec[] = [
  ...TEXTS.map((text) => ({ text, font: FONT })),
  { text: 'a', font: FONT, bold: true, size: 17 },
  { text: 'b', font: FONT, bold: false, size: 18, color: 'FFFFFF' },
  { text: 'c', font: FONT, italics: true },
  { text: 'd', font: FONT, bold: true, italics: false, size: 44, color: '3B4CCA' },
  { text: 'e', font: FONT, break: 1 },
  { text: 'f' },
  { font: FONT, size: 17, children: ['ST', NO_BREAK_HYPHEN, 'T01', ' : reste'] },
  { font: FONT, children: [NO_BREAK_HYPHEN] },
  { text: 'g', size: 0 },
];
const PARAS: ParaSpec[] = [
  { runs: [RUNS[0]!] },
  { runs: [] },
  { runs: RUNS, spacing: { after: 20 } },
  { runs: [RUNS[4]!], heading: 'Heading2', keepNext: true, keepLines: true, spacing: { before: 280, after: 100 } },
  { runs: [RUNS[5]!], heading: 'Heading1', keepNext: true, keepLines: true, pageBreakBefore: true, spacing: { before: 240, after: 100 } },
  { runs: [RUNS[6]!], heading: 'Heading3', spacing: { before: 180, after: 120 } },
  { runs: [RUNS[7]!], keepNext: false, spacing: { after: 20 } },
  { runs: [RUNS[1]!], alignment: 'left', spacing: { after: 120 } },
  { runs: [RUNS[2]!], alignment: 'both', spacing: { after: 60 } },
  { runs: [RUNS[3]!], alignment: 'right' },
  { runs: [RUNS[8]!], heading: 'Title' },
];
const cell = (paras: ParaSpec[], extra: Partial<CellSpec> = {}): CellSpec => ({ paras, width: { size: 30, type: 'pct' }, borders: { top: border, bottom: border, left: border, right: border }, margins: { top: 50, bottom: 50, left: 80, right: 80 }, ...extra });
const TABLE: BlockSpec = {
  table: {
    width: { size: 100, type: 'pct' },
    columnWidths: [2930, 6838],
    rows: [
      { tableHeader: true, cantSplit: true, cells: [cell([PARAS[6]!], { shading: { type: ShadingType.CLEAR, color: 'auto', fill: '3B4CCA' } }), cell([PARAS[0]!])] },
      { cantSplit: true, keepNext: true, cells: [cell([PARAS[0]!, PARAS[3]!, PARAS[2]!], { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF0FA' } }), cell([PARAS[1]!, PARAS[6]!])] },
      { cantSplit: true, keepNext: false, cells: [cell([PARAS[7]!]), cell([PARAS[8]!], { width: { size: 70, type: 'pct' }, margins: { top: 60, bottom: 60, left: 80, right: 80 } })] },
      { cells: [cell([PARAS[9]!], { borders: undefined, margins: undefined }), cell([PARAS[10]!], { width: { size: 4000, type: 'dxa' } })] },
    ],
  },
};
const BLOCKS: BlockSpec[] = [...PARAS.map((para) => ({ para })), TABLE, { para: PARAS[2]! }, TABLE];

describe('fast-xml writes what docx writes', () => {
  it('paragraphs, runs and tables (no typography pass)', async () => {
    const expected = bodyOf(documentXml(await Packer.toBuffer(new Document({ sections: [{ children: dBlocks(BLOCKS) }] }))));
    expect(firstDiff(bodyXml(xBlocks(new XmlWriter(), BLOCKS)), expected)).toBeUndefined();
  });

  it.each(['fr', 'en'] as Lang[])('with the typography pass of a %s document', async (lang) => {
    const expected = bodyOf(documentXml(await toBuffer(document({ title: 'T', lang, sections: [{ children: dBlocks(BLOCKS) }] }))));
    expect(firstDiff(bodyXml(xBlocks(new XmlWriter(lang), BLOCKS)), expected)).toBeUndefined();
  });

  it.each(['fr', 'en'] as Lang[])('packWithBodies: the same document across sections ending with a paragraph or a table (%s)', async (lang) => {
    const sections: BlockSpec[][] = [[{ para: PARAS[0]! }, TABLE], BLOCKS, [{ para: PARAS[3]! }], [TABLE, { para: PARAS[2]! }]];
    const whole = await toBuffer(document({ title: 'T', lang, sections: sections.map((s) => ({ children: dBlocks(s) })) }));
    const w = new XmlWriter(lang);
    const fast = await packWithBodies(document({ title: 'T', lang, sections: sections.map((_, i) => ({ children: [bodyMarker(i)] })) }), sections.map((s) => xBlocks(w, s)));
    const a = unzipSync(new Uint8Array(whole));
    const b = unzipSync(new Uint8Array(fast));
    expect(Object.keys(b)).toEqual(Object.keys(a));
    // The creation time is the packing's.
    const text = (f: Record<string, Uint8Array>, name: string) => strFromU8(f[name]!).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
    for (const name of Object.keys(a)) expect(firstDiff(text(b, name), text(a, name)), name).toBeUndefined();
  });

  it('packWithBodies refuses a body without its marker', async () => {
    await expect(packWithBodies(document({ title: 'T', lang: 'fr', sections: [{ children: [bodyMarker(0)] }] }), [[], []])).rejects.toThrow(/no marker/);
  });

  it.each(['fr', 'en'] as Lang[])('common.ts blocks: xPara, xHeading, xTable and xLetterhead write what para, heading, table and letterhead write (%s)', async (lang) => {
    const profile = { ...DEFAULT_ORG_PROFILE, controller_name: 'ACME & Fils', address: '1 rue de l\'Église', postcode: '57000', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' };
    const texts = TEXTS.filter(Boolean);
    const rows = [texts.slice(0, 3), [texts[3]!, `${texts[4]}\n${texts[5]}`, ''], texts.slice(5, 8)];
    const docxBlocks = [
      ...letterhead(profile, lang),
      ...letterhead({ ...profile, dpo_name: '' }, lang),
      heading(texts[4]!, 1),
      heading(texts[5]!, 2),
      heading(texts[6]!, 3),
      ...texts.map((t) => para(`${t}\n${t}`, { italics: true })),
      para(texts[3]!, { bold: true, align: 'justify', spacingAfter: 0, color: 'C00000' }),
      para(texts[5]!, { align: 'right' }),
      table(['Référence', 'Intitulé', 'Statut'], rows, [20, 50, 30]),
    ];
    const w = new XmlWriter(lang);
    const fast: XBlock[] = [
      ...xLetterhead(w, profile, lang),
      ...xLetterhead(w, { ...profile, dpo_name: '' }, lang),
      xHeading(w, texts[4]!, 1),
      xHeading(w, texts[5]!, 2),
      xHeading(w, texts[6]!, 3),
      ...texts.map((t) => xPara(w, `${t}\n${t}`, { italics: true })),
      xPara(w, texts[3]!, { bold: true, align: 'justify', spacingAfter: 0, color: 'C00000' }),
      xPara(w, texts[5]!, { align: 'right' }),
      xTable(w, ['Référence', 'Intitulé', 'Statut'], rows, [20, 50, 30]),
    ];
    const expected = bodyOf(documentXml(await toBuffer(document({ title: 'T', lang, sections: [{ children: docxBlocks }] }))));
    expect(firstDiff(bodyXml(fast), expected)).toBeUndefined();
  });
});

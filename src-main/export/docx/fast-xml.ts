/**
 * WordprocessingML for the bodies of Vigie's large documents (the Art. 30 register, the breach register),
 * written straight as strings.
 *
 * The docx library builds an object per element, then a second tree of plain objects, then the XML: at
 * 1,000 activities or 2,000 breaches (some 30,000 table cells) that took most of the export's 9–14 s.
 * These functions take the same options as the library's `Paragraph`, `TextRun`, `Table`, `TableRow` and
 * `TableCell` (only the ones Vigie uses) and write exactly the XML docx 9 writes for them, byte for byte
 * (fast-xml.test.ts compares both on every option combination used). The document around the body
 * (styles, footers, section properties, relationships) is still the library's: see `packWithBodies`
 * in common.ts, which puts the bodies in place of marker paragraphs.
 */
import { typo, type Lang } from '../text';
import { superscriptOrdinals } from './common';

/** The characters docx removes from text (XML 1.0 forbids them) and the ones it escapes. */
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
// eslint-disable-next-line no-control-regex
const HAS_TEXT_SPECIAL = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex
const ATTR_SPECIAL = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// eslint-disable-next-line no-control-regex
const HAS_ATTR_SPECIAL = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/;
/** & < > escaped, control characters removed: the text of a typeset document (typesetDocx escapes only these). */
const escapeText = (s: string): string => (HAS_TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL, (c) => ESCAPES[c] ?? '') : s);
/** Text and attribute values as docx escapes them (quotes and apostrophes too). */
const escapeAll = (s: string): string => (HAS_ATTR_SPECIAL.test(s) ? s.replace(ATTR_SPECIAL, (c) => ESCAPES[c] ?? '') : s);
const escapeAttr = escapeAll;

/** docx's `NoBreakHyphen` as a child of a run. */
export const NO_BREAK_HYPHEN = Symbol('noBreakHyphen');

export interface XRunOptions {
  text?: string;
  children?: Array<string | typeof NO_BREAK_HYPHEN>;
  font?: string;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
  break?: number;
}

export interface XParagraphOptions {
  /** Run XML (from `XmlWriter.run`). */
  children?: string[];
  /** A paragraph style id: 'Heading1', 'Heading2', 'Heading3', 'Title'. */
  heading?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  spacing?: { before?: number; after?: number };
  alignment?: 'left' | 'right' | 'center' | 'both';
}

/** A paragraph kept as its properties and its content until the body is assembled (a row's keepNext or a section's end still go into its properties). */
export interface XParagraph {
  kind: 'p';
  /** The children of <w:pPr>, in docx's order. */
  props: string[];
  /** Whether `props` starts with a <w:pStyle> (a row's keepNext goes after it). */
  styled: boolean;
  hasKeepNext: boolean;
  content: string;
}

export interface XTable {
  kind: 'tbl';
  /** The table's XML in pieces (one per row): a register of 100,000 rows is longer than a JavaScript string can be. */
  parts: string[];
}

export type XBlock = XParagraph | XTable;

export interface XBorder {
  style: string;
  size: number;
  color: string;
}

export interface XCellOptions {
  children: XParagraph[];
  width?: { size: number; type: 'pct' | 'dxa' };
  borders?: { top?: XBorder; left?: XBorder; bottom?: XBorder; right?: XBorder };
  shading?: { type: string; color: string; fill: string };
  margins?: { top?: number; left?: number; bottom?: number; right?: number };
}

export interface XRowOptions {
  children: XCell[];
  tableHeader?: boolean;
  cantSplit?: boolean;
  keepNext?: boolean;
}

export interface XCell {
  props: string;
  children: XParagraph[];
}

export interface XTableOptions {
  rows: string[];
  width: { size: number; type: 'pct' | 'dxa' };
  columnWidths: number[];
}

const onOff = (name: string, value: boolean) => (value ? `<${name}/>` : `<${name} w:val="false"/>`);
const widthXml = (name: string, w: { size: number; type: 'pct' | 'dxa' }) => `<${name} w:type="${w.type}" w:w="${w.type === 'pct' ? Math.round(w.size * 50) : w.size}"/>`;
/** The table borders docx writes when none are given. */
const DEFAULT_TABLE_BORDERS =
  '<w:tblBorders><w:top w:val="single" w:color="auto" w:sz="4"/><w:left w:val="single" w:color="auto" w:sz="4"/><w:bottom w:val="single" w:color="auto" w:sz="4"/><w:right w:val="single" w:color="auto" w:sz="4"/><w:insideH w:val="single" w:color="auto" w:sz="4"/><w:insideV w:val="single" w:color="auto" w:sz="4"/></w:tblBorders>';

/**
 * The writer for one document. With `typeset`, every text goes through the typography pass exactly as
 * `typesetDocx` applies it to a packed document (`typo()` on each <w:t>, then French ordinals in superscript),
 * so a body written here needs no pass over its XML afterwards.
 */
export class XmlWriter {
  private readonly rPrCache = new Map<string, string>();
  /** Typeset <w:t> by text: labels, dashes and vocabulary repeat thousands of times in a register. */
  private readonly textCache = new Map<string, string>();

  constructor(private readonly typeset?: Lang) {}

  /** The text of one <w:t>: control characters removed and escaped as docx does, typeset as the pass would. */
  private text(value: string): string {
    if (!this.typeset) return `<w:t xml:space="preserve">${escapeAll(value)}</w:t>`;
    let t = this.textCache.get(value);
    if (t === undefined) {
      // typesetDocx reads the escaped text back, typesets it and escapes only & < >: the same as typesetting the cleaned text.
      // eslint-disable-next-line no-control-regex
      const clean = value.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, '');
      t = `<w:t xml:space="preserve">${escapeText(typo(clean, this.typeset, { docx: true }))}</w:t>`;
      // Short texts only: a description is rarely repeated and the cache must stay small.
      if (value.length <= 200) this.textCache.set(value, t);
    }
    return t;
  }

  private runProps(o: XRunOptions): string {
    const key = `${o.font ?? ''}|${o.bold ?? ''}|${o.italics ?? ''}|${o.color ?? ''}|${o.size ?? ''}`;
    let rPr = this.rPrCache.get(key);
    if (rPr === undefined) {
      let s = '';
      if (o.font) s += `<w:rFonts w:ascii="${escapeAttr(o.font)}" w:cs="${escapeAttr(o.font)}" w:eastAsia="${escapeAttr(o.font)}" w:hAnsi="${escapeAttr(o.font)}"/>`;
      if (o.bold !== undefined) s += onOff('w:b', o.bold) + onOff('w:bCs', o.bold);
      if (o.italics !== undefined) s += onOff('w:i', o.italics) + onOff('w:iCs', o.italics);
      if (o.color) s += `<w:color w:val="${escapeAttr(o.color)}"/>`;
      if (o.size !== undefined) s += `<w:sz w:val="${o.size}"/>`;
      if (o.size) s += `<w:szCs w:val="${o.size}"/>`;
      rPr = s ? `<w:rPr>${s}</w:rPr>` : '';
      this.rPrCache.set(key, rPr);
    }
    return rPr;
  }

  /** docx's `new TextRun(o)`. */
  run(o: XRunOptions): string {
    let s = `<w:r>${this.runProps(o)}`;
    for (let i = 0; i < (o.break ?? 0); i++) s += '<w:br/>';
    if (o.children) {
      for (const c of o.children) s += c === NO_BREAK_HYPHEN ? '<w:noBreakHyphen/>' : this.text(c);
    } else if (o.text !== undefined) s += this.text(o.text);
    s = s === '<w:r>' ? '<w:r/>' : `${s}</w:r>`;
    // The typography pass raises « er » in « 1er décembre » (French): only runs that hold it can change.
    return this.typeset === 'fr' && s.includes('1er') ? superscriptOrdinals(s) : s;
  }

  /** docx's `new Paragraph(o)`. */
  paragraph(o: XParagraphOptions): XParagraph {
    const props: string[] = [];
    if (o.heading) props.push(`<w:pStyle w:val="${escapeAttr(o.heading)}"/>`);
    if (o.keepNext !== undefined) props.push(onOff('w:keepNext', o.keepNext));
    if (o.keepLines !== undefined) props.push(onOff('w:keepLines', o.keepLines));
    if (o.pageBreakBefore) props.push('<w:pageBreakBefore/>');
    if (o.spacing) {
      const { after, before } = o.spacing;
      const attrs = `${after !== undefined ? ` w:after="${after}"` : ''}${before !== undefined ? ` w:before="${before}"` : ''}`;
      props.push(`<w:spacing${attrs}/>`);
    }
    if (o.alignment) props.push(`<w:jc w:val="${o.alignment}"/>`);
    return { kind: 'p', props, styled: !!o.heading, hasKeepNext: o.keepNext !== undefined, content: (o.children ?? []).join('') };
  }

  /** docx's `new TableCell(o)` (its properties; the paragraphs are written with the row). */
  cell(o: XCellOptions): XCell {
    let s = '';
    if (o.width) s += widthXml('w:tcW', o.width);
    if (o.borders) {
      const b = (side: string, x: XBorder | undefined) => (x ? `<w:${side} w:val="${x.style}" w:color="${escapeAttr(x.color)}" w:sz="${x.size}"/>` : '');
      const inner = b('top', o.borders.top) + b('left', o.borders.left) + b('bottom', o.borders.bottom) + b('right', o.borders.right);
      s += inner ? `<w:tcBorders>${inner}</w:tcBorders>` : '';
    }
    if (o.shading) s += `<w:shd w:fill="${escapeAttr(o.shading.fill)}" w:color="${escapeAttr(o.shading.color)}" w:val="${o.shading.type}"/>`;
    if (o.margins) {
      const m = (side: string, v: number | undefined) => (v !== undefined ? `<w:${side} w:type="dxa" w:w="${v}"/>` : '');
      const inner = m('top', o.margins.top) + m('left', o.margins.left) + m('bottom', o.margins.bottom) + m('right', o.margins.right);
      s += inner ? `<w:tcMar>${inner}</w:tcMar>` : '';
    }
    return { props: s ? `<w:tcPr>${s}</w:tcPr>` : '', children: o.children.length ? o.children : [this.paragraph({})] };
  }

  /** docx's `new TableRow(o)`: a row's keepNext goes into every paragraph of its cells that has none. */
  row(o: XRowOptions): string {
    let trPr = '';
    if (o.cantSplit !== undefined) trPr += o.cantSplit ? '<w:cantSplit/>' : '<w:cantSplit w:val="off"/>';
    if (o.tableHeader !== undefined) trPr += o.tableHeader ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>';
    let s = `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}`;
    const keepNext = o.keepNext === undefined ? undefined : onOff('w:keepNext', o.keepNext);
    for (const c of o.children) {
      s += `<w:tc>${c.props}`;
      for (const p of c.children) s += paragraphXml(p, keepNext);
      s += '</w:tc>';
    }
    return `${s}</w:tr>`;
  }

  /** docx's `new Table(o)` with explicit column widths and cells that all carry their own width. */
  table(o: XTableOptions): XTable {
    const grid = o.columnWidths.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
    return { kind: 'tbl', parts: [`<w:tbl><w:tblPr>${widthXml('w:tblW', o.width)}${DEFAULT_TABLE_BORDERS}</w:tblPr><w:tblGrid>${grid}</w:tblGrid>`, ...o.rows, '</w:tbl>'] };
  }
}

/** A paragraph's XML; `keepNext` (a row's) is added when the paragraph has none, `sectPr` ends a section here. */
export function paragraphXml(p: XParagraph, keepNext?: string, sectPr?: string): string {
  let props = p.props;
  if (keepNext !== undefined && !p.hasKeepNext) props = p.styled ? [props[0]!, keepNext, ...props.slice(1)] : [keepNext, ...props];
  if (sectPr) props = [...props, sectPr];
  const inner = `${props.length ? `<w:pPr>${props.join('')}</w:pPr>` : ''}${p.content}`;
  return inner ? `<w:p>${inner}</w:p>` : '<w:p/>';
}

/**
 * A body's XML in pieces; with `sectPr`, the body ends its section there, as docx writes it (in the last
 * paragraph, or in one added after a table).
 */
export function bodyParts(blocks: XBlock[], sectPr?: string): string[] {
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'tbl') for (const part of b.parts) out.push(part);
    else out.push(paragraphXml(b, undefined, i === blocks.length - 1 ? sectPr : undefined));
  });
  const end = blocks.at(-1);
  if (sectPr && (!end || end.kind === 'tbl')) out.push(`<w:p><w:pPr>${sectPr}</w:pPr></w:p>`);
  return out;
}

/** A body's XML as one string (small bodies, tests). */
export function bodyXml(blocks: XBlock[], sectPr?: string): string {
  return bodyParts(blocks, sectPr).join('');
}

/**
 * Writing spreadsheets: XLSX (SpreadsheetML) and ODS (OpenDocument), several sheets, a title row,
 * a bold wrapped header row that stays frozen, column widths, an auto-filter; CSV as French
 * spreadsheets open it. Written with fflate (already used to read them back in sheets.ts) rather
 * than a spreadsheet library: exceljs writes no ODS and pulls a large dependency tree; the npm
 * release of SheetJS is years old with published advisories (current builds are only on its own
 * CDN). The subset written here is small, and the tests read every file back with our reader and
 * through LibreOffice.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { toCsv } from './csv';

export interface Sheet {
  name: string;
  /** Optional title lines above the header (e.g. "Registre des activités de traitement de …"). */
  title?: string[];
  header: string[];
  rows: string[][];
  /** Column widths in characters. */
  widths?: number[];
}

// XML 1.0 forbids most control characters; a stray one would make the whole file unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
function esc(s: string): string {
  return s.replace(INVALID_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel limits sheet names to 31 characters without []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export function writeXlsx(sheets: Sheet[]): Uint8Array {
  const files: Zippable = {};
  const put = (name: string, xml: string) => {
    files[name] = [strToU8(xml), { mtime: FIXED_DATE }];
  };
  put(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
  );
  put('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  put(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(sheetName(s.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><definedNames>${sheets
      .map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${esc(sheetName(s.name)).replaceAll("'", "''")}'!$A$${(s.title?.length ? s.title.length + 1 : 0) + 1}:$${colName(s.header.length - 1)}$${(s.title?.length ? s.title.length + 1 : 0) + 1 + s.rows.length}</definedName>`)
      .join('')}</definedNames></workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  // Styles: 0 default (wrapped, top-aligned), 1 header (bold, white on dark blue, wrapped), 2 title (bold 14 pt).
  put(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="3"><font><sz val="10"/><name val="Arial"/></font><font><b/><sz val="10"/><color rgb="FFFFFFFF"/><name val="Arial"/></font><font><b/><sz val="14"/><name val="Arial"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF1F3B5C"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  );
  sheets.forEach((s, si) => {
    const rows: string[] = [];
    let r = 0;
    const cell = (value: string, c: number, style: number) => (value === '' ? '' : `<c r="${colName(c)}${r}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${esc(value)}</t></is></c>`);
    for (const t of s.title ?? []) {
      r += 1;
      rows.push(`<row r="${r}">${cell(t, 0, 2)}</row>`);
    }
    if (s.title?.length) {
      r += 1;
      rows.push(`<row r="${r}"/>`);
    }
    r += 1;
    const headerRow = r;
    rows.push(`<row r="${r}">${s.header.map((h, c) => cell(h, c, 1)).join('')}</row>`);
    for (const row of s.rows) {
      r += 1;
      rows.push(`<row r="${r}">${row.map((v, c) => cell(v, c, 0)).join('')}</row>`);
    }
    const cols = (s.widths ?? s.header.map(() => 20)).map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    put(
      `xl/worksheets/sheet${si + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"${si === 0 ? ' tabSelected="1"' : ''}><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>${rows.join('')}</sheetData><autoFilter ref="A${headerRow}:${colName(Math.max(0, s.header.length - 1))}${Math.max(headerRow, r)}"/></worksheet>`,
    );
  });
  return zipSync(files, { level: 6 });
}

export function writeOds(sheets: Sheet[]): Uint8Array {
  const paras = (v: string) => v.split('\n').map((line) => `<text:p>${esc(line)}</text:p>`).join('');
  const tables = sheets
    .map((s) => {
      const cols = (s.widths ?? s.header.map(() => 20)).map((_, i) => `<table:table-column table:style-name="co${s.name.length}_${i}"/>`).join('');
      const titleRows = (s.title ?? []).map((t) => `<table:table-row><table:table-cell office:value-type="string" table:style-name="title">${paras(t)}</table:table-cell></table:table-row>`).join('') + (s.title?.length ? '<table:table-row><table:table-cell/></table:table-row>' : '');
      // A plain row, not <table:table-header-rows>: readers that list header rows after the body
      // (ours among them) would otherwise see the header last.
      const header = `<table:table-row>${s.header.map((h) => `<table:table-cell office:value-type="string" table:style-name="head">${paras(h)}</table:table-cell>`).join('')}</table:table-row>`;
      const body = s.rows.map((row) => `<table:table-row>${row.map((v) => (v === '' ? '<table:table-cell/>' : `<table:table-cell office:value-type="string" table:style-name="body">${paras(v)}</table:table-cell>`)).join('')}</table:table-row>`).join('');
      return `<table:table table:name="${esc(s.name)}">${cols}${titleRows}${header}${body}</table:table>`;
    })
    .join('');
  const colStyles = sheets
    .flatMap((s) => (s.widths ?? s.header.map(() => 20)).map((w, i) => `<style:style style:name="co${s.name.length}_${i}" style:family="table-column"><style:table-column-properties style:column-width="${(w * 0.21).toFixed(2)}cm"/></style:style>`))
    .filter((x, i, a) => a.indexOf(x) === i)
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"><office:automatic-styles>${colStyles}<style:style style:name="head" style:family="table-cell"><style:table-cell-properties fo:background-color="#1f3b5c" fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold" fo:color="#ffffff"/></style:style><style:style style:name="body" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style><style:style style:name="title" style:family="table-cell"><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style></office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  // The mimetype entry must come first and be stored uncompressed (ODF packaging rule).
  return zipSync(
    {
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0, mtime: FIXED_DATE }],
      'content.xml': [strToU8(content), { mtime: FIXED_DATE }],
      'META-INF/manifest.xml': [strToU8(manifest), { mtime: FIXED_DATE }],
    },
    { level: 6 },
  );
}

/** One CSV (UTF-8 with BOM, ';', CRLF): title lines, then the header and the rows. */
export function writeCsv(sheet: Sheet): Uint8Array {
  // Title lines carry the same number of ';' as the header (as the CNIL template does), so a reader
  // that guesses the separator from the first line finds ';'.
  const pad = ';'.repeat(Math.max(1, sheet.header.length - 1));
  const title = (sheet.title ?? []).map((t) => `${t.includes(';') || t.includes('"') ? `"${t.replaceAll('"', '""')}"` : t}${pad}\r\n`).join('') + (sheet.title?.length ? `${pad}\r\n` : '');
  const body = toCsv(sheet.header, sheet.rows).replace(/^\ufeff/, '');
  return strToU8(`\ufeff${title}${body}`);
}

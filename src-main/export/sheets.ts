/**
 * Reading spreadsheets into rows of strings: CSV as French spreadsheets write it (';' or ',',
 * UTF-8 with or without BOM, or Windows-1252), XLSX and ODS (zip + XML, read with fflate and
 * fast-xml-parser). Only the first sheet is read. Formulas are read as their cached values.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { DomainError } from '../domain/errors';
import { stripUnsafeText } from '../domain/text';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 5000;

export function decodeText(bytes: Uint8Array): string {
  let b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // Excel on Windows saves "CSV (séparateur : point-virgule)" in Windows-1252.
    return new TextDecoder('windows-1252').decode(b);
  }
}

export function readCsv(bytes: Uint8Array): string[][] {
  const text = decodeText(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes(';') ? ';' : firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const r = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const fatal = r.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new DomainError('invalid_file', `Line ${(fatal.row ?? 0) + 1}: ${fatal.message} (check the quotes in that line).`);
  return r.data;
}

function colIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ('#text' in o && Object.keys(o).filter((k) => !k.startsWith('@_')).length === 1) return textOf(o['#text']);
    return Object.entries(o)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([k, v]) => (k === 'text:s' ? ' ' : k === 'text:line-break' ? '\n' : k === 'text:tab' ? '\t' : textOf(v)))
      .join('');
  }
  return '';
}

function unzip(bytes: Uint8Array, kind: string): Record<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new DomainError('invalid_file', `This file is not a valid ${kind} file (it cannot be unzipped).`);
  }
  const total = Object.values(files).reduce((n, f) => n + f.length, 0);
  if (total > 20 * MAX_IMPORT_BYTES) throw new DomainError('too_large', `This ${kind} file expands to more than ${(20 * MAX_IMPORT_BYTES) / 1024 / 1024} MiB; it is not a register.`);
  // Office files never declare a DOCTYPE: refusing one rules out entity-expansion tricks.
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('.xml') && strFromU8(data.subarray(0, 2048)).includes('<!DOCTYPE')) throw new DomainError('invalid_file', `This ${kind} file contains a DOCTYPE declaration in ${name}; refusing it.`);
  }
  return files;
}

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export function readXlsx(bytes: Uint8Array): string[][] {
  const files = unzip(bytes, 'XLSX');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, htmlEntities: true });
  const wb = files['xl/workbook.xml'];
  if (!wb) throw new DomainError('invalid_file', 'This XLSX file has no workbook.');
  const sheets = asArray(parser.parse(strFromU8(wb))?.workbook?.sheets?.sheet) as Array<Record<string, string>>;
  const rels = files['xl/_rels/workbook.xml.rels'] ? (asArray(parser.parse(strFromU8(files['xl/_rels/workbook.xml.rels']))?.Relationships?.Relationship) as Array<Record<string, string>>) : [];
  const first = sheets[0];
  const target = rels.find((r) => r['@_Id'] === first?.['@_r:id'])?.['@_Target'] ?? 'worksheets/sheet1.xml';
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const sheet = files[sheetPath];
  if (!sheet) throw new DomainError('invalid_file', 'This XLSX file has no readable first sheet.');
  const shared = files['xl/sharedStrings.xml'] ? (asArray(parser.parse(strFromU8(files['xl/sharedStrings.xml']))?.sst?.si) as unknown[]).map((si) => textOf(si)) : [];
  const rows = asArray(parser.parse(strFromU8(sheet))?.worksheet?.sheetData?.row) as Array<Record<string, unknown>>;
  const out: string[][] = [];
  for (const row of rows.slice(0, MAX_ROWS)) {
    const r = Number(row['@_r'] ?? out.length + 1) - 1;
    const cells: string[] = [];
    for (const c of asArray(row.c) as Array<Record<string, unknown>>) {
      const i = colIndex(String(c['@_r'] ?? ''));
      const t = c['@_t'];
      const v = c.v === undefined ? '' : textOf(c.v);
      cells[i] = t === 's' ? (shared[Number(v)] ?? '') : t === 'inlineStr' ? textOf(c.is) : t === 'b' ? (v === '1' ? 'TRUE' : 'FALSE') : v;
    }
    out[r] = Array.from(cells, (x) => x ?? '');
  }
  return Array.from(out, (x) => x ?? []);
}

export function readOds(bytes: Uint8Array): string[][] {
  const files = unzip(bytes, 'ODS');
  const content = files['content.xml'];
  if (!content) throw new DomainError('invalid_file', 'This ODS file has no content.xml.');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, htmlEntities: true, isArray: (name) => ['table:table', 'table:table-row', 'table:table-cell', 'table:covered-table-cell', 'text:p'].includes(name) });
  const doc = parser.parse(strFromU8(content));
  const table = doc?.['office:document-content']?.['office:body']?.['office:spreadsheet']?.['table:table']?.[0];
  if (!table) throw new DomainError('invalid_file', 'This ODS file has no sheet.');
  const rowsNode = [...asArray(table['table:table-row']), ...asArray(table['table:table-header-rows']?.['table:table-row']), ...asArray(table['table:table-row-group']?.['table:table-row'])] as Array<Record<string, unknown>>;
  const out: string[][] = [];
  for (const row of rowsNode) {
    const repeat = Math.min(Number(row['@_table:number-rows-repeated'] ?? 1), 50);
    const cells: string[] = [];
    for (const cell of asArray(row['table:table-cell']) as Array<Record<string, unknown>>) {
      const n = Math.min(Number(cell['@_table:number-columns-repeated'] ?? 1), 100);
      const value = (asArray(cell['text:p']) as unknown[]).map(textOf).join('\n');
      for (let k = 0; k < n; k++) cells.push(value);
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    for (let k = 0; k < repeat && out.length < MAX_ROWS; k++) out.push([...cells]);
  }
  while (out.length && out[out.length - 1]!.every((c) => c === '')) out.pop();
  return out;
}

/**
 * The cells of a CSV, XLSX or ODS file. Control characters and bidi overrides in cells (pasted from
 * a terminal or a web page) are dropped here: they carry no meaning in a register and would be
 * refused later, failing the whole import for an invisible character.
 */
export function readTable(fileName: string, bytes: Uint8Array): string[][] {
  if (bytes.length > MAX_IMPORT_BYTES) throw new DomainError('too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`);
  const ext = fileName.toLowerCase().split('.').pop();
  const clean = (t: string[][]) => t.map((row) => row.map((c) => (typeof c === 'string' ? stripUnsafeText(c) : c)));
  if (ext === 'csv' || ext === 'txt') return clean(readCsv(bytes));
  if (ext === 'xlsx') return clean(readXlsx(bytes));
  if (ext === 'ods') return clean(readOds(bytes));
  throw new DomainError('invalid_file', `Cannot import “${fileName}”: use a .csv, .xlsx or .ods file.`);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, readCsv, readTable } from './sheets';

const fixture = (f: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', f)));
const enc = (s: string) => new TextEncoder().encode(s);

describe('reading spreadsheets', () => {
  // The same CNIL-template-style register saved as UTF-8 CSV, Windows-1252 CSV, and by LibreOffice Calc as XLSX and ODS.
  it.each(['registre-cnil.csv', 'registre-cnil-cp1252.csv', 'registre-cnil.xlsx', 'registre-cnil.ods'])('%s gives the same cells', (file) => {
    const t = readTable(file, fixture(file));
    const header = t.findIndex((r) => r[0] === 'Nom du traitement');
    expect(header).toBe(2);
    expect(t[header]).toEqual(['Nom du traitement', 'N° / REF', 'Finalité principale', 'Base légale', 'Catégories de personnes concernées', 'Catégories de données', 'Durée de conservation', 'Destinataires', 'Transferts hors UE', 'Mesures de sécurité', 'Données sensibles']);
    const paie = t[header + 1]!;
    expect(paie[0]).toBe('Gestion de la paie');
    expect(paie[5]).toBe('État civil\nCoordonnées bancaires\nNIR');
    expect(paie[7]).toBe('Service paie; URSSAF');
    expect(t[header + 4]![3]).toBe('consentement?');
  });

  it.each([
    ['semicolon', 'Nom;Finalité\nA;B', [['Nom', 'Finalité'], ['A', 'B']]],
    ['comma', 'Name,Purpose\nA,"B, C"', [['Name', 'Purpose'], ['A', 'B, C']]],
    ['BOM', '\ufeffNom;Base\nA;Contrat', [['Nom', 'Base'], ['A', 'Contrat']]],
  ])('CSV with %s', (_l, text, rows) => {
    expect(readCsv(enc(text)).filter((r) => r.some((c) => c !== ''))).toEqual(rows);
  });

  it('decodes Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(new Uint8Array([0x44, 0xe9, 0x6c, 0xe9, 0x67, 0x75, 0xe9]))).toBe('Délégué');
  });

  it.each([
    ['registre.pdf', enc('%PDF'), /use a .csv, .xlsx or .ods file/],
    ['broken.xlsx', enc('not a zip'), /not a valid XLSX file/],
    ['broken.ods', enc('not a zip'), /not a valid ODS file/],
  ])('refuses %s with a clear message', (name, bytes, message) => {
    expect(() => readTable(name, bytes)).toThrow(message);
  });
});

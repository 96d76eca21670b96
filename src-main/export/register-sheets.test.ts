import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import demo from '../../resources/demo/smart-tribune.json';
import demoVendors from '../../resources/demo/smart-tribune-vendors.json';
import { parseActivityInput, type ActivityInput } from '../domain/register/activity';
import { planImport } from '../domain/register/import-mapping';
import { registerSheets, registerSingleSheet, retentionText } from './register-sheets';
import { readCsv, readOds, readTable, readXlsx } from './sheets';
import { writeCsv, writeOds, writeXlsx } from './spreadsheet';


/** The demo links processors by vendor key; here the key stands for the vendor id. */
const activities: ActivityInput[] = (demo.activities as Array<Record<string, unknown>>).map((a) =>
  parseActivityInput({ ...a, processors: ((a.processors as Array<{ vendorKey?: string }> | undefined) ?? []).map(({ vendorKey, ...p }) => (vendorKey ? { ...p, vendorId: vendorKey } : p)) }),
);
const vendorNames = new Map((demoVendors.vendors as Array<{ key: string; vendor: { name: string } }>).map((v) => [v.key, v.vendor.name]));
const controllers = activities.filter((a) => a.role !== 'processor');

/** What the CNIL template carries of an activity (what must survive export → import). */
function carried(a: ActivityInput) {
  const retention = a.dataCategories.map((c) => c.retention).filter(Boolean);
  const same = retention.length === a.dataCategories.length && retention.every((r) => JSON.stringify(r!.activePeriod) === JSON.stringify(retention[0]!.activePeriod) && r!.activeTrigger === retention[0]!.activeTrigger);
  return {
    name: a.name,
    reference: a.reference,
    purposes: a.purposes.map((p) => ({ description: p.description, legalBasis: p.legalBasis ?? null })),
    dataSubjects: a.dataSubjects,
    dataCategories: a.dataCategories.map((c) => c.label),
    retention: same && retention[0] ? { activePeriod: retention[0].activePeriod, activeTrigger: retention[0].activeTrigger } : null,
    recipients: a.recipients.map((r) => r.name),
    processors: a.processors.map((p) => p.name || vendorNames.get(p.vendorId ?? '') || ''),
    transfers: a.transfers.map((t) => ({ recipient: t.recipient, country: t.country, tool: t.tool ?? null })),
    owner: a.owner ?? '',
    status: a.status,
    notes: a.notes ?? '',
  };
}

function reimport(table: string[][]): ActivityInput[] {
  const plan = planImport(table, { lang: 'fr' });
  const errors = plan.rows.flatMap((r) => r.errors);
  expect(errors).toEqual([]);
  return plan.rows.map((r) => parseActivityInput(r.activity));
}

describe('register in the CNIL template layout', () => {
  const sheets = registerSheets({ organisation: 'Smart Tribune', activities, lang: 'fr', date: '2026-12-01', vendorNames });

  it('puts the controller and the processor registers on separate sheets, controller first', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Responsable de traitement', 'Sous-traitant']);
    expect(sheets[0]!.rows).toHaveLength(controllers.length);
    expect(sheets[1]!.rows).toHaveLength(activities.length - controllers.length);
    expect(sheets[0]!.header.slice(0, 5)).toEqual(['Nom du traitement', 'N° / REF', 'Finalité principale', 'Sous-finalités', 'Base légale']);
    expect(sheets[1]!.header).toContain('Responsables de traitement clients');
  });

  it.each([
    ['xlsx', (s: typeof sheets) => readXlsx(writeXlsx(s))],
    ['ods', (s: typeof sheets) => readOds(writeOds(s))],
    ['csv', (s: typeof sheets) => readCsv(writeCsv(s[0]!))],
  ] as const)('%s: re-imports the controller register without losing what the template carries, and re-exports identically', (_fmt, roundTrip) => {
    const table = roundTrip(sheets);
    const back = reimport(table);
    // Retention is compared where every category has the same one (one cell, one value); the import
    // gives a mixed cell's first duration to every category — the Word register keeps them apart.
    const strip = (c: ReturnType<typeof carried>, keep: boolean) => ({ ...c, retention: keep ? c.retention : null });
    expect(back.map((b, i) => strip(carried(b), carried(controllers[i]!).retention !== null))).toEqual(controllers.map((c) => carried(c)));
    // Security: every catalogue measure comes back. (The import turns a free-text line that names a
    // catalogue measure into that measure and drops the sentence: a limit of the import, reported.)
    back.forEach((b, i) => expect(b.securityMeasures.catalogue).toEqual(expect.arrayContaining(controllers[i]!.securityMeasures.catalogue)));
    // Fixed point: exporting what was imported gives the same sheet, cell for cell.
    const again = registerSheets({ organisation: 'Smart Tribune', activities: back, lang: 'fr', date: '2026-12-01' });
    const ignored = new Set(['Service / département', 'Analyse d’impact (AIPD)', 'Données sensibles', 'Durée de conservation', 'Mesures de sécurité']);
    const keep = sheets[0]!.header.map((h, i) => (ignored.has(h) ? -1 : i)).filter((i) => i >= 0);
    expect(again[0]!.rows.map((r) => keep.map((i) => r[i]))).toEqual(sheets[0]!.rows.map((r) => keep.map((i) => r[i])));
  });

  it('writes a real workbook: two sheets, frozen bold header, widths, auto-filter; ODS has its mimetype first and stored', () => {
    const x = unzipSync(writeXlsx(sheets));
    const wb = strFromU8(x['xl/workbook.xml']!);
    expect(wb).toContain('name="Responsable de traitement"');
    expect(wb).toContain('name="Sous-traitant"');
    const s1 = strFromU8(x['xl/worksheets/sheet1.xml']!);
    expect(s1).toContain('state="frozen"');
    expect(s1).toContain('<autoFilter');
    expect(s1).toContain('customWidth="1"');
    const odsBytes = writeOds(sheets);
    expect(strFromU8(odsBytes.subarray(30, 38))).toBe('mimetype');
    const ods = unzipSync(odsBytes);
    expect(strFromU8(ods.mimetype!)).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(strFromU8(ods['content.xml']!)).toContain('table:name="Sous-traitant"');
  });

  it('the single CSV lists every activity with its role; English headers are recognised by the import too', () => {
    const one = registerSingleSheet({ organisation: 'Smart Tribune', activities, lang: 'fr', date: '2026-12-01' });
    expect(one.rows).toHaveLength(activities.length);
    expect(one.header).toContain('Rôle');
    const en = registerSheets({ organisation: 'Smart Tribune', activities, lang: 'en', date: '2026-12-01' });
    const table = readTable('r.xlsx', writeXlsx(en));
    expect(planImport(table, { lang: 'en' }).rows.flatMap((r) => r.errors)).toEqual([]);
    expect(planImport(table, { lang: 'en' }).rows).toHaveLength(controllers.length);
  });

  it.each([
    [{ activePeriod: { value: 3, unit: 'years' as const }, activeTrigger: 'la fin du contrat', finalFate: 'deletion' as const }, 'fr', '3 ans après la fin du contrat'],
    [{ activePeriod: { value: 1, unit: 'months' as const }, activeTrigger: '', finalFate: 'deletion' as const }, 'en', '1 month'],
    [{ activePeriod: { kind: 'event' as const, description: 'Jusqu’à la clôture du compte' }, activeTrigger: '', finalFate: 'deletion' as const }, 'fr', 'Jusqu’à la clôture du compte'],
  ])('retention %j in %s reads “%s”', (r, lang, text) => expect(retentionText(r, lang as 'fr' | 'en')).toBe(text));
});

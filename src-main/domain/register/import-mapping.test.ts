import { describe, expect, it } from 'vitest';
import { detectHeader, parseRetention, planImport, recogniseHeader, splitCell } from './import-mapping';

describe('header recognition (CNIL template and English registers)', () => {
  it.each([
    ['Nom du traitement', 'name'],
    ['N° / REF', 'reference'],
    ['Finalité principale', 'purpose'],
    ['Base légale', 'legalBasis'],
    ['Catégories de personnes concernées', 'dataSubjects'],
    ['Catégories de données', 'dataCategories'],
    ['Durée de conservation', 'retention'],
    ['Destinataires', 'recipients'],
    ['Transferts hors UE', 'transfers'],
    ['Mesures de sécurité', 'security'],
    ['Données sensibles (oui/non)', 'sensitive'],
    ['Activity name', 'name'],
    ['Purpose', 'purpose'],
    ['Legal basis', 'legalBasis'],
    ['Data subjects', 'dataSubjects'],
    ['Personal data categories', 'dataCategories'],
    ['Retention period', 'retention'],
    ['Recipients', 'recipients'],
    ['International transfers', 'transfers'],
    ['Security measures', 'security'],
    ['  BASE LEGALE ', 'legalBasis'],
    ['Colonne inconnue', null],
  ])('%s → %s', (header, field) => {
    expect(recogniseHeader(header)).toBe(field);
  });

  it('skips the title lines of the CNIL template to find the header row', () => {
    const table = [['Registre des activités de traitement de ACME'], [], ['Nom du traitement', 'Finalité principale', 'Base légale'], ['Paie', 'Salaires', 'Obligation légale']];
    expect(detectHeader(table)).toEqual({ headerRow: 2, mapping: ['name', 'purpose', 'legalBasis'] });
  });
});

describe('cells', () => {
  it.each([
    ['a; b ;c', ['a', 'b', 'c']],
    ['État civil\nCoordonnées\r\nNIR', ['État civil', 'Coordonnées', 'NIR']],
    ['- tiret\n• puce', ['tiret', 'puce']],
    ['', []],
  ])('splits %j', (cell, parts) => expect(splitCell(cell)).toEqual(parts));

  it.each([
    ['3 ans à compter du dernier contact', { value: 3, unit: 'years' }, 'du dernier contact'],
    ['13 mois', { value: 13, unit: 'months' }, ''],
    ['5 years after the end of the contract', { value: 5, unit: 'years' }, 'the end of the contract'],
    ['30 jours', { value: 30, unit: 'days' }, ''],
    ["Jusqu'au retrait du consentement", { kind: 'event', description: "Jusqu'au retrait du consentement" }, ''],
  ])('retention %j', (text, period, trigger) => {
    const r = parseRetention(text);
    expect(r.activePeriod).toEqual(period);
    expect(r.activeTrigger).toBe(trigger);
  });
});

describe('rows to activities', () => {
  const headers = ['Nom du traitement', 'Finalité principale', 'Base légale', 'Catégories de personnes concernées', 'Catégories de données', 'Durée de conservation', 'Transferts hors UE', 'Mesures de sécurité'];
  const table = (row: string[]) => [headers, row];

  it('reads a complete French row into a structured activity', () => {
    const plan = planImport(table(['Prospection', 'Prospecter', 'Intérêt légitime', 'Prospects; Clients', 'Coordonnées\nFonction', '3 ans', 'États-Unis (CCT)', 'Chiffrement des données; Journalisation; Coffre-fort']));
    const r = plan.rows[0]!;
    expect(r.errors).toEqual([]);
    expect(r.activity).toMatchObject({
      name: 'Prospection',
      purposes: [{ description: 'Prospecter', legalBasis: 'legitimate-interests' }],
      dataSubjects: ['prospects', 'customers'],
      dataCategories: [
        { id: 'cat-1', label: 'Coordonnées', retention: { activePeriod: { value: 3, unit: 'years' } } },
        { id: 'cat-2', label: 'Fonction' },
      ],
      transfers: [{ country: 'US', tool: 'scc' }],
      securityMeasures: { catalogue: ['encryption-at-rest', 'access-logging'], other: 'Coffre-fort' },
    });
  });

  it.each([
    ['6.1.f', 'legitimate-interests'],
    ['Consentement', 'consent'],
    ['Obligation légale', 'legal-obligation'],
    ['Mission d’intérêt public', 'public-task'],
    ['contract', 'contract'],
  ])('legal basis %s', (basis, id) => {
    expect(planImport(table(['T', 'F', basis, '', '', '', '', ''])).rows[0]!.activity?.purposes?.[0]?.legalBasis).toBe(id);
  });

  it.each([
    [['', 'F', 'Contrat', '', '', '', '', ''], 'Nom du traitement', /nom du traitement est vide/],
    [['T', 'F', 'consent?', '', '', '', '', ''], 'Base légale', /« consent\? » n'est pas une base légale reconnue/],
    [['T', 'F', 'Contrat', '', '', '', 'Atlantide (CCT)', ''], 'Transferts hors UE', /« Atlantide \(CCT\) » : pays introuvable/],
  ])('a bad row names the column and the value: %j', (row, field, message) => {
    const r = planImport(table(row)).rows[0]!;
    expect(r.activity).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ row: 2, field, message: expect.stringMatching(message) })]);
  });

  it('English messages when asked', () => {
    const r = planImport(table(['T', 'F', 'maybe', '', '', '', '', '']), { lang: 'en' }).rows[0]!;
    expect(r.errors[0]!.message).toMatch(/"maybe" is not a recognised legal basis/);
  });

  it('refuses a sheet with no name column, and skips blank rows', () => {
    expect(planImport([['Foo', 'Bar'], ['x', 'y']]).rows[0]!.errors[0]!.message).toMatch(/Aucune colonne ne correspond au nom/);
    expect(planImport([headers, ['', '', '', '', '', '', '', ''], ['A', '', '', '', '', '', '', '']]).rows.map((r) => r.row)).toEqual([3]);
  });
});

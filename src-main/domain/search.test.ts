import { describe, expect, it } from 'vitest';
import { normalize, scoreRecord, searchRecords, type Searchable } from './search';

const rec = (area: Searchable['area'], reference: string, label: string, detail = ''): Searchable => ({ area, id: `${area}:${reference}`, reference, label, detail });

const records: Searchable[] = [
  rec('requests', 'DSAR-2026-001', 'Émilie Durand'),
  rec('requests', 'DSAR-2026-002', 'Marc Lefèvre'),
  rec('breaches', 'BR-2026-001', 'Courriel envoyé au mauvais destinataire'),
  rec('vendors', 'Mailjet', 'Mailjet', 'Mailjet SAS · FR'),
  rec('register', 'T-001', 'Gestion de la paie', 'active'),
  rec('register', 'T-002', 'Paiement en ligne', 'active'),
];

describe('normalize', () => {
  it.each([
    ['Élodie  Martin', 'elodie martin'],
    ['  LEFÈVRE ', 'lefevre'],
    ['Ça', 'ca'],
  ])('%s → %s', (a, b) => expect(normalize(a)).toBe(b));
});

describe('scoreRecord', () => {
  const r = rec('requests', 'DSAR-2026-001', 'Émilie Durand', 'access');
  it.each<[string, number]>([
    ['dsar-2026-001', 100],
    ['DSAR-2026', 90],
    ['émilie durand', 85],
    ['emilie', 80],
    ['durand', 60],
    ['dur emi', 60],
    ['milie', 40],
    ['access', 20],
    ['emilie martin', 0],
    ['', 0],
  ])('%s → %d', (q, score) => expect(scoreRecord(q, r)).toBe(score));
});

describe('searchRecords', () => {
  it.each<[string, string[]]>([
    ['emilie', ['requests:DSAR-2026-001']],
    ['lefevre', ['requests:DSAR-2026-002']],
    ['pai', ['register:T-002', 'register:T-001']], // « Paiement… » starts with it (80); « paie » is a later word (60)
    ['BR-2026', ['breaches:BR-2026-001']],
    ['mailjet', ['vendors:Mailjet']],
    ['2026-00', ['requests:DSAR-2026-001', 'requests:DSAR-2026-002', 'breaches:BR-2026-001']],
    ['zzz', []],
  ])('%s', (q, ids) => {
    expect(searchRecords(q, records).map((h) => h.id)).toEqual(ids);
  });
  it('keeps the limit', () => expect(searchRecords('2026', records, 2)).toHaveLength(2));
});

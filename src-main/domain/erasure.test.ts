import { describe, expect, it } from 'vitest';
import { ERASABLE_TABLES, erasureValues, isErasableTable, PERSONAL_COLUMNS, type ErasableTable } from './erasure';

const mark = { on: '2026-12-01', rule: 'erasure' as const, by: 'DPO', reason: 'Art. 17 request' };

describe('erasure: which columns hold personal data and what they become', () => {
  const cases: Array<[ErasableTable, Record<string, unknown>, Record<string, unknown>, string[]]> = [
    ['requests', { requester_name: 'Jean Dupont', details: JSON.stringify({ requester: { name: 'Jean Dupont', email: 'j@d.fr' }, rights: ['access'], channel: 'email', receivedOn: '2026-11-02', notes: 'appelle le soir', tasks: [{ t: 'x' }] }) }, { requester_name: '—' }, ['Jean', 'j@d.fr', 'appelle']],
    ['request_events', { summary: 'Appel de Jean Dupont' }, { summary: '' }, ['Jean']],
    ['request_attachments', { content: 'QkFTRTY0' }, { content: '' }, ['QkFTRTY0']],
    ['breach_files', { content: 'QkFTRTY0' }, { content: '' }, ['QkFTRTY0']],
    ['vendor_files', { content: 'QkFTRTY0' }, { content: '' }, ['QkFTRTY0']],
    ['breaches', { details: { reportedBy: 'Marie Curie', discoveryCircumstances: 'Marie a vu', otherData: 'x', decisions: {} } }, {}, ['Marie']],
    ['vendors', { details: JSON.stringify({ contacts: [{ name: 'Paul Martin' }], country: 'FR' }) }, {}, ['Paul']],
  ];
  it.each(cases)('%s', (table, row, expected, gone) => {
    const v = erasureValues(table, row, mark);
    expect(Object.keys(v).sort()).toEqual([...PERSONAL_COLUMNS[table]].sort());
    expect(v).toMatchObject(expected);
    for (const g of gone) expect(JSON.stringify(v)).not.toContain(g);
    if ('details' in v) expect((v.details as Record<string, unknown>).purge).toEqual(mark);
  });

  it('keeps the accountability record of a case (rights, dates) and of a vendor (country)', () => {
    const c = erasureValues('requests', cases[0]![1], mark).details as Record<string, unknown>;
    expect(c).toMatchObject({ rights: ['access'], channel: 'email', receivedOn: '2026-11-02', tasks: [] });
    expect((erasureValues('vendors', cases[6]![1], mark).details as Record<string, unknown>).country).toBe('FR');
  });

  it('only the listed tables are erasable', () => {
    for (const t of ERASABLE_TABLES) expect(isErasableTable(t)).toBe(true);
    for (const t of ['activities', 'org_profile', 'sync_members', 'change_log', '', 'requests; DROP']) expect(isErasableTable(t)).toBe(false);
  });
});

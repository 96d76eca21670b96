import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { breachSchema } from '../../src-main/domain/breaches/breach';
import { activityInputSchema } from '../../src-main/domain/register/activity';
import { dsarCaseSchema } from '../../src-main/domain/requests/case';
import { vendorInputSchema } from '../../src-main/domain/vendors/vendor';
import { TABLES } from '../../src-main/db/tables';
import { EN, FR, type Tree } from '../i18n/resources';
import { COLUMN_ORDER, DETAIL_PARTS, describeCell, describeFields, detailLabelKey, fieldLabelKey, formatShortDate, formatShortInstant, opLabel, tableLabel, type HistoryEntryLike, type HistoryFormat } from './history-format';

const has = (tree: Tree, key: string) => typeof key.split('.').reduce<string | Tree | undefined>((n, k) => (n && typeof n === 'object' ? n[k] : undefined), tree) === 'string';

/**
 * The structured record of each table: the input schema's keys minus those stored as columns (the
 * services' toRow functions: register, requests, breaches, vendors).
 */
const DETAILS: Record<string, { keys: string[]; columns: string[] }> = {
  activities: { keys: Object.keys(activityInputSchema.shape), columns: ['reference', 'name', 'role', 'status', 'owner', 'reviewDate'] },
  requests: { keys: Object.keys(dsarCaseSchema.shape), columns: ['rights', 'channel', 'receivedOn', 'jurisdiction'] },
  breaches: { keys: Object.keys(breachSchema.shape), columns: ['reference', 'title', 'status', 'awareAt', 'timeZone', 'discoveredAt'] },
  vendors: { keys: Object.keys(vendorInputSchema.shape), columns: ['name', 'role', 'country', 'risk', 'nextReviewOn'] },
};

describe('history labels', () => {
  const tables = Object.values(TABLES);
  it.each(tables.flatMap((s) => Object.keys(s.schema.shape).map((c) => [s.name, c])))('%s.%s has a French and an English label', (table, column) => {
    const key = fieldLabelKey(table, column);
    expect(has(FR, key), `FR ${key}`).toBe(true);
    expect(has(EN, key), `EN ${key}`).toBe(true);
  });
  it.each(tables.map((s) => [s.name]))('the table %s has a name in both languages', (table) => {
    expect(has(FR, `history.table.${table}`)).toBe(true);
    expect(has(EN, `history.table.${table}`)).toBe(true);
  });
  it.each(Object.entries(DETAILS).flatMap(([table, d]) => d.keys.filter((k) => !d.columns.includes(k)).map((k) => [table, k])))('the %s record key %s has a label in both languages', (table, key) => {
    expect(has(FR, detailLabelKey(table, key)), `FR ${detailLabelKey(table, key)}`).toBe(true);
    expect(has(EN, detailLabelKey(table, key)), `EN ${detailLabelKey(table, key)}`).toBe(true);
  });
  it.each(tables.map((s) => [s.name]))('the lines of %s follow the columns of the write path', (table) => {
    expect(COLUMN_ORDER[table]).toEqual(Object.keys(TABLES[table as keyof typeof TABLES].schema.shape));
  });
  it.each(Object.entries(DETAIL_PARTS).flatMap(([table, keys]) => Object.entries(keys).flatMap(([key, parts]) => parts.map((p) => [table, key, p.path, p.label]))))('%s %s.%s is labelled %s in both languages', (table, key, _path, label) => {
    expect(has(FR, label)).toBe(true);
    expect(has(EN, label)).toBe(true);
    expect(DETAILS[table]!.keys).toContain(key);
  });
  it('every table with a structured record is covered above', () => {
    expect(tables.filter((s) => s.jsonColumns.includes('details')).map((s) => s.name).sort()).toEqual(Object.keys(DETAILS).sort());
  });
});

describe('history values', () => {
  let i18n: I18n;
  const fmt = (lang: 'fr' | 'en', timeZone = 'Europe/Paris'): HistoryFormat => ({ t: (k, o) => String(i18n.getFixedT(lang)(k, { ...o })), lang, timeZone });
  const show = (e: HistoryEntryLike, f: HistoryFormat) => describeFields(e, f).lines.map((l) => (l.value === undefined ? l.label : `${l.label}: ${l.value}`));
  beforeAll(async () => {
    i18n = i18next.createInstance();
    await i18n.init({ resources: { fr: { translation: FR }, en: { translation: EN } }, lng: 'fr', fallbackLng: 'fr', interpolation: { escapeValue: false } });
  });

  it.each([
    ['2026-09-08', 'fr', '8\u00A0sept.\u00A02026'],
    ['2026-10-01', 'fr', '1er\u00A0oct.\u00A02026'],
    ['2026-09-08', 'en', '8\u00A0Sept\u00A02026'],
  ] as const)('the date %s reads %s: %s', (iso, lang, out) => {
    expect(formatShortDate(iso, lang)).toBe(out);
  });

  it.each([
    ['2026-09-08T08:00:00Z', 'fr', 'Europe/Paris', '8\u00A0sept.\u00A02026, 10\u00A0h\u00A000'],
    ['2026-09-08T08:00:00.000Z', 'en', 'Europe/Paris', '8\u00A0Sept\u00A02026, 10:00'],
    // The day is the zone's: 23:30 UTC is already the next day in Paris, still the same day in Montreal.
    ['2026-09-08T23:30:00Z', 'fr', 'Europe/Paris', '9\u00A0sept.\u00A02026, 1\u00A0h\u00A030'],
    ['2026-09-08T23:30:00Z', 'fr', 'America/Montreal', '8\u00A0sept.\u00A02026, 19\u00A0h\u00A030'],
  ] as const)('the instant %s reads in %s (%s): %s', (iso, lang, tz, out) => {
    expect(formatShortInstant(iso, lang, tz)).toBe(out);
  });

  it('a breach update reads with labels, enum labels and local times, never column names or ISO stamps', () => {
    const e: HistoryEntryLike = {
      table: 'breaches',
      op: 'update',
      at: '2026-09-08T08:00:00Z',
      fields: { authority_decision: 'notify', aware_at: '2026-09-08T08:00:00Z', severity_level: 'high', details: JSON.stringify({ peopleCount: 1200, noSensitiveData: true, otherMemberStates: 'no', decisions: { authority: { decision: 'notify' } } }) },
      changedKeys: { details: ['decisions', 'noSensitiveData', 'otherMemberStates', 'peopleCount'] },
    };
    const fr = show(e, fmt('fr'));
    expect(fr).toEqual([
      'Prise de connaissance: 8\u00A0sept.\u00A02026, 10\u00A0h\u00A000',
      'Gravité: Élevée',
      'Décision: Notifier',
      'Notifier la CNIL (art. 33): Notifier',
      'Aucune donnée sensible: oui',
      'Personnes dans d’autres États membres: Non',
      'Nombre approximatif de personnes: 1\u202F200',
    ]);
    const en = show(e, fmt('en'));
    expect(en[2]).toBe('Decision: Notify');
    expect(en.join('\n')).not.toMatch(/authority_decision|aware_at|\d{4}-\d{2}-\d{2}T/);
  });

  it('a request shows its rights, channel and outcome through their labels; ids and digests are not shown', () => {
    const e: HistoryEntryLike = {
      table: 'requests',
      op: 'update',
      at: '2026-09-08T08:00:00Z',
      fields: { rights: '["access","erasure"]', outcome: 'fulfilled', response_sent_on: '2026-10-01' },
      changedKeys: { rights: ['1'] },
    };
    expect(show(e, fmt('fr'))).toEqual(['Droits exercés: Droit d’accès, Droit à l’effacement', 'Réponse envoyée le: 1er\u00A0oct.\u00A02026', 'Suite donnée: Demande satisfaite']);
    const file: HistoryEntryLike = { table: 'request_attachments', op: 'insert', at: '2026-09-08T08:00:00Z', fields: { request_id: '01J', file_name: 'cni.pdf', size: 2048, sha256: 'ab', content: { sha256: 'ab', length: 4 }, purpose: 'identity-document' } };
    expect(show(file, fmt('fr'))).toEqual(['Nom du fichier: cni.pdf', 'Taille: 2\u00A0Kio', 'Motif de conservation: Pièce d’identité']);
  });

  it('a changed section of a case shows its parts with the form’s labels', () => {
    const e: HistoryEntryLike = {
      table: 'requests',
      op: 'update',
      at: '2026-09-08T08:00:00Z',
      fields: { extended_on: '2026-10-05', details: JSON.stringify({ extension: { decidedOn: '2026-10-05', reasons: 'Demande complexe', notifiedOn: null }, notes: 'à revoir' }) },
      changedKeys: { details: ['extension', 'notes'] },
    };
    expect(show(e, fmt('fr'))).toEqual(['Prolongation décidée le: 5\u00A0oct.\u00A02026', 'Motifs de la prolongation: Demande complexe', 'Notes: à revoir']);
  });

  it('one field of a sync conflict reads with the history’s labels and formats: a column, or one part of a record', () => {
    expect(describeCell('breaches', 'authority_decision', 'notify', fmt('fr'))).toEqual({ label: 'Décision', value: 'Notifier' });
    expect(describeCell('breaches', 'aware_at', '2026-09-08T08:00:00Z', fmt('en'))).toEqual({ label: 'Became aware', value: '8\u00A0Sept\u00A02026, 10:00' });
    expect(describeCell('requests', 'requester_name', null, fmt('fr'))).toEqual({ label: 'Demandeur', value: '(vide)' });
    const notes = describeCell('requests', 'details.notes', '"à revoir"', fmt('fr'));
    expect(notes.label).toMatch(/ › Notes$/);
    expect(notes.value).toBe('à revoir');
    const ext = describeCell('requests', 'details.extension', { decidedOn: '2026-10-05', reasons: 'Demande complexe' }, fmt('fr'));
    expect(ext.value).toBe('Prolongation décidée le\u00A0: 5\u00A0oct.\u00A02026\u00A0; Motifs de la prolongation\u00A0: Demande complexe');
    expect(describeCell('activities', 'details', '{"notes":"x"}', fmt('en')).value).toBe('(several details)');
  });

  it('a structured record is never shown as raw JSON, even without its changed keys', () => {
    const e: HistoryEntryLike = { table: 'activities', op: 'update', at: '2026-09-08T08:00:00Z', fields: { details: '{"notes":"x","purposes":[]}', status: 'active' } };
    expect(show(e, fmt('fr'))).toEqual(['Statut: En vigueur', 'Fiche']);
  });

  it('a timeline entry Vigie wrote in French reads in English in the English UI', () => {
    const e: HistoryEntryLike = { table: 'request_events', op: 'insert', at: '2026-09-08T08:00:00Z', fields: { request_id: '01J', occurred_on: '2026-09-08', kind: 'received', direction: 'in', summary: 'Demande reçue par courriel', attachment_id: null } };
    expect(show(e, fmt('en'))).toEqual(['Date: 8\u00A0Sept\u00A02026', 'Kind: Request received', 'Direction: Received', 'Summary: Request received by e-mail']);
  });

  it('a creation shows its short fields and counts the structured rest', () => {
    const e: HistoryEntryLike = { table: 'vendors', op: 'insert', at: '2026-09-08T08:00:00Z', fields: { name: 'Hébergeur', role: 'processor', country: 'DE', risk: null, next_review_on: '2027-01-15', details: '{"notes":""}' } };
    const r = describeFields(e, fmt('fr'));
    expect(r.lines.map((l) => `${l.label}: ${l.value}`)).toEqual(['Nom: Hébergeur', 'Rôle: Sous-traitant', 'Pays d’établissement: Allemagne (DE)', 'Prochaine revue: 15\u00A0janv.\u00A02027']);
    expect(r.hidden).toBe(2);
  });

  it('the operation is a word that agrees with the record in French', () => {
    const t = fmt('fr').t;
    expect(`${tableLabel('breaches', t)} ${opLabel('insert', 'breaches', t)}`).toBe('Violation de données créée');
    expect(`${tableLabel('activities', t)} ${opLabel('delete', 'activities', t)}`).toBe('Traitement mis à la corbeille');
    expect(opLabel('restore', 'requests', t)).toBe('restaurée');
    expect(opLabel('purge', 'vendors', fmt('en').t)).toBe('purged');
  });
});

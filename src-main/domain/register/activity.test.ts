import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { activityInputSchema, activityIssues, parseActivityInput, periodSchema, type ActivityInput } from './activity';
import {
  ACTIVITY_ROLES,
  ACTIVITY_ROLE_IDS,
  ACTIVITY_STATUSES,
  ACTIVITY_STATUS_IDS,
  ART49_DEROGATIONS,
  ART49_DEROGATION_IDS,
  ART9_CONDITIONS,
  ART9_CONDITION_IDS,
  DATA_CATEGORY_FAMILIES,
  DATA_CATEGORY_FAMILY_IDS,
  DATA_SUBJECTS,
  DATA_SUBJECT_IDS,
  FINAL_FATES,
  FINAL_FATE_IDS,
  LEGAL_BASES,
  LEGAL_BASIS_IDS,
  RECIPIENT_TYPES,
  RECIPIENT_TYPE_IDS,
  SECURITY_MEASURES,
  SECURITY_MEASURE_IDS,
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_IDS,
  TRANSFER_TOOLS,
  TRANSFER_TOOL_IDS,
  dataSubjectLabel,
  isEeaCountry,
  vocabularyList,
  type Label,
} from './vocabulary';

const full = {
  name: '  Gestion de la paie ',
  reference: 'RH-01',
  role: 'joint-controller',
  jointControllerName: 'Filiale SAS',
  owner: 'DRH',
  department: 'Ressources humaines',
  purposes: [
    { description: 'Calcul des salaires', legalBasis: 'legal-obligation' },
    { description: 'Œuvres sociales', legalBasis: 'legitimate-interests', legitimateInterest: 'Cohésion sociale' },
    { description: 'Arrêts maladie', legalBasis: 'legal-obligation', art9Condition: 'employment-social-protection' },
  ],
  dataSubjects: ['employees', 'Stagiaires'],
  dataCategories: [
    {
      id: 'identity',
      label: 'Identité',
      family: 'identity',
      retention: {
        activePeriod: { value: 5, unit: 'years' },
        activeTrigger: 'fin du contrat',
        intermediatePeriod: { kind: 'duration', value: 10, unit: 'years' },
        intermediateLegalRef: 'Code de commerce, art. L123-22',
        finalFate: 'deletion',
        legalReference: 'Référentiel CNIL gestion du personnel',
      },
    },
    { id: 'health', label: 'Arrêts de travail', special: 'health', retention: null },
    {
      id: 'nir',
      label: 'NIR',
      special: 'nir',
      retention: { activePeriod: { kind: 'event', description: "Jusqu'à la fin du contrat" }, finalFate: 'anonymisation' },
    },
  ],
  sources: [{ kind: 'direct', detail: 'Le salarié' }, { kind: 'indirect', detail: 'URSSAF' }],
  recipients: [{ type: 'internal-service', name: 'Service paie' }, { type: 'public-authority', name: 'URSSAF', detail: 'DSN' }],
  processors: [{ vendorId: '01HV', name: 'PayrollCo' }],
  transfers: [
    { recipient: 'PayrollCo Inc.', country: 'us', tool: 'dpf', documentationLink: 'https://example.org/dpf' },
    { recipient: 'Support', country: 'IN', tool: 'derogation', derogation: 'explicit-consent', detail: 'Occasional' },
  ],
  securityMeasures: { catalogue: ['role-based-access-control', 'encryption-at-rest'], other: 'Coffre-fort' },
  dpia: { criteria: ['sensitive-data', 'vulnerable-subjects'], cnilListItems: [], done: true, doneOn: '2025-03-01', note: 'AIPD v1' },
  status: 'active',
  reviewDate: '2027-01-31',
  notes: 'Fiche CNIL',
};

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const result = activityInputSchema.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return activityIssues(result.error);
}

describe('activityInputSchema — defaults and normalisation', () => {
  const empty = activityInputSchema.parse({});

  it.each<[keyof ActivityInput, unknown]>([
    ['name', ''],
    ['reference', ''],
    ['role', 'controller'],
    ['clientControllers', []],
    ['purposes', []],
    ['dataSubjects', []],
    ['dataCategories', []],
    ['sources', []],
    ['recipients', []],
    ['processors', []],
    ['transfers', []],
    ['securityMeasures', { catalogue: [] }],
    ['dpia', { criteria: [], cnilListItems: [], art35_3: [] }],
    ['status', 'draft'],
  ])('an empty draft gets %s = %j', (field, value) => {
    expect(empty[field]).toEqual(value);
  });

  it('leaves optional fields absent', () => {
    expect(Object.keys(empty).sort()).toEqual(
      [
        'clientControllers', 'dataCategories', 'dataSubjects', 'dpia', 'name', 'processors', 'purposes', 'recipients',
        'reference', 'role', 'securityMeasures', 'sources', 'status', 'transfers',
      ].sort(),
    );
  });

  it('parses a full activity, trimming text and upper-casing countries', () => {
    const a = activityInputSchema.parse(full);
    expect(a.name).toBe('Gestion de la paie');
    expect(a.transfers[0]!.country).toBe('US');
    expect(a.dataCategories[0]!.retention?.intermediatePeriod).toEqual({ value: 10, unit: 'years' });
    expect(a.dataCategories[2]!.retention?.activeTrigger).toBe('');
    expect(a.purposes[0]!.legalBasis).toBe('legal-obligation');
  });

  it('is idempotent through JSON (what the database stores parses back to itself)', () => {
    const once = activityInputSchema.parse(full);
    const twice = activityInputSchema.parse(JSON.parse(JSON.stringify(once)));
    expect(twice).toEqual(once);
  });

  it('accepts a processor record with its client controllers', () => {
    const a = activityInputSchema.parse({
      role: 'processor',
      clientControllers: [{ name: 'Client SA', contact: 'dpo@client.example', dpo: 'Jane Doe' }, { name: 'Other' }],
    });
    expect(a.clientControllers).toEqual([
      { name: 'Client SA', contact: 'dpo@client.example', dpo: 'Jane Doe' },
      { name: 'Other', contact: '' },
    ]);
  });

  it('accepts null for "not chosen yet" selects', () => {
    const a = activityInputSchema.parse({
      purposes: [{ description: 'x', legalBasis: null, art9Condition: null }],
      dataCategories: [{ id: 'a', label: 'A', family: null, special: null, retention: null }],
      transfers: [{ recipient: 'R', country: 'JP', tool: null }],
    });
    expect(a.purposes[0]!.legalBasis).toBeNull();
    expect(a.transfers[0]!.tool).toBeNull();
  });
});

describe('periodSchema', () => {
  it.each<[unknown, unknown]>([
    [{ value: 3, unit: 'years' }, { value: 3, unit: 'years' }],
    [{ kind: 'duration', value: 18, unit: 'months' }, { value: 18, unit: 'months' }],
    [{ value: 30, unit: 'days' }, { value: 30, unit: 'days' }],
    [{ kind: 'event', description: ' Until the account is closed ' }, { kind: 'event', description: 'Until the account is closed' }],
  ])('reads %j', (input, expected) => {
    expect(periodSchema.parse(input)).toEqual(expected);
  });
});

describe('activityInputSchema — clear, specific errors', () => {
  const category = (retention: unknown) => ({ dataCategories: [{ id: 'c', label: 'C', retention }] });

  it.each<[string, unknown, string, string]>([
    ['not an object', 'payroll', '', 'Activity must be an object, got "payroll"'],
    ['name not text', { name: 42 }, 'name', 'Activity name must be text, got number 42'],
    ['unknown role', { role: 'owner' }, 'role', 'Unknown role "owner"; expected one of: controller, joint-controller, processor'],
    ['unknown status', { status: 'archived' }, 'status', 'Unknown status "archived"; expected one of: draft, active, retired'],
    ['purposes not a list', { purposes: 'pay' }, 'purposes', 'Purposes must be a list, got "pay"'],
    [
      'legal basis not an id',
      { purposes: [{ description: 'x', legalBasis: 'Consentement' }] },
      'purposes.0.legalBasis',
      'Unknown legal basis "Consentement"; expected one of: consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests',
    ],
    [
      'unknown Art. 9(2) condition',
      { purposes: [{ art9Condition: 'consent' }] },
      'purposes.0.art9Condition',
      'Unknown Art. 9(2) condition "consent"',
    ],
    ['empty data-subject entry', { dataSubjects: ['  '] }, 'dataSubjects.0', 'Data subject category must not be empty'],
    ['category without label', { dataCategories: [{ id: 'a', label: '' }] }, 'dataCategories.0.label', 'Data category label must not be empty'],
    ['category without id', { dataCategories: [{ label: 'A' }] }, 'dataCategories.0.id', 'Data category id is required'],
    [
      'unknown special kind',
      { dataCategories: [{ id: 'a', label: 'A', special: 'religion' }] },
      'dataCategories.0.special',
      'Unknown special category kind "religion"',
    ],
    ['unknown family', { dataCategories: [{ id: 'a', label: 'A', family: 'bank' }] }, 'dataCategories.0.family', 'Unknown data category family "bank"'],
    [
      'retention without final fate',
      category({ activePeriod: { value: 1, unit: 'years' } }),
      'dataCategories.0.retention.finalFate',
      'Final fate of the data is required (one of: deletion, anonymisation, permanent-archiving, sorting)',
    ],
    [
      'retention without active period',
      category({ finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod',
      'A period is required',
    ],
    [
      'fractional duration',
      category({ activePeriod: { value: 1.5, unit: 'years' }, finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod.value',
      'Duration value must be a whole number (use a smaller unit: 18 months rather than 1.5 years)',
    ],
    [
      'zero duration',
      category({ activePeriod: { value: 0, unit: 'days' }, finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod.value',
      'Duration value must be greater than zero',
    ],
    [
      'duration as text',
      category({ activePeriod: { value: '5', unit: 'years' }, finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod.value',
      'Duration value must be a number, got "5"',
    ],
    [
      'unknown unit',
      category({ activePeriod: { value: 2, unit: 'weeks' }, finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod.unit',
      'Unknown duration unit "weeks"; expected one of: days, months, years',
    ],
    [
      'period as a bare number',
      category({ activePeriod: 5, finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod',
      'A period must be an object, got number 5',
    ],
    [
      'unknown period kind',
      category({ activePeriod: { kind: 'forever' }, finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod.kind',
      'A period is either a duration { value, unit } or an event { kind: "event", description }; got kind "forever"',
    ],
    [
      'event without description',
      category({ activePeriod: { kind: 'event', description: '' }, finalFate: 'deletion' }),
      'dataCategories.0.retention.activePeriod.description',
      'Event description (e.g. "until the end of the contract") must not be empty',
    ],
    [
      'unknown final fate',
      category({ activePeriod: { value: 1, unit: 'years' }, finalFate: 'destruction' }),
      'dataCategories.0.retention.finalFate',
      'Unknown final fate of the data "destruction"',
    ],
    ['source without kind', { sources: [{ detail: 'x' }] }, 'sources.0.kind', 'Data source kind is required (one of: direct, indirect)'],
    ['recipient without name', { recipients: [{ type: 'processor', name: ' ' }] }, 'recipients.0.name', 'Recipient name must not be empty'],
    ['recipient with unknown type', { recipients: [{ type: 'vendor', name: 'X' }] }, 'recipients.0.type', 'Unknown recipient type "vendor"'],
    ['processor with neither vendor link nor name', { processors: [{ detail: 'région UE' }] }, 'processors.0.name', 'A processor needs a vendor from the vendor register (vendorId) or, for an old record, a name'],
    ['client controller without name', { clientControllers: [{ contact: 'x' }] }, 'clientControllers.0.name', 'Client controller name is required'],
    [
      'three-letter country',
      { transfers: [{ recipient: 'R', country: 'USA' }] },
      'transfers.0.country',
      'Transfer country must be a two-letter ISO 3166-1 alpha-2 code such as "US" or "IN", got "USA"',
    ],
    ['country name', { transfers: [{ recipient: 'R', country: 'India' }] }, 'transfers.0.country', 'two-letter ISO 3166-1 alpha-2 code'],
    ['transfer without recipient', { transfers: [{ country: 'US' }] }, 'transfers.0.recipient', 'Transfer recipient is required'],
    [
      'Privacy Shield is not a tool any more',
      { transfers: [{ recipient: 'R', country: 'US', tool: 'privacy-shield' }] },
      'transfers.0.tool',
      'Unknown transfer tool "privacy-shield"; expected one of: adequacy, dpf, scc, bcr, code-of-conduct, certification, derogation',
    ],
    [
      'unknown derogation',
      { transfers: [{ recipient: 'R', country: 'US', tool: 'derogation', derogation: 'necessity' }] },
      'transfers.0.derogation',
      'Unknown Art. 49 derogation "necessity"',
    ],
    [
      'unknown security measure',
      { securityMeasures: { catalogue: ['tls'] } },
      'securityMeasures.catalogue.0',
      'Unknown security measure "tls"; expected one of: encryption-in-transit',
    ],
    ['unknown WP248 criterion', { dpia: { criteria: ['profiling'] } }, 'dpia.criteria.0', 'Unknown WP248 criterion "profiling"'],
    ['unknown CNIL item', { dpia: { cnilListItems: ['cctv'] } }, 'dpia.cnilListItems.0', 'Unknown CNIL DPIA list item "cctv"'],
    ['unknown Art. 35(3) case', { dpia: { art35_3: ['d'] } }, 'dpia.art35_3.0', 'Unknown Art. 35(3) case "d"'],
    ['DPIA done as text', { dpia: { done: 'yes' } }, 'dpia.done', 'DPIA "done" must be true or false, got "yes"'],
    ['DPIA date in French format', { dpia: { doneOn: '01/03/2025' } }, 'dpia.doneOn', 'DPIA date (doneOn) must be a calendar date written YYYY-MM-DD, got "01/03/2025"'],
    ['impossible review date', { reviewDate: '2026-02-30' }, 'reviewDate', 'Review date must be a calendar date written YYYY-MM-DD, got "2026-02-30"'],
    [
      'duplicate category ids',
      { dataCategories: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'a', label: 'A bis' }] },
      'dataCategories.2.id',
      'Data category id "a" is used twice (categories 1 and 3); ids must be unique within an activity',
    ],
  ])('%s', (_, input, path, message) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message).toContain(message);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({ name: 1, role: 'x', transfers: [{ recipient: '', country: 'France' }] });
    expect(issues.map((i) => i.path)).toEqual(['name', 'role', 'transfers.0.recipient', 'transfers.0.country']);
  });
});

describe('parseActivityInput', () => {
  it('returns the parsed activity', () => {
    expect(parseActivityInput({ name: 'CRM' }).name).toBe('CRM');
  });

  it('throws a DomainError listing the issues', () => {
    let error: unknown;
    try {
      parseActivityInput({ role: 'owner', reviewDate: 'soon' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe('invalid_activity');
    expect(e.message).toContain('role: Unknown role "owner"');
    expect(e.message).toContain('reviewDate: Review date must be a calendar date');
    // zod's code and bounds stay with each issue, so the router can name it (invalid_choice, invalid_format…).
    expect(e.details).toEqual({
      issues: [
        expect.objectContaining({ path: 'role', code: 'invalid_value', message: expect.stringContaining('Unknown role') }),
        expect.objectContaining({ path: 'reviewDate', code: 'invalid_format', message: expect.stringContaining('Review date') }),
      ],
    });
  });
});

describe('vocabularies', () => {
  const labelled: Array<[string, readonly string[], Readonly<Record<string, { label: Label }>>]> = [
    ['legal bases', LEGAL_BASIS_IDS, LEGAL_BASES],
    ['Art. 9(2) conditions', ART9_CONDITION_IDS, ART9_CONDITIONS],
    ['special categories', SPECIAL_CATEGORY_IDS, SPECIAL_CATEGORIES],
    ['data-category families', DATA_CATEGORY_FAMILY_IDS, DATA_CATEGORY_FAMILIES],
    ['data subjects', DATA_SUBJECT_IDS, DATA_SUBJECTS],
    ['recipient types', RECIPIENT_TYPE_IDS, RECIPIENT_TYPES],
    ['security measures', SECURITY_MEASURE_IDS, SECURITY_MEASURES],
    ['final fates', FINAL_FATE_IDS, FINAL_FATES],
    ['roles', ACTIVITY_ROLE_IDS, ACTIVITY_ROLES],
    ['statuses', ACTIVITY_STATUS_IDS, ACTIVITY_STATUSES],
    ['transfer tools', TRANSFER_TOOL_IDS, TRANSFER_TOOLS],
    ['Art. 49 derogations', ART49_DEROGATION_IDS, ART49_DEROGATIONS],
  ];

  it.each(labelled)('%s: kebab-case ids, unique, each with French and English labels', (_, ids, entries) => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(entries).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entries[id]!.label.fr.trim()).not.toBe('');
      expect(entries[id]!.label.en.trim()).not.toBe('');
    }
  });

  it('numbers the legal bases and Art. 9(2) conditions by letter', () => {
    expect(LEGAL_BASIS_IDS.map((id) => LEGAL_BASES[id].article)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `Art. 6(1)(${l})`),
    );
    expect(ART9_CONDITION_IDS.map((id) => ART9_CONDITIONS[id].article)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((l) => `Art. 9(2)(${l})`),
    );
  });

  it('sorts sensitive kinds into their regimes', () => {
    const regimes = SPECIAL_CATEGORY_IDS.map((id) => SPECIAL_CATEGORIES[id].regime);
    expect(regimes.filter((r) => r === 'art9')).toHaveLength(8);
    expect(SPECIAL_CATEGORIES['criminal-offence'].regime).toBe('art10');
    expect(SPECIAL_CATEGORIES.nir.regime).toBe('nir');
  });

  it('lists a vocabulary in id order', () => {
    expect(vocabularyList(ACTIVITY_STATUS_IDS, ACTIVITY_STATUSES).map((s) => [s.id, s.label.en])).toEqual([
      ['draft', 'Draft'],
      ['active', 'Active'],
      ['retired', 'Retired'],
    ]);
  });

  it.each([
    ['employees', 'fr', 'Salariés'],
    ['candidates', 'en', 'Job applicants'],
    ['Bénévoles', 'fr', 'Bénévoles'],
    ['constructor', 'en', 'constructor'],
  ] as const)('labels the data subject %j in %s as %j', (value, lang, label) => {
    expect(dataSubjectLabel(value, lang)).toBe(label);
  });

  it.each([
    ['FR', true], ['de', true], [' es ', true], ['GR', true], ['EL', true], ['IS', true], ['LI', true], ['NO', true],
    ['RE', true], ['GP', true],
    ['CH', false], ['GB', false], ['US', false], ['IN', false], ['NC', false], ['PF', false], ['', false],
  ] as const)('isEeaCountry(%j) is %s', (code, expected) => {
    expect(isEeaCountry(code)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { activityInputSchema, type ActivityInput } from './activity';
import { SEVERITY_WEIGHTS, checkActivity, checkRegister, completenessWithoutReview, scoreWithReview, type IssueCode } from './completeness';

const TODAY = '2026-11-22';
const ctx = { today: TODAY };

/** A controller activity with nothing missing. */
function complete(): ActivityInput {
  return activityInputSchema.parse({
    name: 'Gestion de la paie',
    reference: 'RH-01',
    role: 'controller',
    purposes: [{ description: 'Calcul et versement des salaires', legalBasis: 'legal-obligation' }],
    dataSubjects: ['employees'],
    dataCategories: [
      {
        id: 'identity',
        label: 'Identité',
        family: 'identity',
        retention: { activePeriod: { value: 5, unit: 'years' }, activeTrigger: 'fin du contrat', finalFate: 'deletion' },
      },
    ],
    sources: [{ kind: 'direct', detail: 'Le salarié' }],
    recipients: [{ type: 'internal-service', name: 'Service paie' }],
    securityMeasures: { catalogue: ['role-based-access-control', 'access-logging'] },
    status: 'active',
    reviewDate: '2027-06-30',
  });
}

/** complete(), changed by `change`, then parsed again (so every variant is a valid activity). */
function variant(change: (a: ActivityInput) => void): ActivityInput {
  const a = complete();
  change(a);
  return activityInputSchema.parse(a);
}

const retention = { activePeriod: { value: 1, unit: 'years' as const }, activeTrigger: '', finalFate: 'deletion' as const };

describe('checkActivity — a complete record', () => {
  it('has no issue and scores 100', () => {
    expect(checkActivity(complete(), ctx)).toEqual({ score: 100, issues: [] });
  });
});

describe('checkActivity — each rule fires', () => {
  it.each<[string, (a: ActivityInput) => void, IssueCode, 'error' | 'warning', string, string, string]>([
    ['no name', (a) => { a.name = ''; }, 'name_missing', 'error', 'name', 'Art. 30(1)', 'no name'],
    ['no purpose', (a) => { a.purposes = []; }, 'purpose_missing', 'error', 'purposes', 'Art. 30(1)(b)', 'No purpose'],
    [
      'a purpose without description',
      (a) => { a.purposes.push({ description: '', legalBasis: 'contract' }); },
      'purpose_missing', 'error', 'purposes.1.description', 'Art. 30(1)(b)', 'Purpose 2 has no description',
    ],
    [
      'no legal basis',
      (a) => { a.purposes[0]!.legalBasis = null; },
      'legal_basis_missing', 'error', 'purposes.0.legalBasis', 'Art. 6(1)', "No legal basis for purpose 'Calcul et versement des salaires'",
    ],
    [
      'legitimate interests without the interest',
      (a) => { a.purposes[0]!.legalBasis = 'legitimate-interests'; },
      'legitimate_interest_missing', 'error', 'purposes.0.legitimateInterest', 'Art. 6(1)(f)', 'does not state the interest pursued',
    ],
    [
      'legitimate interests with a blank interest',
      (a) => { a.purposes[0]!.legalBasis = 'legitimate-interests'; a.purposes[0]!.legitimateInterest = '   '; },
      'legitimate_interest_missing', 'error', 'purposes.0.legitimateInterest', 'Art. 6(1)(f)', 'legitimate interests',
    ],
    [
      'health data without an Art. 9(2) condition',
      (a) => { a.dataCategories.push({ id: 'h', label: 'Arrêts maladie', special: 'health', retention }); },
      'art9_condition_missing', 'error', 'purposes', 'Art. 9(2)', 'Special-category data (data concerning health) without an Art. 9(2) condition on any purpose',
    ],
    [
      'criminal-offence data',
      (a) => { a.dataCategories.push({ id: 'cj', label: 'Casier judiciaire', special: 'criminal-offence', retention }); },
      'criminal_offence_data', 'warning', 'dataCategories.1.special', 'Art. 10', "'Casier judiciaire'",
    ],
    [
      'NIR',
      (a) => { a.dataCategories.push({ id: 'nir', label: 'NIR', special: 'nir', retention }); },
      'nir_processed', 'warning', 'dataCategories.1.special', 'Loi 78-17, art. 30', 'NIR',
    ],
    ['no data subjects', (a) => { a.dataSubjects = []; }, 'data_subjects_missing', 'error', 'dataSubjects', 'Art. 30(1)(c)', 'No categories of data subjects'],
    ['no data categories', (a) => { a.dataCategories = []; }, 'data_categories_missing', 'error', 'dataCategories', 'Art. 30(1)(c)', 'No categories of personal data'],
    [
      'no retention',
      (a) => { a.dataCategories[0]!.retention = null; },
      'retention_missing', 'error', 'dataCategories.0.retention', 'Art. 30(1)(f)', "No retention period for 'Identité'",
    ],
    ['no recipients', (a) => { a.recipients = []; }, 'recipients_missing', 'warning', 'recipients', 'Art. 30(1)(d)', 'No recipients'],
    [
      'third-country transfer without a tool',
      (a) => { a.transfers.push({ recipient: 'Cloud Inc.', country: 'US' }); },
      'transfer_safeguard_missing', 'error', 'transfers.0.tool', 'Art. 30(1)(e)',
      "Transfer to a third country (United States, 'Cloud Inc.') with no safeguard recorded",
    ],
    [
      'third-country transfer with tool null',
      (a) => { a.transfers.push({ recipient: 'Support', country: 'CH', tool: null }); },
      'transfer_safeguard_missing', 'error', 'transfers.0.tool', 'Art. 30(1)(e)', 'with no safeguard recorded',
    ],
    [
      'derogation without detail',
      (a) => { a.transfers.push({ recipient: 'Hotel', country: 'MA', tool: 'derogation', derogation: 'contract-with-data-subject' }); },
      'transfer_derogation_undocumented', 'error', 'transfers.0.detail', 'Art. 49(1)', 'Art. 49 derogation without detail',
    ],
    [
      'no security measure',
      (a) => { a.securityMeasures = { catalogue: [], other: ' ' }; },
      'security_measures_missing', 'error', 'securityMeasures', 'Art. 30(1)(g)', 'No security measures',
    ],
    [
      'joint controller not named',
      (a) => { a.role = 'joint-controller'; },
      'joint_controller_missing', 'error', 'jointControllerName', 'Art. 26', 'joint controller(s) are not named',
    ],
    [
      'processor without client controller',
      (a) => { a.role = 'processor'; },
      'client_controller_missing', 'error', 'clientControllers', 'Art. 30(2)(a)', 'no controller named',
    ],
    [
      'two WP248 criteria, no DPIA',
      (a) => { a.dpia.criteria = ['large-scale', 'vulnerable-subjects']; },
      'dpia_not_done', 'error', 'dpia.done', 'Art. 35(1)', 'A DPIA is likely needed but is not recorded as done. 2 WP248 criteria met',
    ],
    [
      'CNIL list item, no DPIA (a note does not excuse it)',
      (a) => { a.dpia.cnilListItems = ['employee-constant-monitoring']; a.dpia.note = 'Pas le temps'; },
      'dpia_not_done', 'error', 'dpia.done', 'Art. 35(4)', 'CNIL list of operations requiring a DPIA (deliberation 2018-327), item 4',
    ],
    [
      'Art. 35(3) case, DPIA done: false',
      (a) => { a.dpia.art35_3 = ['public-area-monitoring']; a.dpia.done = false; },
      'dpia_not_done', 'error', 'dpia.done', 'Art. 35(3)', 'Art. 35(3)(c)',
    ],
    [
      'two criteria, no DPIA, justification noted',
      (a) => { a.dpia.criteria = ['large-scale', 'innovative-use']; a.dpia.note = 'Pseudonymised test data only'; },
      'dpia_not_done_justified', 'warning', 'dpia.done', 'Art. 35(1)', 'a justification is recorded',
    ],
    [
      'one criterion, nothing decided',
      (a) => { a.dpia.criteria = ['systematic-monitoring']; },
      'dpia_decision_undocumented', 'warning', 'dpia.note', 'Art. 35(1)', 'One WP248 criterion is met (systematic monitoring): DPIA to examine. Carry it out or record why it is not needed.',
    ],
    [
      'review date passed',
      (a) => { a.reviewDate = '2026-11-21'; },
      'review_overdue', 'warning', 'reviewDate', 'Art. 24(1)', 'The review date of this record (21 November 2026) has passed',
    ],
  ])('%s', (_, change, code, severity, field, article, en) => {
    const { issues, score } = checkActivity(variant(change), ctx);
    expect(issues.map((i) => i.code)).toEqual([code]);
    const [issue] = issues;
    expect(issue).toMatchObject({ code, severity, field, article });
    expect(issue!.message.en).toContain(en);
    expect(issue!.message.fr.trim()).not.toBe('');
    expect(score).toBeLessThan(100);
  });

  it('writes the French messages too', () => {
    const { issues } = checkActivity(variant((a) => {
      a.dataCategories[0]!.retention = null;
      a.dataCategories.push({ id: 'h', label: 'Santé', special: 'health', retention });
      a.transfers.push({ recipient: 'Cloud Inc.', country: 'US' });
    }), ctx);
    expect(issues.map((i) => i.message.fr)).toEqual([
      "Données sensibles (données concernant la santé) sans condition de l'article 9, § 2, sur aucune finalité.",
      'Pas de durée de conservation pour « Identité ».',
      'Transfert vers un pays tiers (États-Unis, « Cloud Inc. ») sans garantie enregistrée (adéquation, clauses contractuelles types, BCR, dérogation… — chapitre V).',
    ]);
  });

  it('reports one retention issue per category, naming each', () => {
    const { issues } = checkActivity(variant((a) => {
      a.dataCategories[0]!.retention = null;
      a.dataCategories.push({ id: 'b', label: 'Coordonnées bancaires', retention: null });
      a.dataCategories.push({ id: 'c', label: 'Adresse', retention });
    }), ctx);
    expect(issues.map((i) => [i.field, i.message.en])).toEqual([
      ['dataCategories.0.retention', "No retention period for 'Identité'."],
      ['dataCategories.1.retention', "No retention period for 'Coordonnées bancaires'."],
    ]);
  });

  it('uses the processor-record articles for a processor', () => {
    const { issues } = checkActivity(variant((a) => {
      a.role = 'processor';
      a.clientControllers = [{ name: 'Client SA', contact: 'dpo@client.example' }];
      a.purposes = [];
      a.securityMeasures = { catalogue: [] };
      a.transfers.push({ recipient: 'Sub', country: 'US' });
    }), ctx);
    expect(issues.map((i) => [i.code, i.article])).toEqual([
      ['purpose_missing', 'Art. 30(2)(b)'],
      ['transfer_safeguard_missing', 'Art. 30(2)(c)'],
      ['security_measures_missing', 'Art. 30(2)(d)'],
    ]);
  });
});

describe('checkActivity — a processor record follows Art. 30(2), not 30(1)', () => {
  const processor = (change: (a: ActivityInput) => void) =>
    variant((a) => {
      a.role = 'processor';
      a.clientControllers = [{ name: 'Client SA', contact: 'dpo@client.example' }];
      // Controller-only content absent: no legal basis, no data subjects or categories, no recipients.
      a.purposes = [{ description: 'Hébergement de la paie' }];
      a.dataSubjects = [];
      a.dataCategories = [];
      a.recipients = [];
      change(a);
    });
  it.each<[string, (a: ActivityInput) => void, Array<[IssueCode, string, string]>]>([
    ['complete without finalités and legal bases', () => {}, []],
    ['no client controller', (a) => { a.clientControllers = []; }, [['client_controller_missing', 'Art. 30(2)(a)', 'clientControllers']]],
    ['a client controller without contact details', (a) => { a.clientControllers.push({ name: 'Autre client', contact: '' }); }, [['client_controller_contact_missing', 'Art. 30(2)(a)', 'clientControllers.1.contact']]],
    ['no category of processing', (a) => { a.purposes = []; }, [['purpose_missing', 'Art. 30(2)(b)', 'purposes']]],
    ['a transfer without safeguard', (a) => { a.transfers.push({ recipient: 'Sub', country: 'IN' }); }, [['transfer_safeguard_missing', 'Art. 30(2)(c)', 'transfers.0.tool']]],
    ['no security measures', (a) => { a.securityMeasures = { catalogue: [] }; }, [['security_measures_missing', 'Art. 30(2)(d)', 'securityMeasures']]],
    ['two WP248 criteria: the DPIA is the client’s', (a) => { a.dpia.criteria = ['large-scale', 'sensitive-data']; }, []],
    ['a purpose without legal basis: not the processor’s record', (a) => { a.purposes[0]!.legalBasis = null; }, []],
  ])('%s', (_name, change, expected) => {
    expect(checkActivity(processor(change), ctx).issues.map((i) => [i.code, i.article, i.field])).toEqual(expected);
  });
});

describe('checkActivity — rules that must not fire', () => {
  it.each<[string, (a: ActivityInput) => void]>([
    ['legitimate interests with the interest stated', (a) => {
      a.purposes[0]!.legalBasis = 'legitimate-interests';
      a.purposes[0]!.legitimateInterest = 'Prévenir la fraude';
    }],
    ['health data with an Art. 9(2) condition on one purpose', (a) => {
      a.dataCategories.push({ id: 'h', label: 'Santé', special: 'health', retention });
      a.purposes.push({ description: 'Médecine du travail', legalBasis: 'legal-obligation', art9Condition: 'health-social-care' });
    }],
    ['a data category with no special kind', (a) => { a.dataCategories[0]!.special = null; }],
    ['retention as an event', (a) => {
      a.dataCategories[0]!.retention = { activePeriod: { kind: 'event', description: 'Durée du contrat' }, activeTrigger: '', finalFate: 'anonymisation' };
    }],
    ['transfer inside the EEA without a tool', (a) => { a.transfers.push({ recipient: 'Hébergeur', country: 'DE' }); }],
    ['transfer to Norway, lower-case code', (a) => { a.transfers.push({ recipient: 'Backup AS', country: 'no' }); }],
    ['transfer to Réunion (EU outermost region)', (a) => { a.transfers.push({ recipient: 'Agence', country: 'RE' }); }],
    ['third-country transfer with SCCs', (a) => { a.transfers.push({ recipient: 'Cloud Inc.', country: 'US', tool: 'scc' }); }],
    ['third-country transfer under the DPF', (a) => { a.transfers.push({ recipient: 'Cloud Inc.', country: 'US', tool: 'dpf' }); }],
    ['adequacy', (a) => { a.transfers.push({ recipient: 'Filiale', country: 'JP', tool: 'adequacy' }); }],
    ['derogation with detail', (a) => {
      a.transfers.push({ recipient: 'Hotel', country: 'MA', tool: 'derogation', detail: 'Art. 49(1)(b): booking requested by the guest' });
    }],
    ['security described in free text only', (a) => { a.securityMeasures = { catalogue: [], other: 'Armoire fermée à clé' }; }],
    ['joint controller named', (a) => { a.role = 'joint-controller'; a.jointControllerName = 'Partenaire SAS'; }],
    ['processor with a client controller and no controller-only fields', (a) => {
      a.role = 'processor';
      a.clientControllers = [{ name: 'Client SA', contact: 'dpo@client.example' }];
      a.purposes = [{ description: 'Hébergement de la paie' }];
      a.dataSubjects = [];
      a.dataCategories = [{ id: 'x', label: 'Données RH', special: 'health', retention: null }];
      a.recipients = [];
      a.dpia.criteria = ['large-scale', 'sensitive-data'];
    }],
    ['two criteria, DPIA done', (a) => { a.dpia.criteria = ['large-scale', 'sensitive-data']; a.dpia.done = true; }],
    ['CNIL list item, DPIA done', (a) => { a.dpia.cnilListItems = ['large-scale-location']; a.dpia.done = true; a.dpia.doneOn = '2025-01-15'; }],
    ['one criterion, decision noted', (a) => { a.dpia.criteria = ['large-scale']; a.dpia.note = 'Volume limité, pas de risque élevé'; }],
    ['one criterion, DPIA done', (a) => { a.dpia.criteria = ['large-scale']; a.dpia.done = true; }],
    ['review date is today', (a) => { a.reviewDate = TODAY; }],
    ['review date in the future', (a) => { a.reviewDate = '2026-11-23'; }],
    ['no review date', (a) => { delete a.reviewDate; }],
  ])('%s', (_, change) => {
    expect(checkActivity(variant(change), ctx)).toEqual({ score: 100, issues: [] });
  });
});

describe('checkActivity — score', () => {
  it('is 0 for an empty draft', () => {
    const { score, issues } = checkActivity(activityInputSchema.parse({}), ctx);
    expect(score).toBe(0);
    expect(issues.map((i) => i.code)).toEqual([
      'name_missing',
      'purpose_missing',
      'data_subjects_missing',
      'data_categories_missing',
      'recipients_missing',
      'security_measures_missing',
    ]);
  });

  it('rises at each step as an activity is completed', () => {
    const steps: Array<(a: ActivityInput) => void> = [
      (a) => { a.name = 'Gestion des clients'; },
      (a) => { a.purposes = [{ description: 'Suivi de la relation client', legalBasis: null }]; },
      (a) => { a.purposes[0]!.legalBasis = 'legitimate-interests'; },
      (a) => { a.purposes[0]!.legitimateInterest = 'Fidélisation'; },
      (a) => { a.dataSubjects = ['customers']; },
      (a) => { a.dataCategories = [{ id: 'id', label: 'Identité', retention: null }, { id: 'bk', label: 'Banque', retention: null }]; },
      (a) => { a.dataCategories[0]!.retention = retention; },
      (a) => { a.dataCategories[1]!.retention = retention; },
      (a) => { a.recipients = [{ type: 'internal-service', name: 'Service commercial' }]; },
      (a) => { a.securityMeasures.catalogue = ['mfa']; },
    ];
    let activity = activityInputSchema.parse({});
    const scores = [checkActivity(activity, ctx).score];
    for (const step of steps) {
      step(activity);
      activity = activityInputSchema.parse(activity);
      scores.push(checkActivity(activity, ctx).score);
    }
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThan(scores[i - 1]!);
    expect(scores[0]).toBe(0);
    expect(scores.at(-1)).toBe(100);
  });

  it('weighs errors more than warnings', () => {
    expect(SEVERITY_WEIGHTS.error).toBeGreaterThan(SEVERITY_WEIGHTS.warning);
    const warningOnly = checkActivity(variant((a) => { a.recipients = []; }), ctx);
    const errorOnly = checkActivity(variant((a) => { a.dataSubjects = []; }), ctx);
    expect(warningOnly.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(errorOnly.issues.map((i) => i.severity)).toEqual(['error']);
    expect(warningOnly.score).toBeGreaterThan(errorOnly.score);
  });

  it('gives partial credit for partly documented retention', () => {
    const none = checkActivity(variant((a) => {
      a.dataCategories = [{ id: 'a', label: 'A', retention: null }, { id: 'b', label: 'B', retention: null }];
    }), ctx).score;
    const half = checkActivity(variant((a) => {
      a.dataCategories = [{ id: 'a', label: 'A', retention }, { id: 'b', label: 'B', retention: null }];
    }), ctx).score;
    expect(none).toBeLessThan(half);
    expect(half).toBeLessThan(100);
  });

  it('keeps a documented NIR record just below 100', () => {
    const { score } = checkActivity(variant((a) => {
      a.dataCategories.push({ id: 'nir', label: 'NIR', special: 'nir', retention });
    }), ctx);
    expect(score).toBeLessThan(100);
    expect(score).toBeGreaterThanOrEqual(90);
  });

  it('is deterministic', () => {
    const a = variant((x) => { x.recipients = []; x.dataCategories[0]!.retention = null; x.reviewDate = '2020-01-01'; });
    expect(checkActivity(a, ctx)).toEqual(checkActivity(a, ctx));
    expect(checkActivity(a, ctx).score).toBe(checkActivity(structuredClone(a), ctx).score);
  });

  it('rejects a malformed today', () => {
    expect(() => checkActivity(complete(), { today: '22/11/2026' })).toThrow(DomainError);
  });

  it('uses the current date when no today is given', () => {
    expect(checkActivity(variant((a) => { a.reviewDate = '2000-01-01'; })).issues.map((i) => i.code)).toEqual(['review_overdue']);
    expect(checkActivity(variant((a) => { a.reviewDate = '2999-01-01'; })).issues).toEqual([]);
  });
});

describe('checkRegister', () => {
  const good = { ...complete(), id: 'a1' };
  const noSubjects = { ...variant((a) => { a.dataSubjects = []; a.recipients = []; }), id: 'a2' };
  const retiredBad = { ...activityInputSchema.parse({ status: 'retired' }), id: 'a3' };

  it('averages the scores of the activities that are not retired', () => {
    const r = checkRegister([good, noSubjects, retiredBad], ctx);
    const expected = Math.round((100 + checkActivity(noSubjects, ctx).score) / 2);
    expect(r.score).toBe(expected);
    expect(r.byActivity.map((a) => [a.index, a.id, a.status])).toEqual([
      [0, 'a1', 'active'],
      [1, 'a2', 'active'],
      [2, 'a3', 'retired'],
    ]);
    expect(r.byActivity[2]!.score).toBe(0);
    expect(r.counts).toEqual({
      activities: 2,
      retired: 1,
      errors: 1,
      warnings: 1,
      withErrors: 1,
      complete: 1,
      byCode: { data_subjects_missing: 1, recipients_missing: 1 },
    });
  });

  it('gives each activity its own result', () => {
    const r = checkRegister([good, noSubjects], ctx);
    expect(r.byActivity[0]).toMatchObject({ name: 'Gestion de la paie', score: 100, issues: [] });
    expect(r.byActivity[1]!.issues.map((i) => i.code)).toEqual(['data_subjects_missing', 'recipients_missing']);
  });

  it('scores an empty register 0', () => {
    expect(checkRegister([], ctx)).toEqual({
      score: 0,
      byActivity: [],
      counts: { activities: 0, retired: 0, errors: 0, warnings: 0, withErrors: 0, complete: 0, byCode: {} },
    });
  });

  it('scores a register of complete activities 100', () => {
    expect(checkRegister([complete(), complete()], ctx).score).toBe(100);
  });
});

describe('completenessWithoutReview + scoreWithReview (the stored completeness)', () => {
  it('give checkActivity’s score, error and warning counts on the days around the review date, overdue or not', () => {
    const variants: ActivityInput[] = [
      complete(),
      variant((a) => void (a.reviewDate = '2026-11-21')),
      variant((a) => void (a.reviewDate = undefined)),
      variant((a) => void (a.purposes = [])),
      variant((a) => void (a.recipients = [])),
      variant((a) => void (a.dataCategories[0]!.retention = null)),
      variant((a) => void (a.role = 'processor')),
      variant((a) => void (a.dpia.criteria = ['evaluation-scoring', 'sensitive-data'] as never)),
    ];
    for (const a of variants) {
      const parts = completenessWithoutReview(a);
      for (const today of ['2026-11-20', '2026-11-21', '2026-11-22', '2027-06-29', '2027-06-30', '2027-07-01']) {
        const full = checkActivity(a, { today });
        const { score, reviewOverdue } = scoreWithReview({ weight: parts.weight, earned: parts.earned, reviewDate: parts.reviewDate }, today);
        expect(score, today).toBe(full.score);
        expect(reviewOverdue, today).toBe(full.issues.some((i) => i.code === 'review_overdue'));
        const others = full.issues.filter((i) => i.code !== 'review_overdue');
        expect(parts.errors, today).toBe(others.filter((i) => i.severity === 'error').length);
        expect(parts.warnings, today).toBe(others.filter((i) => i.severity === 'warning').length);
        expect(parts.dpiaRequired, today).toBe(others.some((i) => i.code === 'dpia_not_done'));
      }
    }
  });
});

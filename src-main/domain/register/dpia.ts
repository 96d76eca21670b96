/**
 * DPIA screening (GDPR Art. 35): the Art. 35(3) cases, the nine WP248 rev.01 criteria (Article 29
 * Working Party guidelines, endorsed by the EDPB) and the CNIL list of operations requiring a DPIA
 * (délibération n° 2018-327 du 11 octobre 2018).
 *
 * The screening is an aid: it never replaces the DPO's assessment, and its reasons say which
 * answers triggered the result so the DPO can check them.
 */
import { DomainError } from '../errors';
import type { Label } from './vocabulary';

type NonEmpty<T> = readonly [T, ...T[]];

// ---------------------------------------------------------------------------------------------
// Art. 35(3): cases where a DPIA is always required

export const ART35_3_CASE_IDS = [
  'systematic-evaluation',
  'large-scale-special-data',
  'public-area-monitoring',
] as const satisfies NonEmpty<string>;
export type Art35_3CaseId = (typeof ART35_3_CASE_IDS)[number];

export const ART35_3_CASES: Readonly<Record<Art35_3CaseId, { article: string; label: Label }>> = {
  'systematic-evaluation': {
    article: 'Art. 35(3)(a)',
    label: {
      fr: "Évaluation systématique et approfondie d'aspects personnels, fondée sur un traitement automatisé (y compris le profilage), servant de base à des décisions produisant des effets juridiques ou affectant de manière significative les personnes",
      en: 'Systematic and extensive evaluation of personal aspects based on automated processing, including profiling, on which decisions with legal or similarly significant effects are based',
    },
  },
  'large-scale-special-data': {
    article: 'Art. 35(3)(b)',
    label: {
      fr: "Traitement à grande échelle de catégories particulières de données (art. 9) ou de données relatives aux condamnations pénales et aux infractions (art. 10)",
      en: 'Large-scale processing of special categories of data (Art. 9) or of data relating to criminal convictions and offences (Art. 10)',
    },
  },
  'public-area-monitoring': {
    article: 'Art. 35(3)(c)',
    label: {
      fr: "Surveillance systématique à grande échelle d'une zone accessible au public",
      en: 'Systematic monitoring of a publicly accessible area on a large scale',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// WP248 rev.01: the nine criteria

export const WP248_CRITERION_IDS = [
  'evaluation-scoring',
  'automated-decision',
  'systematic-monitoring',
  'sensitive-data',
  'large-scale',
  'matching-combining',
  'vulnerable-subjects',
  'innovative-use',
  'prevents-right-or-service',
] as const satisfies NonEmpty<string>;
export type Wp248CriterionId = (typeof WP248_CRITERION_IDS)[number];

export const WP248_CRITERIA: Readonly<Record<Wp248CriterionId, { number: number; label: Label; explanation: Label }>> = {
  'evaluation-scoring': {
    number: 1,
    label: {
      fr: 'Évaluation ou notation (y compris le profilage et la prédiction)',
      en: 'Evaluation or scoring (including profiling and predicting)',
    },
    explanation: {
      fr: 'Par exemple : notation de crédit, profilage comportemental ou marketing, prédiction de la santé ou des performances au travail.',
      en: 'For example credit scoring, behavioural or marketing profiling, predicting health or work performance.',
    },
  },
  'automated-decision': {
    number: 2,
    label: {
      fr: 'Prise de décision automatisée avec effet juridique ou effet similaire significatif',
      en: 'Automated decision-making with legal or similarly significant effect',
    },
    explanation: {
      fr: 'Décisions prises sans intervention humaine qui peuvent exclure ou discriminer des personnes.',
      en: 'Decisions made without human involvement that may lead to exclusion of or discrimination against individuals.',
    },
  },
  'systematic-monitoring': {
    number: 3,
    label: { fr: 'Surveillance systématique', en: 'Systematic monitoring' },
    explanation: {
      fr: "Observation, surveillance ou contrôle des personnes, notamment dans une zone accessible au public ou au travail.",
      en: 'Observing, monitoring or controlling individuals, including in a publicly accessible area or at work.',
    },
  },
  'sensitive-data': {
    number: 4,
    label: {
      fr: 'Données sensibles ou données à caractère hautement personnel',
      en: 'Sensitive data or data of a highly personal nature',
    },
    explanation: {
      fr: 'Catégories particulières (art. 9), données pénales (art. 10), mais aussi données financières, de localisation ou de communications privées.',
      en: 'Special categories (Art. 9), criminal data (Art. 10), and also financial, location or private communication data.',
    },
  },
  'large-scale': {
    number: 5,
    label: { fr: 'Données traitées à grande échelle', en: 'Data processed on a large scale' },
    explanation: {
      fr: "Selon le nombre de personnes, le volume de données, la durée et l'étendue géographique du traitement.",
      en: 'Judged by the number of people, the volume of data, the duration and the geographical extent of the processing.',
    },
  },
  'matching-combining': {
    number: 6,
    label: { fr: "Croisement ou combinaison d'ensembles de données", en: 'Matching or combining datasets' },
    explanation: {
      fr: 'Données issues de plusieurs traitements ou responsables, combinées au-delà de ce que les personnes peuvent raisonnablement attendre.',
      en: 'Data from several operations or controllers combined beyond what people would reasonably expect.',
    },
  },
  'vulnerable-subjects': {
    number: 7,
    label: { fr: 'Données concernant des personnes vulnérables', en: 'Data concerning vulnerable data subjects' },
    explanation: {
      fr: 'Enfants, salariés, patients, personnes âgées, demandeurs d’asile : toute situation de déséquilibre avec le responsable.',
      en: 'Children, employees, patients, elderly people, asylum seekers: any imbalance of power with the controller.',
    },
  },
  'innovative-use': {
    number: 8,
    label: {
      fr: 'Usage innovant ou application de nouvelles solutions technologiques ou organisationnelles',
      en: 'Innovative use or applying new technological or organisational solutions',
    },
    explanation: {
      fr: 'Par exemple : reconnaissance faciale, objets connectés, intelligence artificielle.',
      en: 'For example facial recognition, connected devices, artificial intelligence.',
    },
  },
  'prevents-right-or-service': {
    number: 9,
    label: {
      fr: "Traitement qui empêche les personnes d'exercer un droit ou de bénéficier d'un service ou d'un contrat",
      en: 'Processing that prevents data subjects from exercising a right or using a service or a contract',
    },
    explanation: {
      fr: "Par exemple : consultation d'un fichier de crédit pour décider d'accorder un prêt.",
      en: 'For example screening a credit reference database to decide whether to grant a loan.',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// CNIL list (délibération n° 2018-327): 14 types of operations for which a DPIA is required.
// Items 1–6 were checked verbatim in two sources; the French wording of items 7–14 was checked as
// topics only. `criteria` lists the WP248 criteria the CNIL cites, where verified (items 1–5).

export const CNIL_DPIA_LIST_IDS = [
  'health-establishment-care',
  'genetic-vulnerable',
  'hr-profiling',
  'employee-constant-monitoring',
  'social-health-alerts',
  'professional-whistleblowing',
  'health-data-warehouse',
  'profiling-contract-exclusion',
  'pooled-contract-breaches',
  'profiling-external-sources',
  'biometric-vulnerable',
  'social-housing',
  'social-support',
  'large-scale-location',
] as const satisfies NonEmpty<string>;
export type CnilDpiaListItemId = (typeof CNIL_DPIA_LIST_IDS)[number];

export const CNIL_DPIA_LIST: Readonly<
  Record<CnilDpiaListItemId, { number: number; label: Label; criteria?: readonly Wp248CriterionId[] }>
> = {
  'health-establishment-care': {
    number: 1,
    label: {
      fr: 'Traitements de données de santé mis en œuvre par les établissements de santé ou les établissements médico-sociaux pour la prise en charge des personnes',
      en: 'Health data processed by health or medico-social establishments for the care of patients',
    },
    criteria: ['sensitive-data', 'vulnerable-subjects'],
  },
  'genetic-vulnerable': {
    number: 2,
    label: {
      fr: 'Traitements portant sur des données génétiques de personnes dites « vulnérables » (patients, employés, enfants, etc.)',
      en: 'Genetic data of “vulnerable” persons (patients, employees, children, etc.)',
    },
    criteria: ['sensitive-data', 'vulnerable-subjects'],
  },
  'hr-profiling': {
    number: 3,
    label: {
      fr: 'Traitements établissant des profils de personnes physiques à des fins de gestion des ressources humaines',
      en: 'Profiling of natural persons for human resources management',
    },
    criteria: ['evaluation-scoring', 'vulnerable-subjects'],
  },
  'employee-constant-monitoring': {
    number: 4,
    label: {
      fr: "Traitements ayant pour finalité de surveiller de manière constante l'activité des employés concernés",
      en: 'Constant monitoring of the activity of employees',
    },
    criteria: ['vulnerable-subjects', 'systematic-monitoring'],
  },
  'social-health-alerts': {
    number: 5,
    label: {
      fr: 'Traitements ayant pour finalité la gestion des alertes et des signalements en matière sociale et sanitaire',
      en: 'Management of social and health alerts and reports',
    },
    criteria: ['vulnerable-subjects', 'evaluation-scoring', 'sensitive-data'],
  },
  'professional-whistleblowing': {
    number: 6,
    label: {
      fr: 'Traitements ayant pour finalité la gestion des alertes et des signalements en matière professionnelle',
      en: 'Management of professional whistleblowing alerts and reports',
    },
  },
  'health-data-warehouse': {
    number: 7,
    label: {
      fr: "Traitements des données de santé nécessaires à la constitution d'un entrepôt de données ou d'un registre",
      en: 'Health data needed to build a data warehouse or a registry',
    },
  },
  'profiling-contract-exclusion': {
    number: 8,
    label: {
      fr: "Traitements impliquant le profilage des personnes pouvant aboutir à leur exclusion du bénéfice d'un contrat ou à la suspension voire à la rupture de celui-ci",
      en: 'Profiling that may lead to exclusion from the benefit of a contract, or to its suspension or termination',
    },
  },
  'pooled-contract-breaches': {
    number: 9,
    label: {
      fr: "Traitements mutualisés de manquements contractuels constatés, susceptibles d'aboutir à une décision d'exclusion ou de suspension du bénéfice d'un contrat",
      en: 'Pooled records of contractual breaches that may lead to exclusion from or suspension of a contract',
    },
  },
  'profiling-external-sources': {
    number: 10,
    label: {
      fr: 'Traitements de profilage faisant appel à des données provenant de sources externes',
      en: 'Profiling using data from external sources',
    },
  },
  'biometric-vulnerable': {
    number: 11,
    label: {
      fr: 'Traitements de données biométriques aux fins de reconnaissance des personnes parmi lesquelles figurent des personnes dites « vulnérables » (élèves, personnes âgées, patients, demandeurs d’asile…)',
      en: 'Biometric data for recognising persons including “vulnerable” persons (pupils, elderly people, patients, asylum seekers…)',
    },
  },
  'social-housing': {
    number: 12,
    label: {
      fr: 'Instruction des demandes et gestion des logements sociaux',
      en: 'Processing of applications for, and management of, social housing',
    },
  },
  'social-support': {
    number: 13,
    label: {
      fr: "Traitements ayant pour finalité l'accompagnement social ou médico-social des personnes",
      en: 'Social or medico-social support of persons',
    },
  },
  'large-scale-location': {
    number: 14,
    label: {
      fr: 'Traitements de données de localisation à large échelle',
      en: 'Large-scale processing of location data',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Screening

export type DpiaScreeningInput = {
  criteria: readonly string[];
  cnilListItems: readonly string[];
  art35_3?: readonly string[];
};

export const DPIA_SCREENING_OUTCOMES = ['required', 'likely', 'to-examine', 'not-indicated'] as const;
export type DpiaScreeningOutcome = (typeof DPIA_SCREENING_OUTCOMES)[number];

/** How the register prints each screening outcome (the CNIL's wording). */
export const DPIA_SCREENING_LABELS: Readonly<Record<DpiaScreeningOutcome, { fr: string; en: string }>> = {
  required: { fr: 'AIPD obligatoire (art. 35, § 3, du RGPD)', en: 'DPIA required (GDPR Art. 35(3))' },
  likely: { fr: 'AIPD probablement nécessaire', en: 'DPIA likely needed' },
  'to-examine': { fr: 'AIPD à examiner', en: 'DPIA to examine' },
  'not-indicated': { fr: 'AIPD non indiquée', en: 'DPIA not indicated' },
};

export type DpiaScreeningResult = {
  result: DpiaScreeningOutcome;
  reasons: { fr: string[]; en: string[] };
  /** The recognised answers that were taken into account, deduplicated, in vocabulary order. */
  matched: {
    criteria: Wp248CriterionId[];
    cnilListItems: CnilDpiaListItemId[];
    art35_3: Art35_3CaseId[];
  };
};

function pick<Id extends string>(ids: NonEmpty<Id>, given: readonly string[], what: string): Id[] {
  const unknown = given.filter((g) => !(ids as readonly string[]).includes(g));
  if (unknown.length > 0) {
    throw new DomainError(
      'invalid_dpia_screening',
      `Unknown ${what}: ${unknown.map((u) => `"${u}"`).join(', ')}. Expected one of: ${ids.join(', ')}.`,
      { unknown },
    );
  }
  return ids.filter((id) => given.includes(id));
}

/**
 * Screens an activity for a DPIA:
 * - any Art. 35(3) case → 'required' (the Regulation itself requires it);
 * - any item of the CNIL list (Art. 35(4), délibération n° 2018-327) or two or more WP248
 *   criteria → 'likely' (« AIPD probablement nécessaire »: WP248 says two criteria call for a DPIA
 *   "in most cases"; a controller who decides otherwise documents why);
 * - exactly one criterion → 'to-examine' (« à examiner »: one criterion is not enough by itself;
 *   the DPO decides and records why);
 * - nothing → 'not-indicated'.
 * The screening is a prompt, not the decision: the DPO's own decision (done / not needed, and why)
 * is recorded beside it (see dpiaDecision).
 * Unknown ids throw a DomainError ('invalid_dpia_screening') rather than being silently ignored.
 */
export function screenDpia(input: DpiaScreeningInput): DpiaScreeningResult {
  const criteria = pick(WP248_CRITERION_IDS, input.criteria, 'WP248 criterion');
  const cnilListItems = pick(CNIL_DPIA_LIST_IDS, input.cnilListItems, 'CNIL DPIA list item');
  const art35_3 = pick(ART35_3_CASE_IDS, input.art35_3 ?? [], 'Art. 35(3) case');
  const fr: string[] = [];
  const en: string[] = [];

  for (const id of art35_3) {
    const c = ART35_3_CASES[id];
    fr.push(`Cas prévu à l'${c.article.replace(/^Art\. 35\(3\)\((\w)\)$/, 'art. 35, § 3, $1)')} du RGPD : ${c.label.fr}.`);
    en.push(`Art. 35(3) case (${c.article}): ${c.label.en}.`);
  }
  for (const id of cnilListItems) {
    const item = CNIL_DPIA_LIST[id];
    fr.push(`Liste CNIL des traitements soumis à AIPD (délibération n° 2018-327), type n° ${item.number} : ${item.label.fr}.`);
    en.push(`CNIL list of operations requiring a DPIA (deliberation 2018-327), item ${item.number}: ${item.label.en}.`);
  }
  const criteriaFr = criteria.map((id) => `${WP248_CRITERIA[id].number}. ${WP248_CRITERIA[id].label.fr}`).join(' ; ');
  const criteriaEn = criteria.map((id) => `${WP248_CRITERIA[id].number}. ${WP248_CRITERIA[id].label.en}`).join('; ');

  let result: DpiaScreeningResult['result'];
  if (criteria.length >= 2) {
    fr.push(
      `${criteria.length} critères WP248 remplis (${criteriaFr}) : dans la plupart des cas, deux critères ou plus imposent une AIPD ; si vous n'en faites pas, documentez pourquoi.`,
    );
    en.push(
      `${criteria.length} WP248 criteria met (${criteriaEn}): in most cases two or more criteria call for a DPIA; if you do not carry one out, document why.`,
    );
    result = 'likely';
  } else if (criteria.length === 1) {
    if (art35_3.length === 0 && cnilListItems.length === 0) {
      fr.push(
        `Un seul critère WP248 rempli (${criteriaFr}) : à examiner ; un critère ne suffit généralement pas, mais une AIPD peut être requise selon le risque. Notez votre décision et son motif.`,
      );
      en.push(
        `One WP248 criterion met (${criteriaEn}): to examine; one criterion is usually not enough, but a DPIA may be required depending on the risk. Record your decision and why.`,
      );
    } else {
      fr.push(`Critère WP248 également rempli : ${criteriaFr}.`);
      en.push(`WP248 criterion also met: ${criteriaEn}.`);
    }
    result = 'to-examine';
  } else {
    result = 'not-indicated';
  }
  if (cnilListItems.length > 0) result = 'likely';
  if (art35_3.length > 0) result = 'required';
  if (result === 'not-indicated') {
    fr.push("Aucun critère WP248, aucun cas de l'article 35, § 3, et aucun type de la liste CNIL n'est coché.");
    en.push('No WP248 criterion, no Art. 35(3) case and no CNIL list item is ticked.');
  }
  return { result, reasons: { fr, en }, matched: { criteria, cnilListItems, art35_3 } };
}

/**
 * The DPO's own decision, printed beside the screening result: carried out (with its date), not
 * carried out with the recorded reason, or not documented yet.
 */
export function dpiaDecision(dpia: { done?: boolean | undefined; doneOn?: string | undefined; note?: string | undefined }, formatDate: (iso: string, lang: 'fr' | 'en') => string): { fr: string; en: string } {
  const note = dpia.note?.trim() ?? '';
  if (dpia.done === true) {
    const on = dpia.doneOn ? { fr: ` le ${formatDate(dpia.doneOn, 'fr')}`, en: ` on ${formatDate(dpia.doneOn, 'en')}` } : { fr: ' (date non renseignée)', en: ' (date not recorded)' };
    return { fr: `AIPD réalisée${on.fr}${note ? `. Motif ou observation : ${note}` : ''}`, en: `DPIA carried out${on.en}${note ? `. Reason or note: ${note}` : ''}` };
  }
  if (note) return { fr: `Pas d'AIPD à ce jour. Motif : ${note}`, en: `No DPIA so far. Reason: ${note}` };
  return { fr: 'Décision non documentée', en: 'Decision not documented' };
}

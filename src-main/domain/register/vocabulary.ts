/**
 * Vocabularies of the Art. 30 processing register (FR/EN).
 *
 * Ids are stable kebab-case strings: they are stored in the database and exported, so an id is
 * never renamed or reused; labels may be reworded freely. Sources: GDPR Arts 6, 9, 10, 30, 45–49;
 * CNIL "modèle de registre" (2018) and "registre simplifié" (2019) value lists; CNIL retention
 * guide (2020). Bump VOCABULARY_VERSION when an id is added or retired.
 */

export type Lang = 'fr' | 'en';
export type Label = { readonly fr: string; readonly en: string };

export const VOCABULARY_VERSION = 1;

type NonEmpty<T> = readonly [T, ...T[]];

/** Lists a vocabulary in the order of its id tuple, for selects and exports. */
export function vocabularyList<Id extends string, Entry>(
  ids: NonEmpty<Id>,
  entries: Readonly<Record<Id, Entry>>,
): Array<Entry & { id: Id }> {
  return ids.map((id) => ({ ...entries[id], id }));
}

// ---------------------------------------------------------------------------------------------
// Legal bases — Art. 6(1)(a)–(f)

export const LEGAL_BASIS_IDS = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const satisfies NonEmpty<string>;
export type LegalBasisId = (typeof LEGAL_BASIS_IDS)[number];

export const LEGAL_BASES: Readonly<Record<LegalBasisId, { article: string; label: Label }>> = {
  consent: {
    article: 'Art. 6(1)(a)',
    label: { fr: 'Consentement', en: 'Consent' },
  },
  contract: {
    article: 'Art. 6(1)(b)',
    label: {
      fr: "Exécution d'un contrat ou de mesures précontractuelles",
      en: 'Performance of a contract or pre-contractual steps',
    },
  },
  'legal-obligation': {
    article: 'Art. 6(1)(c)',
    label: { fr: 'Obligation légale', en: 'Legal obligation' },
  },
  'vital-interests': {
    article: 'Art. 6(1)(d)',
    label: { fr: 'Sauvegarde des intérêts vitaux', en: 'Vital interests' },
  },
  'public-task': {
    article: 'Art. 6(1)(e)',
    label: {
      fr: "Mission d'intérêt public ou exercice de l'autorité publique",
      en: 'Public task (public interest or official authority)',
    },
  },
  'legitimate-interests': {
    article: 'Art. 6(1)(f)',
    label: { fr: 'Intérêts légitimes', en: 'Legitimate interests' },
  },
};

// ---------------------------------------------------------------------------------------------
// Art. 9(2)(a)–(j) conditions lifting the ban on processing special categories

export const ART9_CONDITION_IDS = [
  'explicit-consent',
  'employment-social-protection',
  'vital-interests-incapacity',
  'non-profit-body',
  'made-public',
  'legal-claims',
  'substantial-public-interest',
  'health-social-care',
  'public-health',
  'archiving-research-statistics',
] as const satisfies NonEmpty<string>;
export type Art9ConditionId = (typeof ART9_CONDITION_IDS)[number];

export const ART9_CONDITIONS: Readonly<Record<Art9ConditionId, { article: string; label: Label }>> = {
  'explicit-consent': {
    article: 'Art. 9(2)(a)',
    label: { fr: 'Consentement explicite', en: 'Explicit consent' },
  },
  'employment-social-protection': {
    article: 'Art. 9(2)(b)',
    label: {
      fr: 'Obligations et droits en matière de droit du travail, de la sécurité sociale et de la protection sociale',
      en: 'Obligations and rights in employment, social security and social protection law',
    },
  },
  'vital-interests-incapacity': {
    article: 'Art. 9(2)(c)',
    label: {
      fr: "Sauvegarde des intérêts vitaux d'une personne hors d'état de consentir",
      en: 'Vital interests of a person physically or legally incapable of giving consent',
    },
  },
  'non-profit-body': {
    article: 'Art. 9(2)(d)',
    label: {
      fr: 'Activités légitimes d’une fondation, association ou organisme à but non lucratif (membres et contacts réguliers)',
      en: 'Legitimate activities of a foundation, association or not-for-profit body (members and regular contacts)',
    },
  },
  'made-public': {
    article: 'Art. 9(2)(e)',
    label: {
      fr: 'Données manifestement rendues publiques par la personne concernée',
      en: 'Data manifestly made public by the data subject',
    },
  },
  'legal-claims': {
    article: 'Art. 9(2)(f)',
    label: {
      fr: "Constatation, exercice ou défense d'un droit en justice",
      en: 'Establishment, exercise or defence of legal claims',
    },
  },
  'substantial-public-interest': {
    article: 'Art. 9(2)(g)',
    label: { fr: 'Motif d’intérêt public important', en: 'Reasons of substantial public interest' },
  },
  'health-social-care': {
    article: 'Art. 9(2)(h)',
    label: {
      fr: 'Médecine préventive ou du travail, diagnostics médicaux, prise en charge sanitaire ou sociale',
      en: 'Preventive or occupational medicine, medical diagnosis, health or social care',
    },
  },
  'public-health': {
    article: 'Art. 9(2)(i)',
    label: { fr: 'Intérêt public dans le domaine de la santé publique', en: 'Public interest in the area of public health' },
  },
  'archiving-research-statistics': {
    article: 'Art. 9(2)(j)',
    label: {
      fr: "Archivage dans l'intérêt public, recherche scientifique ou historique, statistiques",
      en: 'Archiving in the public interest, scientific or historical research, statistics',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Sensitive data kinds: Art. 9(1) special categories, Art. 10 criminal data, French NIR

export const SPECIAL_CATEGORY_IDS = [
  'racial-ethnic-origin',
  'political-opinions',
  'religious-philosophical-beliefs',
  'trade-union-membership',
  'genetic',
  'biometric',
  'health',
  'sex-life-orientation',
  'criminal-offence',
  'nir',
] as const satisfies NonEmpty<string>;
export type SpecialCategoryKind = (typeof SPECIAL_CATEGORY_IDS)[number];

/** 'art9' kinds need an Art. 9(2) condition; 'art10' and 'nir' have their own regimes. */
export type SensitiveRegime = 'art9' | 'art10' | 'nir';

export const SPECIAL_CATEGORIES: Readonly<
  Record<SpecialCategoryKind, { article: string; regime: SensitiveRegime; label: Label }>
> = {
  'racial-ethnic-origin': {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: { fr: "Origine raciale ou ethnique", en: 'Racial or ethnic origin' },
  },
  'political-opinions': {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: { fr: 'Opinions politiques', en: 'Political opinions' },
  },
  'religious-philosophical-beliefs': {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: { fr: 'Convictions religieuses ou philosophiques', en: 'Religious or philosophical beliefs' },
  },
  'trade-union-membership': {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: { fr: 'Appartenance syndicale', en: 'Trade union membership' },
  },
  genetic: {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: { fr: 'Données génétiques', en: 'Genetic data' },
  },
  biometric: {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: {
      fr: 'Données biométriques aux fins d’identifier une personne de manière unique',
      en: 'Biometric data for uniquely identifying a person',
    },
  },
  health: {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: { fr: 'Données concernant la santé', en: 'Data concerning health' },
  },
  'sex-life-orientation': {
    article: 'Art. 9(1)',
    regime: 'art9',
    label: { fr: 'Vie sexuelle ou orientation sexuelle', en: 'Sex life or sexual orientation' },
  },
  'criminal-offence': {
    article: 'Art. 10',
    regime: 'art10',
    label: {
      fr: 'Condamnations pénales et infractions',
      en: 'Criminal convictions and offences',
    },
  },
  nir: {
    article: 'Loi 78-17, art. 30',
    regime: 'nir',
    label: {
      fr: "Numéro d'inscription au répertoire (NIR, n° de sécurité sociale)",
      en: 'French national identification number (NIR, social security number)',
    },
  },
};

export function isArt9Kind(kind: SpecialCategoryKind): boolean {
  return SPECIAL_CATEGORIES[kind].regime === 'art9';
}

// ---------------------------------------------------------------------------------------------
// Data-category families (CNIL register template)

export const DATA_CATEGORY_FAMILY_IDS = [
  'identity',
  'personal-life',
  'professional-life',
  'economic-financial',
  'connection-data',
  'location-data',
  'other',
] as const satisfies NonEmpty<string>;
export type DataCategoryFamilyId = (typeof DATA_CATEGORY_FAMILY_IDS)[number];

export const DATA_CATEGORY_FAMILIES: Readonly<Record<DataCategoryFamilyId, { label: Label; examples: Label }>> = {
  identity: {
    label: { fr: 'État civil, identité, données d’identification, images', en: 'Civil status, identity, identification data, images' },
    examples: { fr: 'nom, prénom, adresse, photographie, date de naissance', en: 'name, address, photograph, date of birth' },
  },
  'personal-life': {
    label: { fr: 'Vie personnelle', en: 'Personal life' },
    examples: { fr: 'habitudes de vie, situation familiale', en: 'lifestyle, family situation' },
  },
  'professional-life': {
    label: { fr: 'Vie professionnelle', en: 'Professional life' },
    examples: { fr: 'CV, scolarité, formation professionnelle, distinctions', en: 'CV, education, professional training, awards' },
  },
  'economic-financial': {
    label: { fr: "Informations d'ordre économique et financier", en: 'Economic and financial information' },
    examples: { fr: 'revenus, situation financière, données bancaires', en: 'income, financial situation, bank details' },
  },
  'connection-data': {
    label: { fr: 'Données de connexion', en: 'Connection data' },
    examples: {
      fr: 'adresse IP, journaux, identifiants des terminaux, identifiants de connexion, horodatage',
      en: 'IP address, logs, device identifiers, login identifiers, timestamps',
    },
  },
  'location-data': {
    label: { fr: 'Données de localisation', en: 'Location data' },
    examples: { fr: 'déplacements, données GPS, GSM', en: 'movements, GPS or GSM data' },
  },
  other: {
    label: { fr: 'Autres', en: 'Other' },
    examples: { fr: '', en: '' },
  },
};

// ---------------------------------------------------------------------------------------------
// Data-subject categories. Activities store string[]: these ids, or a free-text category.

export const DATA_SUBJECT_IDS = [
  'employees',
  'internal-services',
  'customers',
  'prospects',
  'candidates',
  'suppliers',
  'service-providers',
  'users',
  'visitors',
  'patients',
  'students',
  'members',
  'minors',
  'other',
] as const satisfies NonEmpty<string>;
export type DataSubjectId = (typeof DATA_SUBJECT_IDS)[number];

export const DATA_SUBJECTS: Readonly<Record<DataSubjectId, { label: Label }>> = {
  employees: { label: { fr: 'Salariés', en: 'Employees' } },
  'internal-services': { label: { fr: 'Services internes', en: 'Internal departments' } },
  customers: { label: { fr: 'Clients', en: 'Customers' } },
  prospects: { label: { fr: 'Prospects', en: 'Prospects' } },
  candidates: { label: { fr: 'Candidats', en: 'Job applicants' } },
  suppliers: { label: { fr: 'Fournisseurs', en: 'Suppliers' } },
  'service-providers': { label: { fr: 'Prestataires', en: 'Service providers' } },
  users: { label: { fr: 'Utilisateurs', en: 'Users' } },
  visitors: { label: { fr: 'Visiteurs', en: 'Visitors' } },
  patients: { label: { fr: 'Patients', en: 'Patients' } },
  students: { label: { fr: 'Élèves, étudiants', en: 'Pupils, students' } },
  members: { label: { fr: 'Adhérents, membres', en: 'Members' } },
  minors: { label: { fr: 'Mineurs', en: 'Minors' } },
  other: { label: { fr: 'Autres', en: 'Other' } },
};

/** Label of a stored data-subject entry: the vocabulary label for a known id, else the text itself. */
export function dataSubjectLabel(value: string, lang: Lang): string {
  return Object.hasOwn(DATA_SUBJECTS, value) ? DATA_SUBJECTS[value as DataSubjectId].label[lang] : value;
}

// ---------------------------------------------------------------------------------------------
// Recipient types (CNIL template)

export const RECIPIENT_TYPE_IDS = [
  'internal-service',
  'processor',
  'external-partner',
  'public-authority',
  'third-country-organisation',
  'other',
] as const satisfies NonEmpty<string>;
export type RecipientTypeId = (typeof RECIPIENT_TYPE_IDS)[number];

export const RECIPIENT_TYPES: Readonly<Record<RecipientTypeId, { label: Label }>> = {
  'internal-service': { label: { fr: 'Services internes', en: 'Internal departments' } },
  processor: { label: { fr: 'Sous-traitants', en: 'Processors' } },
  'external-partner': { label: { fr: 'Partenaires, organismes externes', en: 'Partners, external bodies' } },
  'public-authority': { label: { fr: 'Autorités et organismes publics', en: 'Public authorities and bodies' } },
  'third-country-organisation': {
    label: { fr: 'Organismes de pays tiers, organisations internationales', en: 'Third-country bodies, international organisations' },
  },
  other: { label: { fr: 'Autres', en: 'Other' } },
};

// ---------------------------------------------------------------------------------------------
// Security measures (Art. 32), grouped by the measure types of the CNIL register template

export const CNIL_SECURITY_TYPE_IDS = [
  'access-control',
  'traceability',
  'software-protection',
  'backup',
  'encryption',
  'processor-control',
  'other',
] as const satisfies NonEmpty<string>;
export type CnilSecurityTypeId = (typeof CNIL_SECURITY_TYPE_IDS)[number];

export const CNIL_SECURITY_TYPES: Readonly<Record<CnilSecurityTypeId, { label: Label }>> = {
  'access-control': { label: { fr: "Contrôle d'accès des utilisateurs", en: 'User access control' } },
  traceability: { label: { fr: 'Mesures de traçabilité', en: 'Traceability' } },
  'software-protection': { label: { fr: 'Mesures de protection des logiciels', en: 'Software protection' } },
  backup: { label: { fr: 'Sauvegarde des données', en: 'Data backup' } },
  encryption: { label: { fr: 'Chiffrement des données', en: 'Data encryption' } },
  'processor-control': { label: { fr: 'Contrôle des sous-traitants', en: 'Processor control' } },
  other: { label: { fr: 'Autres mesures', en: 'Other measures' } },
};

export const SECURITY_MEASURE_IDS = [
  'encryption-in-transit',
  'encryption-at-rest',
  'pseudonymisation',
  'role-based-access-control',
  'mfa',
  'password-policy',
  'access-logging',
  'backups',
  'business-continuity',
  'software-protection',
  'network-protection',
  'penetration-tests',
  'processor-control',
  'awareness-training',
  'confidentiality-commitments',
  'physical-security',
] as const satisfies NonEmpty<string>;
export type SecurityMeasureId = (typeof SECURITY_MEASURE_IDS)[number];

export const SECURITY_MEASURES: Readonly<Record<SecurityMeasureId, { cnilType: CnilSecurityTypeId; label: Label }>> = {
  'encryption-in-transit': {
    cnilType: 'encryption',
    label: { fr: 'Chiffrement des flux (TLS…)', en: 'Encryption in transit (TLS…)' },
  },
  'encryption-at-rest': {
    cnilType: 'encryption',
    label: { fr: 'Chiffrement des données stockées', en: 'Encryption at rest' },
  },
  pseudonymisation: {
    cnilType: 'other',
    label: { fr: 'Pseudonymisation', en: 'Pseudonymisation' },
  },
  'role-based-access-control': {
    cnilType: 'access-control',
    label: { fr: 'Gestion des habilitations par profil', en: 'Role-based access control' },
  },
  mfa: {
    cnilType: 'access-control',
    label: { fr: 'Authentification multifacteur', en: 'Multi-factor authentication' },
  },
  'password-policy': {
    cnilType: 'access-control',
    label: { fr: 'Politique de mots de passe', en: 'Password policy' },
  },
  'access-logging': {
    cnilType: 'traceability',
    label: { fr: 'Journalisation et traçabilité des accès', en: 'Access logging and traceability' },
  },
  backups: {
    cnilType: 'backup',
    label: { fr: 'Sauvegardes régulières', en: 'Regular backups' },
  },
  'business-continuity': {
    cnilType: 'backup',
    label: { fr: "Plan de continuité et de reprise d'activité", en: 'Business continuity and disaster recovery' },
  },
  'software-protection': {
    cnilType: 'software-protection',
    label: {
      fr: 'Protection des logiciels (antivirus, mises à jour, correctifs)',
      en: 'Software protection (anti-malware, updates, patching)',
    },
  },
  'network-protection': {
    cnilType: 'software-protection',
    label: { fr: 'Protection du réseau (pare-feu, cloisonnement)', en: 'Network protection (firewall, segmentation)' },
  },
  'penetration-tests': {
    cnilType: 'other',
    label: { fr: "Tests d'intrusion, audits de sécurité", en: 'Penetration tests, security audits' },
  },
  'processor-control': {
    cnilType: 'processor-control',
    label: { fr: 'Contrôle des sous-traitants (clauses, audits)', en: 'Processor control (clauses, audits)' },
  },
  'awareness-training': {
    cnilType: 'other',
    label: { fr: 'Sensibilisation et formation du personnel', en: 'Staff awareness and training' },
  },
  'confidentiality-commitments': {
    cnilType: 'other',
    label: { fr: 'Engagements de confidentialité, charte informatique', en: 'Confidentiality undertakings, IT charter' },
  },
  'physical-security': {
    cnilType: 'other',
    label: { fr: 'Sécurité physique des locaux', en: 'Physical security of premises' },
  },
};

// ---------------------------------------------------------------------------------------------
// Retention: fate of the data at the end of the retention period (CNIL guide, 2020)

export const FINAL_FATE_IDS = ['deletion', 'anonymisation', 'permanent-archiving', 'sorting'] as const satisfies NonEmpty<string>;
export type FinalFateId = (typeof FINAL_FATE_IDS)[number];

export const FINAL_FATES: Readonly<Record<FinalFateId, { label: Label }>> = {
  deletion: { label: { fr: 'Suppression', en: 'Deletion' } },
  anonymisation: { label: { fr: 'Anonymisation', en: 'Anonymisation' } },
  'permanent-archiving': {
    label: { fr: 'Archivage définitif (versement aux archives)', en: 'Permanent archiving (transfer to archives)' },
  },
  sorting: { label: { fr: 'Tri (conservation partielle)', en: 'Sorting (partial retention)' } },
};

export const DURATION_UNITS = ['days', 'months', 'years'] as const satisfies NonEmpty<string>;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const DURATION_UNIT_LABELS: Readonly<Record<DurationUnit, { one: Label; many: Label }>> = {
  days: { one: { fr: 'jour', en: 'day' }, many: { fr: 'jours', en: 'days' } },
  months: { one: { fr: 'mois', en: 'month' }, many: { fr: 'mois', en: 'months' } },
  years: { one: { fr: 'an', en: 'year' }, many: { fr: 'ans', en: 'years' } },
};

// ---------------------------------------------------------------------------------------------
// Activity roles and statuses

export const ACTIVITY_ROLE_IDS = ['controller', 'joint-controller', 'processor'] as const satisfies NonEmpty<string>;
export type ActivityRoleId = (typeof ACTIVITY_ROLE_IDS)[number];

export const ACTIVITY_ROLES: Readonly<Record<ActivityRoleId, { article: string; label: Label }>> = {
  controller: { article: 'Art. 30(1)', label: { fr: 'Responsable de traitement', en: 'Controller' } },
  'joint-controller': { article: 'Art. 26', label: { fr: 'Responsable conjoint', en: 'Joint controller' } },
  processor: { article: 'Art. 30(2)', label: { fr: 'Sous-traitant', en: 'Processor' } },
};

export const ACTIVITY_STATUS_IDS = ['draft', 'active', 'retired'] as const satisfies NonEmpty<string>;
export type ActivityStatusId = (typeof ACTIVITY_STATUS_IDS)[number];

export const ACTIVITY_STATUSES: Readonly<Record<ActivityStatusId, { label: Label }>> = {
  draft: { label: { fr: 'Brouillon', en: 'Draft' } },
  active: { label: { fr: 'En vigueur', en: 'Active' } },
  retired: { label: { fr: 'Arrêté', en: 'Retired' } },
};

// ---------------------------------------------------------------------------------------------
// Data sources

export const SOURCE_KIND_IDS = ['direct', 'indirect'] as const satisfies NonEmpty<string>;
export type SourceKindId = (typeof SOURCE_KIND_IDS)[number];

export const SOURCE_KINDS: Readonly<Record<SourceKindId, { article: string; label: Label }>> = {
  direct: { article: 'Art. 13', label: { fr: 'Auprès de la personne concernée', en: 'From the data subject' } },
  indirect: { article: 'Art. 14', label: { fr: 'Collecte indirecte', en: 'Not from the data subject' } },
};

// ---------------------------------------------------------------------------------------------
// Transfers outside the EEA (Chapter V)

export const TRANSFER_TOOL_IDS = [
  'adequacy',
  'dpf',
  'scc',
  'bcr',
  'code-of-conduct',
  'certification',
  'derogation',
] as const satisfies NonEmpty<string>;
export type TransferToolId = (typeof TRANSFER_TOOL_IDS)[number];

export const TRANSFER_TOOLS: Readonly<Record<TransferToolId, { article: string; label: Label }>> = {
  adequacy: { article: 'Art. 45', label: { fr: "Pays adéquat (décision d'adéquation)", en: 'Adequacy decision' } },
  dpf: {
    article: 'Art. 45',
    label: {
      fr: 'Data Privacy Framework UE–États-Unis (décision (UE) 2023/1795)',
      en: 'EU–US Data Privacy Framework (Decision (EU) 2023/1795)',
    },
  },
  scc: { article: 'Art. 46(2)(c)', label: { fr: 'Clauses contractuelles types', en: 'Standard contractual clauses' } },
  bcr: { article: 'Art. 46(2)(b), Art. 47', label: { fr: "Règles d'entreprise contraignantes (BCR)", en: 'Binding corporate rules' } },
  'code-of-conduct': { article: 'Art. 46(2)(e)', label: { fr: 'Code de conduite', en: 'Code of conduct' } },
  certification: { article: 'Art. 46(2)(f)', label: { fr: 'Certification', en: 'Certification' } },
  derogation: { article: 'Art. 49', label: { fr: "Dérogation (art. 49)", en: 'Derogation (Art. 49)' } },
};

export const ART49_DEROGATION_IDS = [
  'explicit-consent',
  'contract-with-data-subject',
  'contract-in-data-subject-interest',
  'important-public-interest',
  'legal-claims',
  'vital-interests',
  'public-register',
  'compelling-legitimate-interests',
] as const satisfies NonEmpty<string>;
export type Art49DerogationId = (typeof ART49_DEROGATION_IDS)[number];

export const ART49_DEROGATIONS: Readonly<Record<Art49DerogationId, { article: string; label: Label }>> = {
  'explicit-consent': {
    article: 'Art. 49(1)(a)',
    label: {
      fr: 'Consentement explicite après information sur les risques',
      en: 'Explicit consent after being informed of the risks',
    },
  },
  'contract-with-data-subject': {
    article: 'Art. 49(1)(b)',
    label: {
      fr: 'Exécution d’un contrat avec la personne ou de mesures précontractuelles à sa demande',
      en: 'Contract with the data subject or pre-contractual steps at their request',
    },
  },
  'contract-in-data-subject-interest': {
    article: 'Art. 49(1)(c)',
    label: {
      fr: 'Contrat conclu dans l’intérêt de la personne avec un tiers',
      en: 'Contract concluded in the interest of the data subject with another person',
    },
  },
  'important-public-interest': {
    article: 'Art. 49(1)(d)',
    label: { fr: "Motifs importants d'intérêt public", en: 'Important reasons of public interest' },
  },
  'legal-claims': {
    article: 'Art. 49(1)(e)',
    label: {
      fr: "Constatation, exercice ou défense de droits en justice",
      en: 'Establishment, exercise or defence of legal claims',
    },
  },
  'vital-interests': {
    article: 'Art. 49(1)(f)',
    label: {
      fr: 'Sauvegarde des intérêts vitaux, la personne étant hors d’état de consentir',
      en: 'Vital interests where the data subject cannot give consent',
    },
  },
  'public-register': {
    article: 'Art. 49(1)(g)',
    label: { fr: 'Transfert depuis un registre public', en: 'Transfer from a public register' },
  },
  'compelling-legitimate-interests': {
    article: 'Art. 49(1), 2nd subparagraph',
    label: {
      fr: 'Intérêts légitimes impérieux (transfert non répétitif, garanties documentées, information de l’autorité)',
      en: 'Compelling legitimate interests (non-repetitive, documented safeguards, supervisory authority informed)',
    },
  },
};

/**
 * EEA member countries (ISO 3166-1 alpha-2): the 27 EU Member States plus Iceland, Liechtenstein
 * and Norway. 'EL' (the EU's code for Greece) is accepted as an alias of 'GR'. The French outermost
 * regions (GP, GF, MQ, RE, YT, MF) and Åland (AX) have their own ISO codes but are EU territory.
 * Overseas countries and territories (e.g. NC, PF, PM, BL) are not.
 */
const EEA_COUNTRY_CODES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
  'EL',
  'GP', 'GF', 'MQ', 'RE', 'YT', 'MF', 'AX',
]);

export function isEeaCountry(code: string): boolean {
  return EEA_COUNTRY_CODES.has(code.trim().toUpperCase());
}

import { ART35_3_CASES, ART35_3_CASE_IDS, CNIL_DPIA_LIST, CNIL_DPIA_LIST_IDS, WP248_CRITERIA, WP248_CRITERION_IDS } from './dpia';
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
  SOURCE_KINDS,
  SOURCE_KIND_IDS,
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_IDS,
  TRANSFER_TOOLS,
  TRANSFER_TOOL_IDS,
  type Label,
} from './vocabulary';

export interface VocabEntry {
  id: string;
  label: Label;
  article?: string;
}

function list<Id extends string>(ids: readonly Id[], entries: Readonly<Record<Id, { label: Label; article?: string }>>): VocabEntry[] {
  return ids.map((id) => ({ id, label: entries[id].label, ...(entries[id].article ? { article: entries[id].article } : {}) }));
}

/** Every register vocabulary as plain `{ id, label, article }` lists, for selects in the UI and for exports. */
export function registerVocabularies(): Record<string, VocabEntry[]> {
  return {
    legalBases: list(LEGAL_BASIS_IDS, LEGAL_BASES),
    art9Conditions: list(ART9_CONDITION_IDS, ART9_CONDITIONS),
    specialCategories: list(SPECIAL_CATEGORY_IDS, SPECIAL_CATEGORIES),
    families: list(DATA_CATEGORY_FAMILY_IDS, DATA_CATEGORY_FAMILIES),
    dataSubjects: list(DATA_SUBJECT_IDS, DATA_SUBJECTS),
    recipientTypes: list(RECIPIENT_TYPE_IDS, RECIPIENT_TYPES),
    securityMeasures: list(SECURITY_MEASURE_IDS, SECURITY_MEASURES),
    finalFates: list(FINAL_FATE_IDS, FINAL_FATES),
    roles: list(ACTIVITY_ROLE_IDS, ACTIVITY_ROLES),
    statuses: list(ACTIVITY_STATUS_IDS, ACTIVITY_STATUSES),
    sourceKinds: list(SOURCE_KIND_IDS, SOURCE_KINDS),
    transferTools: list(TRANSFER_TOOL_IDS, TRANSFER_TOOLS),
    derogations: list(ART49_DEROGATION_IDS, ART49_DEROGATIONS),
    wp248: list(WP248_CRITERION_IDS, WP248_CRITERIA),
    cnilDpia: list(CNIL_DPIA_LIST_IDS, CNIL_DPIA_LIST as Readonly<Record<(typeof CNIL_DPIA_LIST_IDS)[number], { label: Label; article?: string }>>),
    art35_3: list(ART35_3_CASE_IDS, ART35_3_CASES),
  };
}

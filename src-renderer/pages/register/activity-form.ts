import type { MethodOutput } from '../../../src-main/api/contract';
import type { EditorDraft } from '../../hooks/useEditorDraft';
import type { UiLanguage } from '../../hooks/useUiLanguage';

/** The activity editor's record, its form state and what its sections share. */
export type Activity = MethodOutput<'register.get'>['activity'];
export type ActivityLinks = MethodOutput<'register.get'>['links'];
export type ActivityCheck = MethodOutput<'register.check'>;
export type Vocab = MethodOutput<'reference.register'>;
export type Period = NonNullable<Activity['dataCategories'][number]['retention']>['activePeriod'];
export type ActivityForm = EditorDraft<Activity>;
type Option = { value: string; label: string };

export interface ActivityContext {
  lang: UiLanguage;
  vocab: Vocab;
  /** The options of one vocabulary list, labelled in the UI language with their article. */
  opts: (key: string) => Option[];
  /** Each field's problem in the person's language, keyed by path ("purposes.0.label") and by name. */
  issuePaths: Record<string, string>;
  isProcessor: boolean;
  countryOpts: Option[];
  /** Vendors whose file names this activity but that its processors do not list yet. */
  fromVendorFile: ActivityLinks['processors'];
  /** Transfers the activity inherits from its vendors' files. */
  vendorTransfers: ActivityLinks['transfers'];
  check: ActivityCheck | undefined;
}

export interface ActivitySectionProps {
  form: ActivityForm;
  ctx: ActivityContext;
}

/** Article references of each section, as a French DPO writes them (« art. 30, § 1, a) ») and in English. */
export const ART: Record<string, { fr: string; en: string }> = {
  general: { fr: 'art. 30, § 1, a)', en: 'Art. 30(1)(a)' },
  clients: { fr: 'art. 30, § 2, a)', en: 'Art. 30(2)(a)' },
  purposes: { fr: 'art. 30, § 1, b) ; art. 6 ; art. 9, § 2', en: 'Art. 30(1)(b), 6, 9(2)' },
  subjects: { fr: 'art. 30, § 1, c)', en: 'Art. 30(1)(c)' },
  categories: { fr: 'art. 30, § 1, c) et f)', en: 'Art. 30(1)(c), (f)' },
  recipients: { fr: 'art. 30, § 1, d)', en: 'Art. 30(1)(d)' },
  processors: { fr: 'art. 28 ; art. 30, § 1, d)', en: 'Art. 28, 30(1)(d)' },
  transfers: { fr: 'art. 30, § 1, e) ; art. 44 à 49', en: 'Art. 30(1)(e), 44–49' },
  security: { fr: 'art. 30, § 1, g) ; art. 32', en: 'Art. 30(1)(g), 32' },
  dpia: { fr: 'art. 35', en: 'Art. 35' },
  processing: { fr: 'art. 30, § 2, b)', en: 'Art. 30(2)(b)' },
};

export const EMPTY_ACTIVITY: Activity = {
  name: '',
  reference: '',
  role: 'controller',
  clientControllers: [],
  purposes: [{ description: '', legalBasis: null }],
  dataSubjects: [],
  dataCategories: [],
  sources: [],
  recipients: [],
  processors: [],
  transfers: [],
  securityMeasures: { catalogue: [] },
  dpia: { criteria: [], cnilListItems: [], art35_3: [] },
  status: 'draft',
} as Activity;

import type { MethodOutput } from '../../../src-main/api/contract';
import type { EditorDraft } from '../../hooks/useEditorDraft';
import type { UiLanguage } from '../../hooks/useUiLanguage';
import type { Transfer } from './TiaWizard';

/** The vendor editor's record, its form state and what its sections share. */
export type Vendor = MethodOutput<'vendors.get'>['vendor'];
export type VendorReference = MethodOutput<'vendors.reference'>;
export type VendorCheck = MethodOutput<'vendors.check'>;
export type VendorWarning = VendorCheck['warnings'][number];
export type VendorForm = EditorDraft<Vendor>;

export interface VendorContext {
  /** The vendor's id (undefined: not created yet). */
  id: string | undefined;
  lang: UiLanguage;
  reference: VendorReference;
  countryOpts: Array<{ value: string; label: string }>;
}

export interface VendorSectionProps {
  form: VendorForm;
  ctx: VendorContext;
}

export const EMPTY_VENDOR: Vendor = {
  name: '',
  legalEntity: '',
  country: 'FR',
  role: 'processor',
  services: '',
  activityIds: [],
  dataCategories: [],
  hosting: [],
  subProcessors: [],
  certifications: [],
  contract: { dpaSignedOn: null, version: '', file: null },
  art28: {},
  auditRights: { status: 'unknown', notes: '' },
  breachNotificationHours: null,
  reviewCadenceMonths: null,
  nextReviewOn: null,
  risk: null,
  notes: '',
  contacts: [],
  relationshipEndedOn: null,
  transfers: [],
};

export const NEW_TRANSFER: Transfer = {
  id: '',
  country: 'US',
  recipient: '',
  tool: null,
  toolReference: '',
  dpfCheckedOn: null,
  sccModule: null,
  sccSignedOn: null,
  derogation: null,
  derogationReason: '',
  measures: { technical: '', contractual: '', organisational: '' },
  tia: null,
};

export const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'blue' } as const;
export const ART28_COLOR = { present: 'teal', partial: 'yellow', missing: 'red' } as const;

export const dateOrNull = (v: string) => (v ? v : null);

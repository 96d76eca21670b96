import { z } from 'zod';
import { isKnownJurisdiction, listJurisdictions } from './jurisdictions';
import { optionalEmailSchema } from './text';

/** IANA zone check without Node: Intl throws a RangeError for an unknown zone. */
export function isIanaTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().max(max, { message: `At most ${max} characters.` });

/** The organisation profile (one per workspace): who the controller is and how deadlines are computed. */
export const orgProfileSchema = z.object({
  controller_name: text(200),
  legal_form: text(100),
  siren: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{9}$/.test(s.replace(/\s/g, '')), { message: 'A SIREN number has 9 digits.', params: { code: 'invalid_siren' } })
    .transform((s) => s.replace(/\s/g, '')),
  address: text(300),
  postcode: text(20),
  city: text(100),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { message: 'Use a two-letter country code (ISO 3166-1), e.g. FR.' }),
  phone: text(40),
  email: optionalEmailSchema,
  legal_rep_name: text(200),
  legal_rep_title: text(200),
  dpo_name: text(200),
  dpo_company: text(200),
  dpo_email: optionalEmailSchema,
  dpo_phone: text(40),
  representative: text(300),
  sector: text(200),
  headcount: z.number().int().min(0).max(10_000_000).nullable(),
  // Only what the deadline engine knows: an unknown code would make every rights-request deadline fail.
  jurisdiction: z
    .string()
    .trim()
    .refine(isKnownJurisdiction, { message: `Not a jurisdiction Vigie knows. Use one of: ${listJurisdictions().map((j) => j.code).join(', ')}.`, params: { code: 'invalid_jurisdiction' } }),
  time_zone: z.string().refine(isIanaTimeZone, { message: 'Not a known time zone (use an IANA name such as Europe/Paris).', params: { code: 'invalid_time_zone' } }),
  language: z.enum(['fr', 'en']),
  breach_notification_hours: z.number().int().min(1).max(240),
});

export type OrgProfile = z.infer<typeof orgProfileSchema>;

/**
 * A stored profile as read back: rules tightened after profiles were stored (known jurisdictions and
 * the shared e-mail check, 2026-12-01) are not applied, so a profile saved with `jurisdiction=ZZ`
 * still shows in Settings, where the field is flagged when saved again.
 */
export const storedOrgProfileSchema = orgProfileSchema.extend({ jurisdiction: z.string(), email: z.string(), dpo_email: z.string() });

/** The profile's field names, in form order (CLI `profile set` lists them when given an unknown one). */
export const ORG_PROFILE_FIELDS = Object.keys(orgProfileSchema.shape) as Array<keyof OrgProfile>;

export const DEFAULT_ORG_PROFILE: OrgProfile = {
  controller_name: '',
  legal_form: '',
  siren: '',
  address: '',
  postcode: '',
  city: '',
  country: 'FR',
  phone: '',
  email: '',
  legal_rep_name: '',
  legal_rep_title: '',
  dpo_name: '',
  dpo_company: '',
  dpo_email: '',
  dpo_phone: '',
  representative: '',
  sector: '',
  headcount: null,
  jurisdiction: 'FR',
  time_zone: 'Europe/Paris',
  language: 'fr',
  breach_notification_hours: 72,
};

/** What a DPO still has to fill in before documents can name the controller and the DPO (Art. 30(1)(a), 33(3)(b)). */
export function missingProfileFields(p: OrgProfile): Array<keyof OrgProfile> {
  const required: Array<keyof OrgProfile> = ['controller_name', 'address', 'postcode', 'city', 'email', 'dpo_name', 'dpo_email', 'legal_rep_name'];
  return required.filter((k) => p[k] === '' || p[k] === null);
}

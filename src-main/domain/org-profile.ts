import { z } from 'zod';

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
    .refine((s) => s === '' || /^\d{9}$/.test(s.replace(/\s/g, '')), { message: 'A SIREN number has 9 digits.' })
    .transform((s) => s.replace(/\s/g, '')),
  address: text(300),
  postcode: text(20),
  city: text(100),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { message: 'Use a two-letter country code (ISO 3166-1), e.g. FR.' }),
  phone: text(40),
  email: z.string().trim().max(200).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { message: 'Not an e-mail address.' }),
  legal_rep_name: text(200),
  legal_rep_title: text(200),
  dpo_name: text(200),
  dpo_company: text(200),
  dpo_email: z.string().trim().max(200).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { message: 'Not an e-mail address.' }),
  dpo_phone: text(40),
  representative: text(300),
  sector: text(200),
  headcount: z.number().int().min(0).max(10_000_000).nullable(),
  jurisdiction: z.string().trim().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'Use a jurisdiction code such as FR, DE or FR-57.' }),
  time_zone: z.string().refine(isIanaTimeZone, { message: 'Not a known time zone (use an IANA name such as Europe/Paris).' }),
  language: z.enum(['fr', 'en']),
  breach_notification_hours: z.number().int().min(1).max(240),
});

export type OrgProfile = z.infer<typeof orgProfileSchema>;

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

/**
 * The interface's language as the app knows it: French or English. i18next may hold a regional
 * code ('en-GB', 'fr-CA') or, before it is ready, nothing at all; everything that is not English is
 * French (the DPO's default). Pure, so it is unit-tested without React.
 */
export type UiLanguage = 'fr' | 'en';

export function uiLanguageOf(code: string | null | undefined): UiLanguage {
  return code?.trim().toLowerCase().startsWith('en') ? 'en' : 'fr';
}

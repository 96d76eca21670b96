import { useTranslation } from 'react-i18next';
import { uiLanguageOf, type UiLanguage } from './ui-language';

export type { UiLanguage } from './ui-language';

/**
 * The UI language ('fr' | 'en') for picking a label's translation (`label[lang]`), formatting dates
 * and numbers, or asking the API for text in the person's language. Re-renders when it changes.
 * The one place the renderer reads i18next's language code.
 */
export function useUiLanguage(): UiLanguage {
  const { i18n } = useTranslation();
  return uiLanguageOf(i18n.language);
}

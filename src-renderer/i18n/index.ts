import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { EN, FR } from './resources';
import { uiLanguageOf, type UiLanguage } from '../hooks/ui-language';

export type Language = UiLanguage;
const STORAGE_KEY = 'vigie.language';

export function storedLanguage(): Language {
  const v = localStorage.getItem(STORAGE_KEY);
  if (v === 'fr' || v === 'en') return v;
  return uiLanguageOf(navigator.language);
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: FR }, en: { translation: EN } },
  lng: storedLanguage(),
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

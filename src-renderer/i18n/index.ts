import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import backupsEn from './areas/backups.en.json';
import backupsFr from './areas/backups.fr.json';
import breachesEn from './areas/breaches.en.json';
import breachesFr from './areas/breaches.fr.json';
import errorsEn from './areas/errors.en.json';
import errorsFr from './areas/errors.fr.json';
import registerEn from './areas/register.en.json';
import registerFr from './areas/register.fr.json';
import reportsEn from './areas/reports.en.json';
import reportsFr from './areas/reports.fr.json';
import requestsEn from './areas/requests.en.json';
import requestsFr from './areas/requests.fr.json';
import retentionEn from './areas/retention.en.json';
import retentionFr from './areas/retention.fr.json';
import vendorsEn from './areas/vendors.en.json';
import vendorsFr from './areas/vendors.fr.json';
import en from './en.json';
import fr from './fr.json';

type Tree = { [k: string]: string | Tree };

/** Each area keeps its strings in its own file (areas/<area>.<lang>.json); they merge under the shared ones. */
function merge(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const t of trees) {
    for (const [k, v] of Object.entries(t)) {
      const prev = out[k];
      out[k] = typeof v === 'object' && typeof prev === 'object' ? merge(prev, v) : v;
    }
  }
  return out;
}

const FR = merge(fr, registerFr, requestsFr, breachesFr, vendorsFr, retentionFr, backupsFr, reportsFr, errorsFr);
const EN = merge(en, registerEn, requestsEn, breachesEn, vendorsEn, retentionEn, backupsEn, reportsEn, errorsEn);

export type Language = 'fr' | 'en';
const STORAGE_KEY = 'vigie.language';

export function storedLanguage(): Language {
  const v = localStorage.getItem(STORAGE_KEY);
  if (v === 'fr' || v === 'en') return v;
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'fr';
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

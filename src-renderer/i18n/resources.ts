/** The FR and EN translation trees, merged from the shared file and each area's file (no side effects: tests import it). */
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
import historyEn from './areas/history.en.json';
import syncEn from './areas/sync.en.json';
import eraseEn from './areas/erase.en.json';
import eraseFr from './areas/erase.fr.json';
import syncFr from './areas/sync.fr.json';
import historyFr from './areas/history.fr.json';
import en from './en.json';
import fr from './fr.json';

export type Tree = { [k: string]: string | Tree };

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

export const FR = merge(fr, registerFr, requestsFr, breachesFr, vendorsFr, retentionFr, backupsFr, reportsFr, errorsFr, historyFr, syncFr, eraseFr);
export const EN = merge(en, registerEn, requestsEn, breachesEn, vendorsEn, retentionEn, backupsEn, reportsEn, errorsEn, historyEn, syncEn, eraseEn);

/**
 * DSAR deadlines — GDPR Art. 12(3), computed per Regulation 1182/71 as applied by EDPB Guidelines 01/2022
 * (§§159-161, examples 32-33):
 *
 * - day of receipt J0 not counted; "one month" ends on the same day-of-month the next month, clamped to the
 *   last day of that month (31 Aug → 30 Sep);
 * - if that day is a Saturday, Sunday or public holiday of the jurisdiction, the period ends on the next
 *   working day;
 * - extended deadline (two further months): default reading A = J0 + 3 months then roll; prudent reading
 *   B = (J0 + 1 month, before rolling) + 2 months then roll, shown when earlier than A;
 * - the extension notice is due by the one-month deadline;
 * - an identity / clarification request never pauses the primary deadline: when both dates are recorded, a
 *   "with suspension" date (raw deadline + days between request and answer, then roll) is shown beside it.
 *
 * Pure TypeScript (no Node APIs).
 */
import {
  addDays,
  addMonthsDetailed,
  compareDates,
  diffDays,
  getJurisdiction,
  isIsoDate,
  rollForward,
  weekdayName,
  workingDaysBetween,
  type IsoDate,
  type Lang,
  type SkippedDay,
} from './calendar';
import { DomainError } from './errors';
import { formatDateLong } from './typography';

/** A day in prose: « 5 avril 2026 », « 5 April 2026 » — never an ISO date in an explanation a person reads. */
function day(d: IsoDate, lang: Lang): string {
  return formatDateLong(d, lang);
}

/** A date that does not exist (31 April), named in words: « 31 avril 2026 ». */
function impossibleDay(d: string, lang: Lang): string {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  const month = formatDateLong(`${y}-${String(m).padStart(2, '0')}-15`, lang).replace(/^15\s/, '');
  return `${dd}\u00a0${month}`;
}

export interface DsarDeadlineInput {
  /** Day of receipt (J0) in the controller's time zone — see `localDateOf` in ./calendar. */
  received: IsoDate;
  /** Calendar code: `FR`, `DE`, `FR-57`, … (see `listJurisdictions`). */
  jurisdiction: string;
  /** Day the controller asked for identity / clarification information (optional). */
  infoRequestedOn?: IsoDate;
  /** Day that information was received (optional; requires `infoRequestedOn`). */
  infoReceivedOn?: IsoDate;
  /** Language of holiday names in `skipped` lists (steps are always given in both languages). Default 'en'. */
  lang?: Lang;
}

export interface DeadlineSuspension {
  days: number;
  infoRequestedOn: IsoDate;
  infoReceivedOn: IsoDate;
  /** Raw date + suspended days, before rolling. */
  shiftedDate: IsoDate;
}

export interface DeadlineExplanation {
  /** Start of the count (J0, or the raw one-month end for the prudent reading). */
  from: IsoDate;
  months: number;
  /** `from` + `months` (clamped), before any suspension or roll. */
  rawDate: IsoDate;
  /** True when the same day-of-month did not exist and the last day of the month was used. */
  clamped: boolean;
  /** Only in "with suspension" explanations. */
  suspension?: DeadlineSuspension;
  /** Non-working days stepped over, in order, named in the requested language. */
  skipped: SkippedDay[];
  result: IsoDate;
  /** Human-readable "why this date?" steps. */
  steps: { fr: string[]; en: string[] };
}

export interface PausedDeadlines {
  days: number;
  oneMonth: IsoDate;
  threeMonths: IsoDate;
  infoRequestedOn: IsoDate;
  infoReceivedOn: IsoDate;
}

export interface DsarDeadlines {
  received: IsoDate;
  jurisdiction: string;
  /** Response due date (and extension-notice due date). */
  oneMonth: IsoDate;
  /** Extended response due date, default reading A (J0 + 3 months, rolled). */
  threeMonths: IsoDate;
  /** Prudent reading B (raw one-month end + 2 months, rolled); never later than `threeMonths`. */
  threeMonthsPrudent: IsoDate;
  /** The data subject must be told of an extension (with reasons) within the first month. */
  extensionNoticeBy: IsoDate;
  /** "With suspension" dates, only when both info dates were recorded. Never replaces the primary dates. */
  paused?: PausedDeadlines;
  explanation: {
    oneMonth: DeadlineExplanation;
    threeMonths: DeadlineExplanation;
    threeMonthsPrudent: DeadlineExplanation;
    paused?: { oneMonth: DeadlineExplanation; threeMonths: DeadlineExplanation };
  };
}

/** Oldest / latest year accepted for DSAR dates (catches typos such as 0226-03-05). */
export const DSAR_MIN_YEAR = 1900;
export const DSAR_MAX_YEAR = 2999;

function checkDate(field: string, value: unknown): IsoDate {
  if (!isIsoDate(value)) {
    throw new DomainError('invalid_input', `${field}: "${String(value)}" is not a valid date (expected YYYY-MM-DD, e.g. 2026-03-05).`, {
      field,
      value,
    });
  }
  const year = Number(value.slice(0, 4));
  if (year < DSAR_MIN_YEAR || year > DSAR_MAX_YEAR) {
    throw new DomainError('invalid_input', `${field}: ${value} is outside the supported years (${DSAR_MIN_YEAR}-${DSAR_MAX_YEAR}).`, {
      field,
      value,
    });
  }
  return value;
}

function checkLang(lang: unknown): Lang {
  if (lang === undefined) return 'en';
  if (lang !== 'fr' && lang !== 'en') {
    throw new DomainError('invalid_input', `lang: unsupported language "${String(lang)}" (use "fr" or "en").`, { field: 'lang', value: lang });
  }
  return lang;
}

// ---------------------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------------------

type ExplanationKind = 'oneMonth' | 'threeMonths' | 'prudent';

interface ExplainArgs {
  kind: ExplanationKind;
  received: IsoDate;
  from: IsoDate;
  months: number;
  jurisdiction: string;
  lang: Lang;
  suspension?: { days: number; infoRequestedOn: IsoDate; infoReceivedOn: IsoDate };
}

function plural(n: number, one: string, many: string): string {
  return Math.abs(n) === 1 ? one : many;
}

function skipStep(d: SkippedDay, lang: Lang): string {
  const wd = weekdayName(d.date, lang);
  const when = day(d.date, lang);
  if (lang === 'fr') {
    if (d.kind === 'holiday') return `Le ${when} est un jour férié (${d.name}) → jour suivant`;
    return d.holiday ? `Le ${when} est un ${wd} (et un jour férié : ${d.holiday}) → jour suivant` : `Le ${when} est un ${wd} → jour suivant`;
  }
  if (d.kind === 'holiday') return `${when} is a public holiday (${d.name}) → next day`;
  return d.holiday ? `${when} is a ${wd} (also a public holiday: ${d.holiday}) → next day` : `${when} is a ${wd} → next day`;
}

function explain(a: ExplainArgs): DeadlineExplanation {
  const added = addMonthsDetailed(a.from, a.months);
  const shifted = a.suspension ? addDays(added.date, a.suspension.days) : added.date;
  const rollEn = rollForward(shifted, a.jurisdiction, 'en');
  const rollFr = rollForward(shifted, a.jurisdiction, 'fr');
  const result = rollEn.date;
  const en: string[] = [];
  const fr: string[] = [];

  en.push(`Received ${weekdayName(a.received, 'en')} ${day(a.received, 'en')} (day of receipt not counted, Regulation 1182/71 art. 3(1))`);
  fr.push(`Demande reçue le ${weekdayName(a.received, 'fr')} ${day(a.received, 'fr')} (le jour de réception n’est pas compté, art. 3, § 1, du règlement n° 1182/71)`);

  if (a.suspension) {
    en.push('With suspension (EDPB Guidelines 01/2022 §159): for information only, the deadline without suspension remains the reference');
    fr.push('Avec suspension (lignes directrices EDPB 01/2022 §159) : à titre indicatif, l’échéance sans suspension reste la référence');
  }
  if (a.kind === 'threeMonths') {
    en.push('Extended deadline (GDPR art. 12(3), two further months): 3 months counted from receipt (default reading)');
    fr.push('Délai prolongé (art. 12, § 3, du RGPD, deux mois supplémentaires) : 3 mois comptés à partir de la réception (lecture par défaut)');
  } else if (a.kind === 'prudent') {
    en.push(`Prudent reading: the two further months run from the end of the first month before any roll, ${day(a.from, 'en')}`);
    fr.push(`Lecture prudente : les deux mois supplémentaires courent à partir de la fin du premier mois avant tout report, le ${day(a.from, 'fr')}`);
  }

  const monthsEn = `+${a.months} ${plural(a.months, 'month', 'months')}`;
  const monthsFr = `+${a.months} mois`;
  if (added.clamped) {
    en.push(`${monthsEn} → ${impossibleDay(added.unclamped, 'en')} does not exist → last day of the month, ${day(added.date, 'en')} (Regulation 1182/71 art. 3(2)(c))`);
    fr.push(`${monthsFr} → le ${impossibleDay(added.unclamped, 'fr')} n’existe pas → dernier jour du mois, le ${day(added.date, 'fr')} (art. 3, § 2, c), du règlement n° 1182/71)`);
  } else {
    en.push(`${monthsEn} → ${day(added.date, 'en')} (Regulation 1182/71 art. 3(2)(c))`);
    fr.push(`${monthsFr} → ${day(added.date, 'fr')} (art. 3, § 2, c), du règlement n° 1182/71)`);
  }

  if (a.suspension) {
    const { days, infoRequestedOn, infoReceivedOn } = a.suspension;
    en.push(`Suspension: information requested on ${day(infoRequestedOn, 'en')}, received on ${day(infoReceivedOn, 'en')} → +${days} ${plural(days, 'day', 'days')} → ${day(shifted, 'en')}`);
    fr.push(`Suspension : informations demandées le ${day(infoRequestedOn, 'fr')}, reçues le ${day(infoReceivedOn, 'fr')} → +${days} ${plural(days, 'jour', 'jours')} → ${day(shifted, 'fr')}`);
  }

  for (const d of rollEn.skipped) en.push(skipStep(d, 'en'));
  for (const d of rollFr.skipped) fr.push(skipStep(d, 'fr'));

  if (rollEn.skipped.length > 0) {
    en.push(`Deadline: ${weekdayName(result, 'en')} ${day(result, 'en')} (next working day, Regulation 1182/71 art. 3(4))`);
    fr.push(`Échéance : ${weekdayName(result, 'fr')} ${day(result, 'fr')} (jour ouvré suivant, art. 3, § 4, du règlement n° 1182/71)`);
  } else {
    en.push(`Deadline: ${weekdayName(result, 'en')} ${day(result, 'en')} (a working day)`);
    fr.push(`Échéance : ${weekdayName(result, 'fr')} ${day(result, 'fr')} (jour ouvré)`);
  }

  const out: DeadlineExplanation = {
    from: a.from,
    months: a.months,
    rawDate: added.date,
    clamped: added.clamped,
    skipped: a.lang === 'fr' ? rollFr.skipped : rollEn.skipped,
    result,
    steps: { fr, en },
  };
  if (a.suspension) out.suspension = { ...a.suspension, shiftedDate: shifted };
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------------------

/** The checked inputs of the deadline computation (the same refusals for every entry point). */
function checkInput(input: DsarDeadlineInput): { received: IsoDate; jurisdiction: string; lang: Lang; suspension: ExplainArgs['suspension'] } {
  if (input === null || typeof input !== 'object') {
    throw new DomainError('invalid_input', 'Missing DSAR deadline input.');
  }
  const received = checkDate('received', input.received);
  const jurisdiction = getJurisdiction(input.jurisdiction).code;
  const lang = checkLang(input.lang);

  let suspension: ExplainArgs['suspension'];
  if (input.infoReceivedOn !== undefined && input.infoRequestedOn === undefined) {
    throw new DomainError('invalid_input', 'infoReceivedOn is set but infoRequestedOn is not: record the day the information was requested.', {
      field: 'infoRequestedOn',
    });
  }
  if (input.infoRequestedOn !== undefined) {
    const infoRequestedOn = checkDate('infoRequestedOn', input.infoRequestedOn);
    if (compareDates(infoRequestedOn, received) < 0) {
      throw new DomainError(
        'invalid_input',
        `infoRequestedOn (${infoRequestedOn}) is before the request was received (${received}): information can only be requested after receipt.`,
        { field: 'infoRequestedOn', value: infoRequestedOn, received },
      );
    }
    if (input.infoReceivedOn !== undefined) {
      const infoReceivedOn = checkDate('infoReceivedOn', input.infoReceivedOn);
      if (compareDates(infoReceivedOn, infoRequestedOn) < 0) {
        throw new DomainError(
          'invalid_input',
          `infoReceivedOn (${infoReceivedOn}) is before infoRequestedOn (${infoRequestedOn}): the information cannot arrive before it was asked for.`,
          { field: 'infoReceivedOn', value: infoReceivedOn, infoRequestedOn },
        );
      }
      suspension = { days: diffDays(infoRequestedOn, infoReceivedOn), infoRequestedOn, infoReceivedOn };
    }
  }

  return { received, jurisdiction, lang, suspension };
}

/** A due date without its explanation: the same arithmetic as explain(), no sentences. */
function dueDate(from: IsoDate, months: number, jurisdiction: string, suspensionDays?: number): { rawDate: IsoDate; result: IsoDate } {
  const added = addMonthsDetailed(from, months);
  const shifted = suspensionDays !== undefined ? addDays(added.date, suspensionDays) : added.date;
  return { rawDate: added.date, result: rollForward(shifted, jurisdiction, 'en').date };
}

/**
 * The dates of computeDsarDeadlines without the explanations ("why this date?"), for the stored
 * deadlines of every case (performance issue 11: the sentences in two languages cost more than the
 * dates, and are only shown for the case that is opened). Equal to computeDsarDeadlines' dates for
 * every input (dsar-deadlines.test.ts keeps them in step); refuses the same inputs.
 */
export function dsarDueDates(input: DsarDeadlineInput): Omit<DsarDeadlines, 'explanation'> {
  const { received, jurisdiction, suspension } = checkInput(input);
  const one = dueDate(received, 1, jurisdiction);
  const three = dueDate(received, 3, jurisdiction).result;
  const prudent = dueDate(one.rawDate, 2, jurisdiction).result;
  const out: Omit<DsarDeadlines, 'explanation'> = {
    received,
    jurisdiction,
    oneMonth: one.result,
    threeMonths: three,
    threeMonthsPrudent: compareDates(prudent, three) < 0 ? prudent : three,
    extensionNoticeBy: one.result,
  };
  if (suspension) {
    out.paused = {
      days: suspension.days,
      oneMonth: dueDate(received, 1, jurisdiction, suspension.days).result,
      threeMonths: dueDate(received, 3, jurisdiction, suspension.days).result,
      infoRequestedOn: suspension.infoRequestedOn,
      infoReceivedOn: suspension.infoReceivedOn,
    };
  }
  return out;
}

export function computeDsarDeadlines(input: DsarDeadlineInput): DsarDeadlines {
  const { received, jurisdiction, lang, suspension } = checkInput(input);

  const base = { received, jurisdiction, lang };
  const one = explain({ ...base, kind: 'oneMonth', from: received, months: 1 });
  const three = explain({ ...base, kind: 'threeMonths', from: received, months: 3 });
  const prudent = explain({ ...base, kind: 'prudent', from: one.rawDate, months: 2 });

  // Reading B can never be later than reading A (the raw one-month end is on or before J0's day-of-month),
  // but keep the guarantee explicit.
  const threeMonthsPrudent = compareDates(prudent.result, three.result) < 0 ? prudent.result : three.result;
  if (threeMonthsPrudent === prudent.result && prudent.result !== three.result) {
    prudent.steps.en.push(`Earlier than the default reading (${day(three.result, 'en')}): use it to stay on the safe side`);
    prudent.steps.fr.push(`Plus tôt que la lecture par défaut (${day(three.result, 'fr')}) : à retenir par prudence`);
  } else {
    prudent.steps.en.push(`Same as the default reading (${day(three.result, 'en')})`);
    prudent.steps.fr.push(`Identique à la lecture par défaut (${day(three.result, 'fr')})`);
  }

  const out: DsarDeadlines = {
    received,
    jurisdiction,
    oneMonth: one.result,
    threeMonths: three.result,
    threeMonthsPrudent,
    extensionNoticeBy: one.result,
    explanation: { oneMonth: one, threeMonths: three, threeMonthsPrudent: prudent },
  };

  if (suspension) {
    const pOne = explain({ ...base, kind: 'oneMonth', from: received, months: 1, suspension });
    const pThree = explain({ ...base, kind: 'threeMonths', from: received, months: 3, suspension });
    out.paused = {
      days: suspension.days,
      oneMonth: pOne.result,
      threeMonths: pThree.result,
      infoRequestedOn: suspension.infoRequestedOn,
      infoReceivedOn: suspension.infoReceivedOn,
    };
    out.explanation.paused = { oneMonth: pOne, threeMonths: pThree };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------------------

export type DsarStatus = 'on-track' | 'due-soon' | 'overdue' | 'extended' | 'closed';

export interface DsarStatusInput {
  oneMonth: IsoDate;
  threeMonths: IsoDate;
  extended: boolean;
  closed: boolean;
  today: IsoDate;
  jurisdiction: string;
  /** A case is "due soon" when its due date is at most this many calendar days away. Default 7. */
  dueSoonDays?: number;
}

export interface DsarStatusResult {
  status: DsarStatus;
  /** `threeMonths` for extended cases, else `oneMonth`. */
  dueDate: IsoDate;
  /** Calendar days from today to the due date (0 = due today, negative = overdue). */
  calendarDaysLeft: number;
  /** Working days after today up to and including the due date (negative when overdue). */
  workingDaysLeft: number;
}

export const DEFAULT_DUE_SOON_DAYS = 7;

/**
 * Status of a case on `today`. Precedence: closed > overdue > due-soon > extended > on-track. A deadline runs
 * until the end of its due day, so a case due today is "due-soon", not "overdue".
 */
export function dsarStatus(input: DsarStatusInput): DsarStatusResult {
  if (input === null || typeof input !== 'object') {
    throw new DomainError('invalid_input', 'Missing DSAR status input.');
  }
  const oneMonth = checkDate('oneMonth', input.oneMonth);
  const threeMonths = checkDate('threeMonths', input.threeMonths);
  const today = checkDate('today', input.today);
  const jurisdiction = getJurisdiction(input.jurisdiction).code;
  const dueSoonDays = input.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  if (!Number.isInteger(dueSoonDays) || dueSoonDays < 0) {
    throw new DomainError('invalid_input', `dueSoonDays must be a whole number of days, 0 or more (got ${String(dueSoonDays)}).`, {
      field: 'dueSoonDays',
      value: dueSoonDays,
    });
  }
  const extended = input.extended === true;
  const closed = input.closed === true;

  const dueDate = extended ? threeMonths : oneMonth;
  const calendarDaysLeft = diffDays(today, dueDate);
  const workingDaysLeft = workingDaysBetween(today, dueDate, jurisdiction);

  let status: DsarStatus;
  if (closed) status = 'closed';
  else if (calendarDaysLeft < 0) status = 'overdue';
  else if (calendarDaysLeft <= dueSoonDays) status = 'due-soon';
  else if (extended) status = 'extended';
  else status = 'on-track';

  return { status, dueDate, calendarDaysLeft, workingDaysLeft };
}

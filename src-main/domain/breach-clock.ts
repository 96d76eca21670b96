/**
 * Breach notification clock (GDPR Art. 33(1)): "not later than 72 hours after having become aware".
 *
 * - Elapsed-time arithmetic on instants: deadline = awareness instant + N × 3 600 000 ms. A DST
 *   change therefore shows as ±1 h on the wall clock (27 Mar 10:00 CET → 30 Mar 11:00 CEST).
 * - No weekend or public-holiday extension: Reg. (EEC, Euratom) 1182/71 art. 3(4) only rolls
 *   periods expressed otherwise than in hours.
 * - `strictNotifyBy` is the literal reading of Reg. 1182/71 art. 3(1)/(2)(a): the hour during which
 *   awareness occurs is not counted, so the period starts at the beginning of the next (local clock)
 *   hour. It is never earlier than `notifyBy`; show it as the legal outer bound, not the target.
 * - The hour count is a workspace setting (72 by default; 96 under the pending Digital Omnibus).
 */
import { DomainError } from './errors';
import { formatInZone, localTimeGap, offsetMinutes, parseInstant } from './time-zone';

export const DEFAULT_NOTIFICATION_HOURS = 72;
export const MAX_NOTIFICATION_HOURS = 240;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

export interface BreachClockInput {
  /** Awareness: an instant (`…Z`, `…+02:00`) or a local wall time read in `tz`. */
  aware: string | Date;
  /** IANA time zone used to read local wall times and to display the results. */
  tz: string;
  /** Notification period in hours: a whole number 1–240. Default 72. */
  hours?: number;
  /** Reference instant for the countdown; when absent, `remainingMs` and `late` are omitted. */
  now?: Date;
}

export interface BreachClock {
  /** Awareness instant, ISO 8601 with the offset of `tz`. */
  aware: string;
  /** Awareness + `hours` elapsed hours, ISO 8601 with the offset of `tz`. */
  notifyBy: string;
  /** Reg. 1182/71 art. 3(1) literal reading: start of the next local hour + `hours`. */
  strictNotifyBy: string;
  hours: number;
  /** `notifyBy − now` in ms (negative when late); only when `now` was given. */
  remainingMs?: number;
  /** `now` is after `notifyBy`; only when `now` was given. */
  late?: boolean;
}

/** Validates the hour setting (whole number 1–240); `undefined` → 72. */
export function validateNotificationHours(hours: number | undefined): number {
  if (hours === undefined) return DEFAULT_NOTIFICATION_HOURS;
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > MAX_NOTIFICATION_HOURS) {
    throw new DomainError(
      'invalid_input',
      `Invalid notification period ${JSON.stringify(hours)}: expected a whole number of hours between 1 and ${MAX_NOTIFICATION_HOURS} (default ${DEFAULT_NOTIFICATION_HOURS}).`,
      { field: 'hours', value: hours },
    );
  }
  return hours;
}

function toInstant(value: string | Date, tz: string | undefined, field: string): Date {
  if (value instanceof Date) {
    if (!Number.isFinite(value.getTime())) {
      throw new DomainError('invalid_input', `Invalid ${field}: not a valid date.`, { field });
    }
    return value;
  }
  if (tz !== undefined) {
    refuseNonexistentLocalTime(value, tz, field);
    return parseInstant(value, tz);
  }
  // Without a zone, only instants that carry their own offset are unambiguous.
  if (typeof value === 'string' && /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(value.trim())) {
    return parseInstant(value, 'UTC');
  }
  throw new DomainError(
    'invalid_input',
    `Invalid ${field} ${JSON.stringify(value)}: give an instant with "Z" or an offset (e.g. "2026-06-10T14:15+02:00"), or pass the time zone.`,
    { field, value },
  );
}

/**
 * A legal clock never starts at a time that did not exist: a local wall time inside a DST jump
 * (29 March 2026 02:30 in Paris) is refused with the two readings the DPO may have meant, instead of
 * being moved silently (which would shift the deadline by the length of the jump).
 */
export function refuseNonexistentLocalTime(value: string, tz: string, field: string): void {
  const gap = localTimeGap(value, tz);
  if (!gap) return;
  throw new DomainError(
    'nonexistent_local_time',
    `${field}: ${gap.value} does not exist in ${tz}: on ${gap.date} the clocks jump from ${gap.from} to ${gap.to}. ` +
      `Choose the time you mean: a time before ${gap.from} or from ${gap.to}, or the same time with its offset (${gap.readAsAfter} or ${gap.readAsBefore}).`,
    { field, ...gap },
  );
}

/** Start of the local clock hour following the one containing `instant` (Reg. 1182/71 art. 3(1)). */
function startOfNextLocalHour(instant: Date, tz: string): number {
  const ms = instant.getTime();
  const wallMs = ms + Math.round(offsetMinutes(instant, tz) * MS_PER_MINUTE);
  const intoHour = ((wallMs % MS_PER_HOUR) + MS_PER_HOUR) % MS_PER_HOUR;
  return ms - intoHour + MS_PER_HOUR;
}

/** The Art. 33 notification clock for one breach. */
export function breachClock(input: BreachClockInput): BreachClock {
  const hours = validateNotificationHours(input.hours);
  const aware = toInstant(input.aware, input.tz, 'aware');
  const tz = input.tz;
  const notifyBy = new Date(aware.getTime() + hours * MS_PER_HOUR);
  const strictNotifyBy = new Date(startOfNextLocalHour(aware, tz) + hours * MS_PER_HOUR);
  const result: BreachClock = {
    aware: formatInZone(aware, tz),
    notifyBy: formatInZone(notifyBy, tz),
    strictNotifyBy: formatInZone(strictNotifyBy, tz),
    hours,
  };
  if (input.now !== undefined) {
    const now = toInstant(input.now, tz, 'now');
    result.remainingMs = notifyBy.getTime() - now.getTime();
    result.late = result.remainingMs < 0;
  }
  return result;
}

export interface LateNotificationInput {
  aware: string | Date;
  notifiedAt: string | Date;
  /** Notification period in hours (whole number 1–240). Default 72. */
  hours?: number;
  /** Zone for local wall times; optional when both values carry `Z` or an offset. */
  tz?: string;
}

export interface LateNotification {
  /** Notified strictly after awareness + `hours`: reasons for the delay are required (Art. 33(1)). */
  late: boolean;
  /** Elapsed hours between awareness and notification, rounded to 2 decimals. */
  hoursAfterAwareness: number;
}

/**
 * Tells whether a notification was late (so that the UI requires the reasons for the delay).
 * Exactly `hours` after awareness is on time. A notification before awareness is rejected as a
 * data-entry error.
 */
export function lateNotification(input: LateNotificationInput): LateNotification {
  const hours = validateNotificationHours(input.hours);
  const aware = toInstant(input.aware, input.tz, 'aware');
  const notifiedAt = toInstant(input.notifiedAt, input.tz, 'notifiedAt');
  const elapsedMs = notifiedAt.getTime() - aware.getTime();
  if (elapsedMs < 0) {
    throw new DomainError(
      'invalid_input',
      'The notification date is earlier than the awareness date: check both dates.',
      { field: 'notifiedAt', aware: aware.toISOString(), notifiedAt: notifiedAt.toISOString() },
    );
  }
  return {
    late: elapsedMs > hours * MS_PER_HOUR,
    hoursAfterAwareness: Math.round((elapsedMs / MS_PER_HOUR) * 100) / 100,
  };
}

/**
 * Human-readable countdown: `2 d 03 h 15 min` / `2 j 03 h 15 min`, `5 h 02 min`,
 * `overdue by 5 h 02 min` / `en retard de 5 h 02 min`. Time left is rounded down to the minute and
 * lateness rounded up, so the display never overstates the time available.
 */
export function formatRemaining(ms: number, lang: 'fr' | 'en'): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new DomainError('invalid_input', `Invalid duration ${JSON.stringify(ms)}: expected a finite number of milliseconds.`, {
      field: 'ms',
      value: ms,
    });
  }
  if (lang !== 'fr' && lang !== 'en') {
    throw new DomainError('invalid_input', `Unsupported language ${JSON.stringify(lang)}: expected "fr" or "en".`, {
      field: 'lang',
      value: lang,
    });
  }
  const overdue = ms < 0;
  const totalMinutes = overdue ? Math.ceil(-ms / MS_PER_MINUTE) : Math.floor(ms / MS_PER_MINUTE);
  const days = Math.floor(totalMinutes / (MS_PER_DAY / MS_PER_MINUTE));
  const hoursPart = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const mm = minutes.toString().padStart(2, '0');
  const body =
    days > 0
      ? `${days} ${lang === 'fr' ? 'j' : 'd'} ${hoursPart.toString().padStart(2, '0')} h ${mm} min`
      : `${hoursPart} h ${mm} min`;
  if (!overdue) return body;
  return lang === 'fr' ? `en retard de ${body}` : `overdue by ${body}`;
}

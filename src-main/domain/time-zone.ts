/**
 * Time-zone helpers built on `Intl` only (no Node APIs, no third-party library).
 *
 * Conventions:
 * - An *instant* is a `Date` (milliseconds since the Unix epoch, UTC).
 * - A *local wall time* is a string `YYYY-MM-DDTHH:MM` (optionally `:SS` and `.sss`) read in an
 *   IANA time zone. A non-existent wall time (DST gap) moves forward by the length of the gap and
 *   an ambiguous one (DST overlap) resolves to the earlier instant — the same result as Temporal's
 *   `disambiguation: 'compatible'`.
 * - Formatted instants are ISO 8601 with the zone's numeric offset (`+02:00`, `+00:00`, never `Z`).
 * - Supported years: 0001–9999.
 */
import { DomainError } from './errors';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** True when `tz` is a time zone accepted by this runtime's `Intl` (IANA name such as `Europe/Paris`). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '' || tz !== tz.trim()) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) {
    throw new DomainError(
      'invalid_input',
      `Unknown time zone ${JSON.stringify(tz)}: expected an IANA time-zone name such as "Europe/Paris" or "UTC".`,
      { field: 'tz', value: tz },
    );
  }
}

function assertInstant(instant: Date, what = 'instant'): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new DomainError('invalid_input', `Invalid ${what}: not a valid date.`, { field: what });
  }
  // Keep a one-day margin so that the local year stays within 0001–9999 for any offset.
  if (ms < fieldsToEpochMs(MIN_YEAR, 1, 2, 0, 0, 0) || ms > fieldsToEpochMs(MAX_YEAR, 12, 30, 0, 0, 0)) {
    throw new DomainError(
      'invalid_input',
      `Invalid ${what}: only years ${MIN_YEAR.toString().padStart(4, '0')} to ${MAX_YEAR} are supported.`,
      { field: what },
    );
  }
  return ms;
}

/** Epoch milliseconds of the given fields read as UTC (works for years 0–99 too). */
function fieldsToEpochMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond = 0,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

function wallFieldsAt(ms: number, tz: string): WallFields {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(tz).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number.parseInt(part.value, 10);
  }
  const millisecond = ((ms % 1000) + 1000) % 1000;
  return {
    year: fields.year ?? Number.NaN,
    month: fields.month ?? Number.NaN,
    day: fields.day ?? Number.NaN,
    // Some engines print midnight as 24 even with h23; normalise defensively.
    hour: (fields.hour ?? Number.NaN) % 24,
    minute: fields.minute ?? Number.NaN,
    second: fields.second ?? Number.NaN,
    millisecond,
  };
}

/** Offset of `tz` at epoch `ms`, in milliseconds (local wall time − UTC). */
function offsetMsAt(ms: number, tz: string): number {
  const w = wallFieldsAt(ms, tz);
  return fieldsToEpochMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond) - ms;
}

/**
 * UTC offset of `tz` at `instant`, in minutes (east of Greenwich positive: Paris in summer → 120,
 * New York in winter → −300). Historical local-mean-time offsets may be fractional
 * (Paris before 1911 → 9 min 21 s = 9.35).
 */
export function offsetMinutes(instant: Date, tz: string): number {
  assertTimeZone(tz);
  const ms = assertInstant(instant);
  return offsetMsAt(ms, tz) / MS_PER_MINUTE;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(fieldsToEpochMs(year, month + 1, 0, 0, 0, 0)).getUTCDate();
}

function invalidDateTime(value: string, reason: string): DomainError {
  return new DomainError(
    'invalid_input',
    `Invalid date-time ${JSON.stringify(value)}: ${reason}. Expected YYYY-MM-DDTHH:MM[:SS] (local time), optionally followed by "Z" or an offset such as "+02:00".`,
    { field: 'date-time', value },
  );
}

/** Validates the matched date-time groups and returns the wall fields. */
function wallFieldsFromMatch(value: string, m: RegExpExecArray): WallFields {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (year < MIN_YEAR) throw invalidDateTime(value, 'year 0000 is not supported');
  if (month < 1 || month > 12) throw invalidDateTime(value, `month ${m[2]} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw invalidDateTime(value, `day ${m[3]} does not exist in ${m[1]}-${m[2]}`);
  }
  if (hour > 23) throw invalidDateTime(value, `hour ${m[4]} is out of range 00–23`);
  if (minute > 59) throw invalidDateTime(value, `minute ${m[5]} is out of range 00–59`);
  if (second > 59) throw invalidDateTime(value, `second ${m[6]} is out of range 00–59`);
  return { year, month, day, hour, minute, second, millisecond };
}

function wallToInstantMs(w: WallFields, tz: string): number {
  const localMs = fieldsToEpochMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond);
  const before = offsetMsAt(localMs - MS_PER_DAY, tz);
  const after = offsetMsAt(localMs + MS_PER_DAY, tz);
  const candidateOffsets = new Set([before, offsetMsAt(localMs, tz), after]);
  let best: number | undefined;
  for (const offset of candidateOffsets) {
    const t = localMs - offset;
    if (offsetMsAt(t, tz) === offset && (best === undefined || t < best)) best = t;
  }
  if (best !== undefined) return best;
  // DST gap: read the wall time with the offset in force before the transition, which lands
  // after the gap (02:30 on a spring-forward day where 02:00→03:00 becomes 03:30).
  return localMs - before;
}

/** A local wall time that does not exist in a zone: the clocks jump from `from` to `to` (local HH:MM). */
export interface LocalTimeGap {
  /** The wall time asked for, as given. */
  value: string;
  timeZone: string;
  /** Local date of the jump, YYYY-MM-DD. */
  date: string;
  /** Last wall time before the jump ("02:00" in Paris in spring: 01:59:59 is the last real second). */
  from: string;
  /** First wall time after the jump ("03:00"). */
  to: string;
  /** The two instants the person may have meant, with their offsets: the wall time read with the
   * offset before the jump, and with the offset after it. */
  readAsBefore: string;
  readAsAfter: string;
}

/**
 * The DST gap a local wall time (no offset) falls into in `tz`, or null when the time exists (or
 * carries its own offset). Used where a legal clock must not be started at a silently moved time.
 */
export function localTimeGap(value: string, tz: string): LocalTimeGap | null {
  assertTimeZone(tz);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  const m = INSTANT_RE.exec(trimmed);
  if (!m || m[8] !== undefined || m[9] !== undefined) return null;
  let w: WallFields;
  try {
    w = wallFieldsFromMatch(trimmed, m);
  } catch {
    return null; // malformed: parseInstant reports it with its own message
  }
  const localMs = fieldsToEpochMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond);
  const before = offsetMsAt(localMs - MS_PER_DAY, tz);
  const after = offsetMsAt(localMs + MS_PER_DAY, tz);
  for (const offset of new Set([before, offsetMsAt(localMs, tz), after])) {
    if (offsetMsAt(localMs - offset, tz) === offset) return null;
  }
  // Find the transition instant (to the minute) between the two offsets.
  let lo = localMs - MS_PER_DAY;
  let hi = localMs + MS_PER_DAY;
  while (hi - lo > MS_PER_MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
    if (offsetMsAt(mid, tz) === before) lo = mid;
    else hi = mid;
  }
  // At the transition instant `hi` the old offset reads `from` and the new one reads `to`.
  const oldWall = new Date(hi + before);
  const newWall = new Date(hi + after);
  const hm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return {
    value: trimmed,
    timeZone: tz,
    date: `${pad(oldWall.getUTCFullYear(), 4)}-${pad(oldWall.getUTCMonth() + 1)}-${pad(oldWall.getUTCDate())}`,
    from: hm(oldWall),
    to: hm(newWall),
    readAsBefore: formatInZone(new Date(localMs - before), tz),
    readAsAfter: formatInZone(new Date(localMs - after), tz),
  };
}

/**
 * Instant of a local wall time `local` ('YYYY-MM-DDTHH:MM', optionally ':SS' and '.sss') in `tz`.
 * DST gap → moved forward by the gap; DST overlap → the earlier instant.
 */
export function zonedLocalToInstant(local: string, tz: string): Date {
  assertTimeZone(tz);
  const value = typeof local === 'string' ? local.trim() : String(local);
  const m = LOCAL_RE.exec(value);
  if (!m) throw invalidDateTime(value, 'not a local date-time');
  const ms = wallToInstantMs(wallFieldsFromMatch(value, m), tz);
  return new Date(assertInstant(new Date(ms), 'date-time'));
}

function pad(n: number, width = 2): string {
  return Math.trunc(n).toString().padStart(width, '0');
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${sign}${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

/**
 * ISO 8601 rendering of `instant` in `tz` with the zone's offset, seconds included, e.g.
 * `2026-06-13T14:15:00+02:00`; `+00:00` for UTC. Milliseconds are shown only when non-zero.
 */
export function formatInZone(instant: Date, tz: string): string {
  assertTimeZone(tz);
  const ms = assertInstant(instant);
  const w = wallFieldsAt(ms, tz);
  const offsetMs = fieldsToEpochMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond) - ms;
  const fraction = w.millisecond === 0 ? '' : `.${pad(w.millisecond, 3)}`;
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${fraction}${formatOffset(offsetMs)}`
  );
}

/**
 * Parses a user-supplied date-time:
 * - an instant with `Z` or a numeric offset (`+02:00`, `+0200`, `+02`) — `tz` is still validated;
 * - a local wall time without offset, read in `tz` (DST gap/overlap as in {@link zonedLocalToInstant}).
 * Fractional seconds beyond milliseconds are truncated. Throws `DomainError('invalid_input')`.
 */
export function parseInstant(value: string, tz: string): Date {
  assertTimeZone(tz);
  if (typeof value !== 'string') {
    throw new DomainError('invalid_input', `Invalid date-time ${JSON.stringify(value)}: expected a string.`, {
      field: 'date-time',
      value,
    });
  }
  const trimmed = value.trim();
  const m = INSTANT_RE.exec(trimmed);
  if (!m) throw invalidDateTime(trimmed, 'not an ISO 8601 date-time');
  const w = wallFieldsFromMatch(trimmed, m);
  if (m[8] === undefined && m[9] === undefined) {
    return new Date(assertInstant(new Date(wallToInstantMs(w, tz)), 'date-time'));
  }
  let offsetMs = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) throw invalidDateTime(trimmed, `offset ${m[9]}${m[10]}:${m[11] ?? '00'} is out of range`);
    offsetMs = (m[9] === '-' ? -1 : 1) * (oh * MS_PER_HOUR + om * MS_PER_MINUTE);
  }
  const ms = fieldsToEpochMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond) - offsetMs;
  return new Date(assertInstant(new Date(ms), 'date-time'));
}

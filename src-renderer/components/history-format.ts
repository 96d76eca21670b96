/**
 * The change log read as a DPO reads an audit trail: field labels in the UI language, dates
 * « 8 sept. 2026 », instants « 8 sept. 2026, 10 h 00 » in the workspace's zone, enum values through
 * their i18n labels, booleans oui/non, the operation as words. Pure (a `t` function is passed in):
 * HistoryTable renders what this returns; history-format.test.ts checks every column of every table
 * has its label in both languages.
 */
import { localizeEventSummary } from '../../src-main/domain/requests/event-summary';
import { NBSP, countryName, formatNumber, formatTime, type Lang } from '../../src-main/domain/typography';

export type Translate = (key: string, opts?: Record<string, unknown>) => string;

export interface HistoryFormat {
  t: Translate;
  lang: Lang;
  /** The workspace's zone (organisation profile): every instant is shown there. */
  timeZone: string;
}

export interface HistoryEntryLike {
  table: string;
  op: 'insert' | 'update' | 'delete' | 'restore' | 'purge';
  fields: Record<string, unknown>;
  at: string;
  changedKeys?: Record<string, string[]>;
}

/** One line of the « what changed » cell: a label, and the value when there is one worth showing. */
export interface HistoryLine {
  key: string;
  label: string;
  value?: string;
}

/** Tables whose French noun is feminine: the operation agrees with it (« Violation de données créée »). */
const FEMININE = new Set(['requests', 'request_events', 'request_attachments', 'breaches', 'breach_files', 'adequacy_overrides', 'retention_settings', 'retention_holds', 'register_purges']);

/** Each table's columns in form order (a test keeps it equal to the write path's schemas): lines follow it, not the log's alphabetical order. */
export const COLUMN_ORDER: Record<string, readonly string[]> = {
  org_profile: ['controller_name', 'legal_form', 'siren', 'address', 'postcode', 'city', 'country', 'phone', 'email', 'legal_rep_name', 'legal_rep_title', 'dpo_name', 'dpo_company', 'dpo_email', 'dpo_phone', 'representative', 'sector', 'headcount', 'jurisdiction', 'time_zone', 'language', 'breach_notification_hours'],
  activities: ['reference', 'name', 'role', 'status', 'owner', 'review_date', 'details'],
  requests: ['reference', 'requester_name', 'rights', 'channel', 'received_on', 'jurisdiction', 'extended_on', 'response_sent_on', 'outcome', 'details'],
  request_events: ['request_id', 'occurred_on', 'kind', 'direction', 'summary', 'attachment_id'],
  request_attachments: ['request_id', 'file_name', 'media_type', 'size', 'sha256', 'letter_type', 'content', 'purpose'],
  breaches: ['reference', 'title', 'status', 'aware_at', 'time_zone', 'discovered_at', 'severity_level', 'authority_decision', 'first_notified_at', 'details'],
  breach_files: ['breach_id', 'file_name', 'media_type', 'size', 'sha256', 'note', 'content'],
  vendors: ['name', 'role', 'country', 'risk', 'next_review_on', 'details'],
  vendor_files: ['vendor_id', 'name', 'mime', 'size', 'sha256', 'content'],
  adequacy_overrides: ['code', 'status', 'decision', 'decision_date', 'note', 'checked_on'],
  retention_settings: ['rule_id', 'period_value', 'period_unit', 'reason'],
  retention_holds: ['table_name', 'row_id', 'reason', 'placed_on', 'released_on'],
  register_purges: ['activity_id', 'category_id', 'performed_on', 'performed_by', 'system', 'note'],
  response_targets: ['right', 'days'],
  sync_members: ['name', 'age_recipient', 'signing_public_key', 'member_code', 'status', 'joined_epoch', 'removed_epoch', 'approved_by'],
};

function ordered(table: string, fields: Record<string, unknown>): Array<[string, unknown]> {
  const order = COLUMN_ORDER[table] ?? [];
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  return Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Columns that hold only an internal id, a digest or the trash flag: meaningless to a person (the op says it). */
const HIDDEN_COLUMNS = new Set(['age_recipient', 'signing_public_key', 'request_id', 'attachment_id', 'vendor_id', 'activity_id', 'category_id', 'row_id', 'sha256', 'content', 'deleted_at']);

type ValueKey = (v: string) => string;
const prefix =
  (p: string): ValueKey =>
  (v) =>
    `${p}.${v}`;

/** Columns whose values are codes shown through the labels the rest of the UI already uses. */
const ENUM_COLUMNS: Record<string, Record<string, ValueKey>> = {
  org_profile: { language: prefix('history.value.language') },
  activities: { role: prefix('register.roles'), status: prefix('register.statuses') },
  requests: { channel: prefix('dsar.channels'), outcome: prefix('dsar.outcomes'), rights: prefix('dsar.rights') },
  request_events: { kind: prefix('dsar.eventKinds'), direction: prefix('dsar.directions') },
  request_attachments: { letter_type: prefix('dsar.letters'), purpose: prefix('history.value.purpose') },
  breaches: { status: prefix('breach.status'), severity_level: prefix('severity.level'), authority_decision: prefix('breach.decision.authority') },
  vendors: { role: prefix('vendors.roles'), risk: prefix('vendors.risks') },
  adequacy_overrides: { status: (v) => (v === 'adequate' ? 'history.value.adequate' : 'history.value.notAdequate') },
  retention_settings: { rule_id: prefix('retention.rule'), period_unit: prefix('retention.units') },
  retention_holds: { table_name: prefix('history.table') },
  response_targets: { right: (v) => (v === '*' ? 'history.value.allRights' : `dsar.rights.${v}`) },
  sync_members: { status: prefix('sync.memberStatus') },
};

/** Two-letter country codes shown by name. */
const COUNTRY_COLUMNS: Record<string, readonly string[]> = { org_profile: ['country'], vendors: ['country'], adequacy_overrides: ['code'] };
/** Byte counts. */
const SIZE_COLUMNS: Record<string, readonly string[]> = { request_attachments: ['size'], breach_files: ['size'], vendor_files: ['size'] };

/** Enum values inside the structured record (`details`) that have their own labels. */
const DETAIL_ENUMS: Record<string, Record<string, ValueKey>> = {
  breaches: { nature: prefix('breach.natures'), otherMemberStates: prefix('breach.yesNo') },
};

/**
 * Small sections of the structured record whose parts are shown one per line, with the labels of
 * their form (a request's identity check, extension, outcome and response; a breach's decisions).
 */
export const DETAIL_PARTS: Record<string, Record<string, Array<{ path: string; label: string; values?: ValueKey }>>> = {
  requests: {
    identity: [
      { path: 'requestedOn', label: 'dsar.field.identityRequestedOn' },
      { path: 'method', label: 'dsar.field.identityMethod' },
      { path: 'receivedOn', label: 'dsar.field.identityReceivedOn' },
      { path: 'outcome', label: 'dsar.field.identityOutcome', values: prefix('dsar.identityOutcomes') },
    ],
    extension: [
      { path: 'decidedOn', label: 'dsar.field.extensionDecidedOn' },
      { path: 'reasons', label: 'dsar.field.extensionReasons' },
      { path: 'notifiedOn', label: 'dsar.field.extensionNotifiedOn' },
    ],
    outcome: [
      { path: 'result', label: 'dsar.field.outcome', values: prefix('dsar.outcomes') },
      { path: 'reasons', label: 'dsar.field.outcomeReasons' },
      { path: 'fee', label: 'dsar.field.fee' },
      { path: 'transferredTo', label: 'dsar.field.transferredTo' },
    ],
    response: [
      { path: 'sentOn', label: 'dsar.field.responseSentOn' },
      { path: 'how', label: 'dsar.field.responseHow' },
    ],
  },
  breaches: {
    decisions: [
      { path: 'authority.decision', label: 'breach.decideAuthority', values: prefix('breach.decision.authority') },
      { path: 'people.decision', label: 'breach.decidePeople', values: prefix('breach.decision.people') },
    ],
    severity: [{ path: 'level', label: 'breach.severity', values: prefix('severity.level') }],
  },
};

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The i18n key of a column's label (the profile reuses the Settings form's labels). */
export function fieldLabelKey(table: string, column: string): string {
  return table === 'org_profile' ? `profile.${column}` : `history.field.${table}.${column}`;
}

/** The i18n key of a structured-record key's label. */
export function detailLabelKey(table: string, key: string): string {
  return `history.detail.${table}.${key}`;
}

export function tableLabel(table: string, t: Translate): string {
  return t(`history.table.${table}`, { defaultValue: table });
}

/** « créée », « modifié », « mis à la corbeille »… agreeing with the record's noun in French. */
export function opLabel(op: HistoryEntryLike['op'], table: string, t: Translate): string {
  return t(`history.op.${op}`, FEMININE.has(table) ? { context: 'f' } : undefined);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const SHORT_MONTHS: Partial<Record<Lang, string[]>> = {};
function shortMonth(m: number, lang: Lang): string {
  const names = (SHORT_MONTHS[lang] ??= Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2000, i, 15)).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', timeZone: 'UTC' })));
  return names[m - 1]!;
}

/** « 8 sept. 2026 », « 1er oct. 2026 » / « 8 Sept 2026 »: a calendar date, never shifted by a zone. */
export function formatShortDate(value: string, lang: Lang): string {
  const m = ISO_DATE.exec(value);
  if (!m) return value;
  const d = Number(m[3]);
  return `${lang === 'fr' && d === 1 ? '1er' : d}${NBSP}${shortMonth(Number(m[2]), lang)}${NBSP}${m[1]}`;
}

/** The calendar day of an instant in `timeZone`, as YYYY-MM-DD. */
function dayIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** « 8 sept. 2026, 10 h 00 » / « 8 Sept 2026, 10:00 » in the workspace's zone. */
export function formatShortInstant(instant: string, lang: Lang, timeZone: string): string {
  if (Number.isNaN(new Date(instant).getTime())) return instant;
  return `${formatShortDate(dayIn(instant, timeZone), lang)}, ${formatTime(instant, lang, timeZone)}`;
}

function formatBytes(n: number, lang: Lang): string {
  const units = lang === 'fr' ? ['o', 'Kio', 'Mio', 'Gio'] : ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${formatNumber(v, lang, { maxDecimals: u === 0 ? 0 : 1 })}${NBSP}${units[u]}`;
}

function preview(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A plain value (no label mapping): dates, instants, booleans, numbers, text; undefined for structures. */
function formatPlain(v: unknown, f: HistoryFormat): string | undefined {
  if (v === null || v === undefined || v === '') return f.t('history.value.empty');
  if (typeof v === 'boolean') return f.t(v ? 'history.value.yes' : 'history.value.no');
  if (typeof v === 'number') return formatNumber(v, f.lang);
  if (typeof v === 'string') {
    if (ISO_DATE.test(v)) return formatShortDate(v, f.lang);
    if (ISO_INSTANT.test(v)) return formatShortInstant(v, f.lang, f.timeZone);
    // A structured value stored as JSON text is never shown raw: the label (or its changed keys) says it.
    if ((v.startsWith('{') || v.startsWith('[')) && typeof parseJson(v) === 'object') return undefined;
    return preview(v);
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? preview(v.join(', ')) : f.t('history.value.empty');
  return undefined;
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** A column's value as a person reads it (« Notifier », « 8 sept. 2026 », « oui », « France (FR) »). */
export function formatFieldValue(table: string, column: string, value: unknown, f: HistoryFormat): string | undefined {
  const en = ENUM_COLUMNS[table]?.[column];
  if (en) {
    const v = parseJson(value);
    if (v === null || v === undefined || v === '') return f.t('history.value.empty');
    const list = Array.isArray(v) ? v : [v];
    return list.map((x) => f.t(en(String(x)), { defaultValue: String(x) })).join(', ');
  }
  if (COUNTRY_COLUMNS[table]?.includes(column) && typeof value === 'string' && /^[A-Z]{2}$/.test(value)) return f.t('history.value.country', { name: countryName(value, f.lang), code: value });
  if (SIZE_COLUMNS[table]?.includes(column) && typeof value === 'number') return formatBytes(value, f.lang);
  // Vigie's own timeline sentences are stored in the profile's language: say them in the UI's.
  if (table === 'request_events' && column === 'summary' && typeof value === 'string') return preview(localizeEventSummary(value, f.lang));
  return formatPlain(value, f);
}

/** A changed key of the structured record, with its new value when that value is a plain one. */
function detailLine(table: string, column: string, key: string, record: Record<string, unknown>, f: HistoryFormat): HistoryLine | HistoryLine[] {
  const label = f.t(detailLabelKey(table, key), { defaultValue: key });
  const v = record[key];
  const en = DETAIL_ENUMS[table]?.[key];
  if (en && v !== undefined) {
    const list = Array.isArray(v) ? v : [v];
    return { key: `${column}.${key}`, label, value: list.length ? list.map((x) => f.t(en(String(x)), { defaultValue: String(x) })).join(', ') : f.t('history.value.empty') };
  }
  if (v === undefined) return { key: `${column}.${key}`, label, value: f.t('history.value.empty') };
  const parts = DETAIL_PARTS[table]?.[key];
  if (parts) {
    const shown = parts.flatMap((p) => {
      const x = at(v, p.path);
      if (x === undefined || x === null || x === '') return [];
      const value = p.values ? f.t(p.values(String(x)), { defaultValue: String(x) }) : formatPlain(x, f);
      return value === undefined ? [] : [{ key: `${column}.${key}.${p.path}`, label: f.t(p.label), value }];
    });
    if (shown.length) return shown;
  }
  const value = formatPlain(v, f);
  return value === undefined ? { key: `${column}.${key}`, label } : { key: `${column}.${key}`, label, value };
}

const MAX_FIELDS_ON_CREATE = 6;

function isStructured(v: unknown): boolean {
  return typeof v === 'object' || (typeof v === 'string' && (v.startsWith('{') || v.startsWith('[')));
}

/**
 * The lines of one entry: every changed column labelled and formatted; for a structured record, the
 * keys that changed (with their new values when plain). A creation shows its first short fields and
 * counts the rest.
 */
export function describeFields(e: HistoryEntryLike, f: HistoryFormat): { lines: HistoryLine[]; hidden: number } {
  const lines: HistoryLine[] = [];
  let candidates = 0;
  for (const [column, value] of ordered(e.table, e.fields)) {
    if (HIDDEN_COLUMNS.has(column)) continue;
    candidates++;
    // A list of codes (a request's rights) reads better whole than as changed positions.
    const changed = ENUM_COLUMNS[e.table]?.[column] ? undefined : e.changedKeys?.[column];
    if (changed) {
      const record = parseJson(value);
      const obj = record && typeof record === 'object' && !Array.isArray(record) ? (record as Record<string, unknown>) : {};
      if (changed.length === 0) lines.push({ key: column, label: f.t(fieldLabelKey(e.table, column), { defaultValue: column }) });
      for (const k of changed) lines.push(...[detailLine(e.table, column, k, obj, f)].flat());
      continue;
    }
    if (e.op === 'insert') {
      const enumLike = ENUM_COLUMNS[e.table]?.[column] !== undefined;
      if (value === null || value === '' || (isStructured(value) && !enumLike) || (typeof value === 'string' && value.length > 120)) continue;
      if (lines.length >= MAX_FIELDS_ON_CREATE) continue;
    }
    const label = f.t(fieldLabelKey(e.table, column), { defaultValue: column });
    const formatted = formatFieldValue(e.table, column, value, f);
    lines.push(formatted === undefined ? { key: column, label } : { key: column, label, value: formatted });
  }
  // A column that repeats a part of the record (a case's extended_on and its extension date) shows once.
  const seen = new Set<string>();
  const unique = lines.filter((l) => {
    const k = `${l.label}\u0000${l.value ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return { lines: unique, hidden: e.op === 'insert' ? candidates - lines.length : 0 };
}

/**
 * One field of a record as the sync conflict list shows it: its label and its value formatted as the
 * history shows them. `cell` is a column, or `column.key` for one part of a structured record (the
 * unit sync merges); a value nothing can format readably (a whole structure) shows as « (détails) ».
 */
export function describeCell(table: string, cell: string, value: unknown, f: HistoryFormat): { label: string; value: string } {
  const dot = cell.indexOf('.');
  if (dot < 0) {
    const label = f.t(fieldLabelKey(table, cell), { defaultValue: cell });
    if (value === null || value === undefined || value === '') return { label, value: f.t('history.value.empty') };
    return { label, value: formatFieldValue(table, cell, value, f) ?? f.t('history.value.structured') };
  }
  const column = cell.slice(0, dot);
  const key = cell.slice(dot + 1);
  const lines = [detailLine(table, column, key, { [key]: parseJson(value) }, f)].flat();
  const first = lines[0]!;
  const columnLabel = f.t(fieldLabelKey(table, column), { defaultValue: column });
  const label = `${columnLabel} › ${first.label}`;
  const colon = f.lang === 'fr' ? `${NBSP}: ` : ': ';
  if (lines.length > 1) return { label, value: lines.map((l) => `${l.label}${colon}${l.value ?? ''}`).join(f.lang === 'fr' ? `${NBSP}; ` : '; ') };
  return { label, value: first.value ?? f.t('history.value.structured') };
}

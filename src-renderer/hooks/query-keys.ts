/**
 * Pure rules for the renderer's query cache: which API methods only read (their results are cached
 * under the key `[method, input]`) and which change data (after success they invalidate the cached
 * reads of every area their change can show up in). No React, no I/O: unit-tested on its own.
 */

/** The method's area: the part before the first dot (`requests.list` → `requests`). */
export function areaOf(method: string): string {
  const dot = method.indexOf('.');
  return dot < 0 ? method : method.slice(0, dot);
}

/** Verbs (the part after the dot) that only read, whatever the area. */
const READ_VERBS = new Set([
  'list', 'get', 'summary', 'figures', 'today', 'reference', 'rules', 'targets', 'schedule', 'due',
  'query', 'check', 'verify', 'adequacy', 'transfersByCountry', 'transferCheck', 'recent', 'status', 'info',
  'countries', 'jurisdictions', 'severity', 'register', 'deadlines', 'breachClock', 'ping',
]);

/**
 * Methods whose verb does not say it but that only read or only build a file for the person to
 * save (letters, calendars, documents, CSV): they leave the workspace data as it was.
 * Not `requests.letter`: it keeps the letter in the case's correspondence (an attachment and a
 * timeline event), so it is a change in the requests area.
 */
const READ_METHODS = new Set([
  'requests.ics', 'requests.exportCsv', 'requests.attachment',
  'breaches.letter', 'breaches.draft', 'breaches.publicNotice', 'breaches.file',
  'register.exportDocx', 'register.importPreview',
  'vendors.tiaDocx', 'vendors.downloadContract',
  'retention.scheduleIcs', 'audit.exportCsv', 'audit.seal',
  'reports.annualReport', 'reports.cnilPack', 'reports.requests', 'reports.vendors',
  'workspace.pickFile', 'exports.save', 'exports.saveFile', 'exports.cancel', 'jobs.cancel',
  'sync.pickFolder', 'sync.members', 'sync.conflicts', 'records.erasurePlan',
]);

/** True when the method only reads: it may be cached and never invalidates anything. */
export function isRead(method: string): boolean {
  if (READ_METHODS.has(method)) return true;
  const verb = method.slice(method.indexOf('.') + 1);
  return areaOf(method) === 'tools' || areaOf(method) === 'reference' || READ_VERBS.has(verb);
}

/** Methods that swap or drop the open workspace: every cached read belongs to the old one. */
const CLEAR_ALL = new Set(['workspace.open', 'workspace.close', 'workspace.create', 'sync.join']);

/**
 * Methods that replace the open workspace's data in place, or change a record of any area: every
 * cached read is stale and refetches. (Resolving a sync conflict writes the kept value into whatever
 * record it was; an erasure blanks a case, a breach or a vendor and shows in every list and report.)
 */
const STALE_ALL = new Set(['backups.restore', 'trash.restore', 'sync.resolve', 'records.purge']);

/** Areas whose reads show data owned by another area (counts, deadlines, search hits, reports, history). */
const DERIVED = ['dashboard', 'retention', 'search', 'reports', 'history', 'trash', 'audit'];

/** Extra areas a change in one area makes stale, beyond itself and the derived views. */
const ALSO: Record<string, string[]> = {
  requests: [],
  breaches: [],
  vendors: ['register'], // an activity shows its vendors and their transfers
  register: ['vendors'], // a vendor shows the activities it serves
  retention: ['requests', 'register'],
  profile: ['requests', 'breaches', 'app'], // the organisation's name and targets appear in letters and deadlines
  backups: [],
  audit: [],
  sync: [],
};

export type Invalidation = { kind: 'none' } | { kind: 'all' } | { kind: 'stale-all' } | { kind: 'areas'; areas: string[] };

/** True when a sync's answer says it brought colleagues' changes in (any record of any area may have changed). */
function importedChanges(value: unknown): boolean {
  if (!value || typeof value !== 'object') return true; // no answer to read: assume it did
  const v = value as { imported?: unknown; conflicts?: unknown };
  return v.imported !== 0 || (typeof v.conflicts === 'number' && v.conflicts > 0);
}

/** What a successful call of `method` (which answered `value`) makes stale in the cache. */
export function invalidationFor(method: string, value?: unknown): Invalidation {
  if (CLEAR_ALL.has(method)) return { kind: 'all' };
  // A sync that imported changes may have touched every area; one that only sent ours changes the Sync page's figures.
  if (method === 'sync.now') return importedChanges(value) ? { kind: 'stale-all' } : { kind: 'areas', areas: ['dashboard', 'sync'] };
  if (STALE_ALL.has(method)) return { kind: 'stale-all' };
  if (isRead(method)) return { kind: 'none' };
  const area = areaOf(method);
  const areas = new Set([area, ...DERIVED, ...(ALSO[area] ?? [])]);
  return { kind: 'areas', areas: [...areas].sort() };
}

/** The cache key of one read. */
export function queryKey(method: string, input: unknown): readonly [string, unknown] {
  return [method, input ?? {}] as const;
}

/**
 * The cache key of a paged read (an infinite query over `limit`/`cursor`): the input without the
 * cursor, marked so it never shares an entry with a plain read of the same input (the cached shapes
 * differ: pages of answers vs one answer). Its area is the method's, so mutations invalidate it too.
 */
export function pagedQueryKey(method: string, input: unknown): readonly [string, unknown, 'pages'] {
  const rest = { ...((input ?? {}) as Record<string, unknown>) };
  delete rest.cursor;
  return [method, rest, 'pages'] as const;
}

/** True when a cached query key belongs to one of the areas. */
export function keyInAreas(key: readonly unknown[], areas: readonly string[]): boolean {
  return typeof key[0] === 'string' && areas.includes(areaOf(key[0]));
}

/**
 * Keyset paging of a list computed in the service (vendors and activities: their warnings and
 * completeness depend on the whole register, so they are computed before filtering). The items are
 * ordered by a unique string key; a cursor is the last key of a page, tagged with the list's name,
 * so an item inserted meanwhile never makes another appear twice or vanish, and a cursor from
 * another list is refused. The renderer then holds one page at a time, never the whole list.
 */
import { DomainError } from '../domain/errors';

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export interface PageOptions {
  /** The list's name, written into its cursors. */
  list: string;
  /** Without a limit: every item (scripts, the CLI). */
  limit?: number;
  cursor?: string;
}

function decode(cursor: string, list: string): string {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v[0] === list && typeof v[1] === 'string') return v[1];
  } catch {
    // fall through
  }
  throw new DomainError('invalid_input', `This list cursor is not one Vigie gave for the ${list} list: start again from the first page (without a cursor).`, { field: 'cursor' });
}

/** Sorts by `key` (unique per item), then cuts the page after the cursor. */
export function pageOf<T>(items: readonly T[], key: (item: T) => string, opts: PageOptions): Page<T> {
  if (opts.cursor !== undefined && opts.limit === undefined) throw new DomainError('invalid_input', 'A cursor goes with a limit (the cursor comes from the previous page).', { field: 'cursor' });
  const keyed = items.map((item) => ({ item, k: key(item) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  if (opts.limit === undefined) return { items: keyed.map((x) => x.item), total: keyed.length, nextCursor: null };
  const limit = Math.max(1, Math.min(1000, Math.floor(opts.limit)));
  const after = opts.cursor === undefined ? null : decode(opts.cursor, opts.list);
  const rest = after === null ? keyed : keyed.filter((x) => x.k > after);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((x) => x.item),
    total: keyed.length,
    nextCursor: rest.length > limit && last ? Buffer.from(JSON.stringify([opts.list, last.k]), 'utf8').toString('base64url') : null,
  };
}

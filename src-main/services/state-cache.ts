/**
 * A value computed from a workspace, kept until the workspace changes (performance issue 11: the
 * dashboard's calls each parsed the 1,000 activities and 1,000 vendors). It is kept per connection
 * with the change mark read before computing it (total_changes + data_version,
 * db/repositories/request-index.ts): any write, by this window or another process, moves the mark,
 * and a write landing while the value is computed leaves an older mark, so it is computed again next
 * time. Reads go through `ws.db`, which waits for a write transaction to end (one connection): a
 * value never holds rows a rollback takes back. The value is shared between callers: read-only.
 */
import { changeMark } from '../db/repositories/request-index';
import type { Workspace } from './workspace';

export function cachedPerState<T>(load: (ws: Workspace) => Promise<T>): (ws: Workspace) => Promise<T> {
  const kept = new WeakMap<object, { mark: string; value: T }>();
  return async (ws) => {
    const mark = await changeMark(ws.db);
    const hit = kept.get(ws.db);
    if (hit && hit.mark === mark) return hit.value;
    const value = await load(ws);
    kept.set(ws.db, { mark, value });
    return value;
  };
}

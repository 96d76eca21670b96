/**
 * Shared by the request-index tests (request-index.test.ts, request-index-sort.test.ts): new
 * workspaces closed after each test, a fixed clock, and every page of a filter walked by cursor.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { StatusFilter } from '../../domain/requests/case';
import type { RequestsService } from '../requests';
import { Workspace } from '../workspace';

/** A maker of new workspaces (profile ACME), each closed after the test that made it. Call at the top of a test file. */
export function workspacesClosedAfterEach(prefix: string, passphrase: string): () => Promise<Workspace> {
  const opened: Workspace[] = [];
  afterEach(async () => {
    for (const ws of opened.splice(0)) await ws.close();
  });
  return async () => {
    const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), prefix)), 'w.vigie'), passphrase, { actor: 'test', profile: { controller_name: 'ACME' } });
    opened.push(w);
    return w;
  };
}

/** A clock stopped at 10:00 UTC on a day. */
export const at = (iso: string) => () => new Date(`${iso}T10:00:00Z`);

/** Every page of a filter, concatenated, and the total the pages announced. */
export async function allPages(s: RequestsService, q: { status?: StatusFilter; sort?: 'deadline' | 'received' }, limit: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let guard = 0; guard < 1000; guard++) {
    const p = await s.list({ ...q, limit, ...(cursor ? { cursor } : {}) });
    total = p.total;
    ids.push(...p.items.map((i) => i.id));
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return { ids, total };
}

// query-core (what react-query re-exports), so the node test project never pulls in React's types.
import type { QueryClient } from '@tanstack/query-core';
import { invalidationFor, keyInAreas } from './query-keys';

/**
 * Applies what a successful call of `method` makes stale (rules in ./query-keys.ts) and resolves
 * once the reads on screen have refetched: `call` awaits it, so after `await call(change)` the cache
 * holds the new state. A refetch that fails does not reject here: it shows as that read's error.
 */
export async function applyInvalidation(client: QueryClient, method: string, value?: unknown): Promise<void> {
  const inv = invalidationFor(method, value);
  if (inv.kind === 'all') client.clear();
  else if (inv.kind === 'stale-all') await client.invalidateQueries();
  else if (inv.kind === 'areas') await client.invalidateQueries({ predicate: (q) => keyInAreas(q.queryKey, inv.areas) });
}

// The cache react-query re-exports, without React: the rules are tested on the real cache.
import { QueryClient, QueryObserver } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { applyInvalidation } from './invalidate';
import { queryKey } from './query-keys';

/** A cache with reads on screen (observed), each counting how often it was fetched. */
function cacheWith(reads: Array<[string, unknown]>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
  const fetches = new Map<string, number>();
  const unsubscribe: Array<() => void> = [];
  for (const [method, input] of reads) {
    const observer = new QueryObserver(client, {
      queryKey: queryKey(method, input),
      queryFn: async () => {
        await new Promise((r) => setTimeout(r, 5));
        fetches.set(method, (fetches.get(method) ?? 0) + 1);
        return { method, n: fetches.get(method) };
      },
    });
    unsubscribe.push(observer.subscribe(() => undefined));
  }
  return { client, fetches, close: () => unsubscribe.forEach((u) => u()) };
}

let close = () => undefined as void;
afterEach(() => close());

async function settled(client: QueryClient) {
  while (client.isFetching() > 0) await new Promise((r) => setTimeout(r, 1));
}

describe('applyInvalidation', () => {
  it('resolves only once the reads of the changed areas on screen have refetched, and leaves the others alone', async () => {
    const c = cacheWith([['requests.get', { id: 'a' }], ['dashboard.today', {}], ['vendors.list', {}]]);
    close = c.close;
    await settled(c.client);
    expect([...c.fetches.values()]).toEqual([1, 1, 1]);

    await applyInvalidation(c.client, 'requests.update');
    // Fetched again before the promise resolved (no wait here): the case and the derived dashboard.
    expect(c.fetches.get('requests.get')).toBe(2);
    expect(c.fetches.get('dashboard.today')).toBe(2);
    expect(c.fetches.get('vendors.list')).toBe(1);
    expect(c.client.getQueryData(queryKey('requests.get', { id: 'a' }))).toEqual({ method: 'requests.get', n: 2 });
  });

  it('a letter kept in the case refreshes the case (its timeline and attachments)', async () => {
    const c = cacheWith([['requests.get', { id: 'a' }]]);
    close = c.close;
    await settled(c.client);
    await applyInvalidation(c.client, 'requests.letter');
    expect(c.fetches.get('requests.get')).toBe(2);
  });

  it('a read invalidates nothing; a restore refetches everything; closing the workspace empties the cache', async () => {
    const c = cacheWith([['requests.get', { id: 'a' }], ['vendors.list', {}]]);
    close = c.close;
    await settled(c.client);
    await applyInvalidation(c.client, 'requests.list');
    expect([...c.fetches.values()]).toEqual([1, 1]);
    await applyInvalidation(c.client, 'backups.restore');
    expect([...c.fetches.values()]).toEqual([2, 2]);
    await applyInvalidation(c.client, 'workspace.close');
    expect(c.client.getQueryCache().getAll()).toHaveLength(0);
  });
});

import { QueryClient } from '@tanstack/react-query';
import { onCallSuccess } from '../api';
import { invalidationFor, keyInAreas } from './query-keys';

/**
 * The renderer's one query cache. Reads are cached per `[method, input]`; errors show at once
 * (no retry), nothing refetches on window focus, and a cached read is fresh for a short while only.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 2_000, gcTime: 5 * 60_000, retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

// Every successful change through `call` marks the reads of its areas stale (active ones refetch).
onCallSuccess((method, value) => {
  const inv = invalidationFor(method, value);
  if (inv.kind === 'all') queryClient.clear();
  else if (inv.kind === 'stale-all') void queryClient.invalidateQueries();
  else if (inv.kind === 'areas') void queryClient.invalidateQueries({ predicate: (q) => keyInAreas(q.queryKey, inv.areas) });
});

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

// Every successful change through `call` marks the reads of its areas stale; `call` waits until the
// ones on screen have refetched (a failed refetch does not throw here: it shows as that read's error).
onCallSuccess(async (method) => {
  const inv = invalidationFor(method);
  if (inv.kind === 'all') queryClient.clear();
  else if (inv.kind === 'stale-all') await queryClient.invalidateQueries();
  else if (inv.kind === 'areas') await queryClient.invalidateQueries({ predicate: (q) => keyInAreas(q.queryKey, inv.areas) });
});

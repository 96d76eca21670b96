import { QueryClient } from '@tanstack/react-query';
import { onCallSuccess } from '../api';
import { applyInvalidation } from './invalidate';

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

// Every successful change through `call` marks the reads of its areas stale (a sync that imported
// changes: every read); `call` waits until the ones on screen have refetched.
onCallSuccess((method, value) => applyInvalidation(queryClient, method, value));

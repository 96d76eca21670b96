import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiCallError, invoke } from '../api';
import type { Method, MethodInput, MethodOutput } from '../../src-main/api/contract';
import { queryKey } from './query-keys';

export interface Query<T> {
  data: T | undefined;
  error: ApiCallError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

function asApiError(e: unknown): ApiCallError {
  return e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
}

/**
 * Reads one API method through the query cache, keyed by `[method, input]`: a changed input
 * refetches by itself, the call is dropped on unmount, and a late reply never overwrites a newer one.
 * Changes made through `call` invalidate the reads of their areas, so `reload()` is rarely needed.
 * `deps` is accepted for older callers and ignored: the input is the key.
 */
export function useApi<M extends Method>(method: M, input: MethodInput<M>, _deps?: unknown[]): Query<MethodOutput<M>> {
  const q = useQuery({
    queryKey: queryKey(method, input),
    queryFn: ({ signal }) => invoke(method, input, signal),
    placeholderData: keepPreviousData,
  });
  const { refetch } = q;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  return {
    data: q.data as MethodOutput<M> | undefined,
    error: q.error ? asApiError(q.error) : undefined,
    loading: q.isFetching,
    reload,
  };
}

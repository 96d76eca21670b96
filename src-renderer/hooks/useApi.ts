import { useQuery } from '@tanstack/react-query';
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

function recordId(input: unknown): unknown {
  return input && typeof input === 'object' && 'id' in input ? (input as { id: unknown }).id : undefined;
}

function sameRecord(previousInput: unknown, input: unknown): boolean {
  return recordId(previousInput) === recordId(input);
}

/**
 * Reads one API method through the query cache, keyed by `[method, input]`: a changed input
 * refetches by itself, the call is dropped on unmount, and a late reply never overwrites a newer one.
 * Changes made through `call` refetch the reads of their areas before `call` resolves, so no
 * caller reloads after a change; `reload()` is for data that changes outside the API.
 * `deps` is accepted for older callers and ignored: the input is the key.
 */
export function useApi<M extends Method>(method: M, input: MethodInput<M>, _deps?: unknown[]): Query<MethodOutput<M>> {
  const q = useQuery({
    queryKey: queryKey(method, input),
    queryFn: ({ signal }) => invoke(method, input, signal),
    // While a changed input loads, keep showing the previous answer (a list under a new filter),
    // but never one record's data under another record's id.
    placeholderData: (previous, previousQuery) => (sameRecord(previousQuery?.queryKey[1], input) ? previous : undefined),
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

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ApiCallError, invoke } from '../api';
import type { Method, MethodInput, MethodOutput } from '../../src-main/api/contract';
import { pagedQueryKey } from './query-keys';

/** Methods answering one page: `{ items, total, nextCursor }` for an input with `limit` and `cursor`. */
export type PagedMethod = {
  [M in Method]: MethodOutput<M> extends { items: unknown[]; total: number; nextCursor: string | null } ? (MethodInput<M> extends { cursor?: string; limit?: number } ? M : never) : never;
}[Method];

type Item<M extends PagedMethod> = MethodOutput<M> extends { items: Array<infer T> } ? T : never;

export interface PagedQuery<M extends PagedMethod> {
  /** Every item loaded so far, in the server's order (never re-sorted or filtered here). */
  items: Item<M>[];
  /** How many items match the filter on the server (the last page's count). */
  total: number | undefined;
  /** The last page as answered (its other fields, such as `today`). */
  last: MethodOutput<M> | undefined;
  error: ApiCallError | undefined;
  /** A first page (or a changed filter's first page) is loading. */
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  /** Asks for the next page once (ignored while one is loading or when none is left). */
  loadMore: () => void;
  /** Refetches the loaded pages from the first (rarely needed: changes through `call` do it). */
  reload: () => Promise<void>;
}

function asApiError(e: unknown): ApiCallError {
  return e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
}

/**
 * Reads a paged API method page by page through the query cache (TanStack Query's infinite query):
 * the input (filters, sort, page size) is the key, the cursor of each page comes from the previous
 * answer. A successful change in the method's area marks the loaded pages stale; they are then
 * refetched from the first one, so a new or edited case appears in its place. While a changed
 * filter's first page loads, the previous pages stay on screen.
 */
export function useInfiniteApi<M extends PagedMethod>(method: M, input: Omit<MethodInput<M>, 'cursor'> & { limit: number }): PagedQuery<M> {
  const q = useInfiniteQuery({
    queryKey: pagedQueryKey(method, input),
    queryFn: ({ pageParam, signal }) => invoke(method, { ...input, ...(pageParam ? { cursor: pageParam } : {}) } as MethodInput<M>, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last as { nextCursor: string | null }).nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const pages = q.data?.pages as Array<MethodOutput<M> & { items: Item<M>[]; total: number }> | undefined;
  const items = useMemo(() => (pages ?? []).flatMap((p) => p.items), [pages]);
  const last = pages?.[pages.length - 1];
  const { fetchNextPage, hasNextPage, isFetchingNextPage, isFetching, refetch } = q;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetching) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage, isFetching]);
  return {
    items,
    total: last?.total,
    last,
    error: q.error ? asApiError(q.error) : undefined,
    loading: q.isFetching && !q.isFetchingNextPage,
    loadingMore: q.isFetchingNextPage,
    hasMore: Boolean(hasNextPage),
    loadMore,
    reload,
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiCallError, call } from '../api';
import type { Method, MethodInput, MethodOutput } from '../../src-main/api/contract';

export interface Query<T> {
  data: T | undefined;
  error: ApiCallError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Calls one API method and keeps its result; `reload()` after a mutation. */
export function useApi<M extends Method>(method: M, input: MethodInput<M>, deps: unknown[] = []): Query<MethodOutput<M>> {
  const [data, setData] = useState<MethodOutput<M>>();
  const [error, setError] = useState<ApiCallError>();
  const [loading, setLoading] = useState(true);
  const inputRef = useRef(input);
  inputRef.current = input;
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(method, inputRef.current));
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) }));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, ...deps]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

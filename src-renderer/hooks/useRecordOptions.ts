import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import type { MethodInput, MethodOutput } from '../../src-main/api/contract';
import { useApi } from './useApi';

type PickerMethod = 'register.list' | 'vendors.list';
type Item<M extends PickerMethod> = MethodOutput<M>['items'][number];

/** Matches offered while typing; the person narrows further by typing more. */
export const PICKER_LIMIT = 50;

/** The records with these ids, from the server (unknown or trashed ids are simply absent). */
export function useRecordsById<M extends PickerMethod>(method: M, wanted: readonly string[]) {
  const key = [...new Set(wanted)].sort().join('\n');
  const ids = useMemo(() => (key ? key.split('\n') : []), [key]);
  const named = useApi(method, { ids, limit: Math.max(1, Math.min(1000, ids.length)) } as MethodInput<M>);
  return { ids, named, items: (named.data?.items ?? []) as Item<M>[] };
}

/**
 * Options of a record picker, from the server: the chosen records (named by their ids) and the
 * first matches of what is typed (accents and case aside) — never the whole register. `missing`
 * lists chosen ids the server no longer knows (a record moved to the trash).
 */
export function useRecordOptions<M extends PickerMethod>(method: M, chosen: readonly string[], search: string, label: (item: Item<M>) => string) {
  const [needle] = useDebouncedValue(search.trim(), 200);
  const { ids, named } = useRecordsById(method, chosen);
  const found = useApi(method, { ...(needle ? { text: needle.slice(0, 200) } : {}), limit: PICKER_LIMIT } as MethodInput<M>);
  const namedItems = (named.data?.items ?? []) as Item<M>[];
  const foundItems = (found.data?.items ?? []) as Item<M>[];
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: Array<{ value: string; label: string }> = [];
    for (const item of [...namedItems, ...foundItems]) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push({ value: item.id, label: label(item) });
    }
    return out;
    // `label` is a formatting function the caller may recreate each render: the items decide.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [namedItems, foundItems]);
  // Only from a settled answer: while a new choice is being named, the previous answer lacks it.
  const missing = named.data && !named.loading ? ids.filter((id) => !namedItems.some((i) => i.id === id)) : [];
  return {
    options,
    /** Every record the picker knows of (chosen and found), for details beside a choice. */
    items: [...namedItems, ...foundItems.filter((f) => !namedItems.some((n) => n.id === f.id))],
    missing,
    /** More records match than are offered: type more to narrow. */
    more: found.data ? found.data.total > foundItems.length : false,
    loaded: Boolean(named.data && found.data),
    error: named.error ?? found.error,
  };
}

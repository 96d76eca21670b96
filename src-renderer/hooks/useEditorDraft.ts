import { useCallback, useEffect, useRef, useState } from 'react';
import { useLeaveGuard } from '../app/routes';
import { afterSave, discard as discardDraft, initialDraft, isDirty, onNewRecord, onRecord, type DraftState } from './editor-draft';

/** The keys of T whose values are lists. */
export type ListKey<T> = { [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never }[keyof T];
/** The item type of the list at T[K]. */
export type ListItem<T, K extends keyof T> = NonNullable<T[K]> extends readonly (infer E)[] ? E : never;

export interface EditorDraft<T> {
  /** What the form shows and edits. */
  draft: T;
  /** The record as last loaded or saved (what discard goes back to). */
  baseline: T;
  /** The draft differs from the baseline: there is unsaved work. */
  dirty: boolean;
  saving: boolean;
  /** The last save's error (or one an action of the editor reported through setError). */
  error: unknown;
  setError: (e: unknown) => void;
  /** True after a successful save until the next edit (for a « saved » line). */
  justSaved: boolean;
  /** Replaces the draft (a function gets the current draft). */
  setDraft: (next: T | ((d: T) => T)) => void;
  /** Merges a patch into the draft. */
  update: (patch: Partial<T>) => void;
  /** Sets one field of the draft. */
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  /** Merges a patch into item `index` of a list field. */
  setItem: <K extends ListKey<T>>(key: K, index: number, patch: Partial<ListItem<T, K>>) => void;
  /** Removes item `index` of a list field. */
  removeItem: (key: ListKey<T>, index: number) => void;
  /** Saves the draft; resolves false (error shown) when it failed. */
  save: () => Promise<boolean>;
  /** Saves the draft; rejects with the error (for a dialog that shows it itself). */
  saveOrThrow: () => Promise<void>;
  discard: () => void;
}

/**
 * The draft of one editor form: the record's editable copy, dirty tracking, a reset when another
 * record loads, save and discard, and the leave guard (leaving with unsaved work asks to save or
 * discard). Rules in ./editor-draft.ts.
 *
 * @param record   the loaded record (undefined while loading, or for a new record)
 * @param recordKey the record's id (undefined: a new record, the draft starts from `empty`)
 * @param persist  writes the draft (create or update); throws on failure. `call` resolves once the
 *                 cached reads are fresh, so the saved record comes back by itself.
 * @param guardWhen when leaving should ask (default: whenever dirty)
 */
export function useEditorDraft<T>({
  record,
  recordKey,
  empty,
  persist,
  guardWhen,
}: {
  record: T | undefined;
  recordKey: string | undefined;
  empty: T;
  persist: (draft: T) => Promise<void>;
  guardWhen?: (dirty: boolean, draft: T) => boolean;
}): EditorDraft<T> {
  const [state, setState] = useState<DraftState<T>>(() => initialDraft(empty, recordKey));
  const stateRef = useRef(state);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [justSaved, setJustSaved] = useState(false);
  // True while a save is in flight: a record arriving then is the server's copy of what is being saved.
  const acceptRef = useRef(false);
  const emptyRef = useRef(empty);
  const persistRef = useRef(persist);
  useEffect(() => {
    persistRef.current = persist;
  });

  const apply = useCallback((fn: (s: DraftState<T>) => DraftState<T>) => {
    const next = fn(stateRef.current);
    if (next === stateRef.current) return;
    stateRef.current = next;
    setState(next);
  }, []);

  useEffect(() => {
    if (recordKey === undefined) {
      apply((s) => onNewRecord(s, emptyRef.current));
      return;
    }
    if (record === undefined) return;
    apply((s) => onRecord(s, record, recordKey, acceptRef.current));
  }, [record, recordKey, apply]);

  const setDraft = useCallback(
    (next: T | ((d: T) => T)) => {
      setJustSaved(false);
      apply((s) => ({ ...s, draft: typeof next === 'function' ? (next as (d: T) => T)(s.draft) : next }));
    },
    [apply],
  );
  const update = useCallback((patch: Partial<T>) => setDraft((d) => ({ ...d, ...patch })), [setDraft]);
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => setDraft((d) => ({ ...d, [key]: value })), [setDraft]);
  const setItem = useCallback(
    <K extends ListKey<T>>(key: K, index: number, patch: Partial<ListItem<T, K>>) =>
      setDraft((d) => ({ ...d, [key]: ((d[key] ?? []) as unknown[]).map((x, j) => (j === index ? { ...(x as object), ...patch } : x)) })),
    [setDraft],
  );
  const removeItem = useCallback((key: ListKey<T>, index: number) => setDraft((d) => ({ ...d, [key]: ((d[key] ?? []) as unknown[]).filter((_, j) => j !== index) })), [setDraft]);

  const saveOrThrow = useCallback(async () => {
    const snapshot = stateRef.current.draft;
    setSaving(true);
    setError(undefined);
    acceptRef.current = true;
    try {
      await persistRef.current(snapshot);
      apply((s) => afterSave(s, snapshot));
      setJustSaved(true);
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      acceptRef.current = false;
      setSaving(false);
    }
  }, [apply]);
  const save = useCallback(() => saveOrThrow().then(() => true, () => false), [saveOrThrow]);
  const discard = useCallback(() => {
    setJustSaved(false);
    apply(discardDraft);
  }, [apply]);

  const dirty = isDirty(state);
  useLeaveGuard(guardWhen ? guardWhen(dirty, state.draft) : dirty, save);

  return { draft: state.draft, baseline: state.baseline, dirty, saving, error, setError, justSaved, setDraft, update, set, setItem, removeItem, save, saveOrThrow, discard };
}

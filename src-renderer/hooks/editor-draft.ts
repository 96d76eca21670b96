/**
 * Pure rules of an editor's draft (useEditorDraft holds the React state): which copy of the record
 * the form shows, what "unsaved" means, and what a save or a refetched record does to the draft.
 * No React: unit-tested on its own.
 *
 * - `baseline` is the record as last loaded (or saved); the draft is dirty when it differs from it.
 * - A record that arrives while the draft is clean replaces it (the cache refreshed it).
 * - A record that arrives while the draft holds unsaved edits never overwrites them; it only becomes
 *   the baseline (discard goes back to it). Forms never lose work.
 * - A record of another id, or one arriving while a save is in flight (the server's copy of what was
 *   just saved), always replaces the draft.
 */

export interface DraftState<T> {
  draft: T;
  baseline: T;
  /** The id whose record the draft was seeded from (undefined: a new record; null: nothing yet). */
  seededKey: string | undefined | null;
}

/** Drafts are plain JSON (API inputs): two are the same when their JSON is. */
export function sameDraft(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function isDirty<T>(s: DraftState<T>): boolean {
  return !sameDraft(s.draft, s.baseline);
}

export function initialDraft<T>(empty: T, key: string | undefined): DraftState<T> {
  return { draft: empty, baseline: empty, seededKey: key === undefined ? undefined : null };
}

/**
 * A record arrived (first load, refetch after any change, or another record's id).
 * `accept` is true while a save is in flight (the record is the server's copy of what is being saved).
 */
export function onRecord<T>(s: DraftState<T>, record: T, key: string | undefined, accept: boolean): DraftState<T> {
  const replace = s.seededKey !== key || accept || !isDirty(s);
  return { draft: replace ? record : s.draft, baseline: record, seededKey: key };
}

/** The editor now edits a new record (no id): an empty draft. */
export function onNewRecord<T>(s: DraftState<T>, empty: T): DraftState<T> {
  return s.seededKey === undefined ? s : { draft: empty, baseline: empty, seededKey: undefined };
}

/**
 * A save of `saved` succeeded. When the refetched record has not replaced the draft yet and the
 * person has not typed since, what was saved is the baseline: the form is clean at once, and the
 * server's copy replaces it when it arrives (a clean draft takes any new record).
 */
export function afterSave<T>(s: DraftState<T>, saved: T): DraftState<T> {
  return sameDraft(s.draft, saved) ? { ...s, baseline: saved } : s;
}

/** Discard: back to the last loaded (or saved) record. */
export function discard<T>(s: DraftState<T>): DraftState<T> {
  return { ...s, draft: s.baseline };
}

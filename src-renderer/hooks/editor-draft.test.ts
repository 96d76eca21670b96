import { describe, expect, it } from 'vitest';
import { afterSave, discard, initialDraft, isDirty, onNewRecord, onRecord, sameDraft, type DraftState } from './editor-draft';

type R = { name: string; n?: number };
const EMPTY: R = { name: '' };
const A1: R = { name: 'Acme' };
const A2: R = { name: 'Acme SAS' };
const B: R = { name: 'Beta' };

const state = (draft: R, baseline: R, seededKey: string | undefined | null = 'a'): DraftState<R> => ({ draft, baseline, seededKey });

describe('editor draft', () => {
  it('starts clean, empty for a new record and waiting for an existing one', () => {
    expect(initialDraft(EMPTY, undefined)).toEqual({ draft: EMPTY, baseline: EMPTY, seededKey: undefined });
    expect(initialDraft(EMPTY, 'a')).toEqual({ draft: EMPTY, baseline: EMPTY, seededKey: null });
    expect(isDirty(initialDraft(EMPTY, 'a'))).toBe(false);
  });

  it('is dirty when the draft differs from the record, and clean again when the edit is undone', () => {
    expect(isDirty(state({ name: 'x' }, A1))).toBe(true);
    expect(isDirty(state({ name: 'Acme' }, A1))).toBe(false);
    expect(sameDraft({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
  });

  it.each([
    ['first load seeds the draft', initialDraft(EMPTY, 'a'), A1, 'a', false, A1, A1],
    ['a refetch replaces a clean draft', state(A1, A1), A2, 'a', false, A2, A2],
    ['a refetch never overwrites unsaved edits; it becomes the baseline', state({ name: 'typed' }, A1), A2, 'a', false, { name: 'typed' }, A2],
    ['the record of another id always replaces the draft', state({ name: 'typed' }, A1), B, 'b', false, B, B],
    ['a record arriving during a save replaces an edited draft', state({ name: 'typed' }, A1), A2, 'a', true, A2, A2],
  ] as const)('%s', (_, s, record, key, accept, draft, baseline) => {
    const next = onRecord(s as DraftState<R>, record, key, accept);
    expect(next.draft).toEqual(draft);
    expect(next.baseline).toEqual(baseline);
    expect(next.seededKey).toBe(key);
  });

  it('after a save the form is clean at once, and the server copy that follows replaces the draft', () => {
    const saved = afterSave(state(A2, A1), A2);
    expect(isDirty(saved)).toBe(false);
    const normalised: R = { name: 'Acme SAS', n: 1 };
    expect(onRecord(saved, normalised, 'a', false).draft).toEqual(normalised);
  });

  it('after a save, edits typed meanwhile stay unsaved', () => {
    const s = afterSave(state({ name: 'typed after' }, A1), A2);
    expect(s.baseline).toEqual(A1);
    expect(isDirty(s)).toBe(true);
  });

  it('a save whose server copy already replaced the draft keeps that copy', () => {
    const normalised: R = { name: 'Acme SAS', n: 1 };
    const s = afterSave(state(normalised, normalised), A2);
    expect(s).toEqual(state(normalised, normalised));
  });

  it('discard goes back to the last loaded record; a new record starts empty', () => {
    expect(discard(state({ name: 'typed' }, A2)).draft).toEqual(A2);
    expect(onNewRecord(state(A1, A1, 'a'), EMPTY)).toEqual({ draft: EMPTY, baseline: EMPTY, seededKey: undefined });
    const fresh: DraftState<R> = { draft: { name: 'new one' }, baseline: EMPTY, seededKey: undefined };
    expect(onNewRecord(fresh, EMPTY)).toBe(fresh);
  });
});

/**
 * Turns an error from the bridge into sentences in the person's language: the code picks the
 * sentence (i18n `errors.<code>`, `issues.<code>`), its params fill it. The English `message` is
 * never shown in French; in English it is shown only for a code this build does not know.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiCallError } from '../api';
import { uiLanguageOf } from '../hooks/ui-language';
import { isErrorCode, isIssueCode, issueFromZod, type FieldIssue, type Params } from '../../src-main/api/contracts/errors';

/** An error whose message the renderer already wrote in the person's language (found before any call). */
export class LocalizedError extends Error {
  constructor(
    message: string,
    readonly code: string = 'invalid_input',
  ) {
    super(message);
  }
}

type T = TFunction;

export function issuesOf(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiCallError)) return [];
  const issues = (error.error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map((i: { path?: unknown; code?: unknown; params?: unknown; message?: unknown }) => ({
    path: Array.isArray(i.path) ? i.path.map(String) : [],
    code: isIssueCode(i.code) ? i.code : 'invalid_value',
    params: (i.params ?? undefined) as Params | undefined,
    message: typeof i.message === 'string' ? i.message : '',
  }));
}

/** The sentence for one field issue. */
export function issueText(t: T, issue: Pick<FieldIssue, 'code' | 'params'>): string {
  return t(`issues.${issue.code}`, { ...(issue.params ?? {}) });
}

/** The sentence for an error (summary line; field issues are shown next to their fields). */
export function errorText(t: T, i18n: { language: string; exists(key: string): boolean }, error: unknown): string {
  if (!error) return '';
  if (error instanceof LocalizedError) return error.message;
  if (!(error instanceof ApiCallError)) return t('errors.internal');
  const { code, params } = error.error;
  if (isErrorCode(code) || i18n.exists(`errors.${code}`)) return t(`errors.${code}`, { ...(params ?? {}) });
  return uiLanguageOf(i18n.language) === 'en' ? error.error.message : t('errors.unknown');
}

/**
 * Field issues as sentences keyed by field: both the full path ("values.siren") and its last part
 * ("siren"), so a form looks its fields up by name.
 */
export function fieldErrors(t: T, issues: FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const text = issueText(t, i);
    const full = i.path.join('.');
    const last = i.path[i.path.length - 1] ?? '';
    out[full] ??= text;
    out[last] ??= text;
  }
  return out;
}

/** Validates with the contract's own schema before sending: the same issues, the same sentences. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): FieldIssue[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map(issueFromZod);
}

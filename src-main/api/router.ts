import { type z } from 'zod';
import { DomainError } from '../domain/errors';
import { findUnsafeText } from '../domain/text';
import { issueFromZod, normaliseIssues, primitiveParams } from './contracts/errors';
import { mapKnownError } from './map-error';
import { contract, type ApiError, type Method, type MethodOutput, type ParsedInput, type Result } from './contract';

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };

/** The handlers of one contract fragment (api/contracts/<area>.ts). */
export type FragmentHandlers<C extends Record<string, { input: z.ZodType; output: z.ZodType }>> = {
  [M in keyof C]: (input: z.output<C[M]['input']>) => Promise<z.output<C[M]['output']>>;
};

export interface RouterOptions {
  /** Where unexpected errors are reported (never sent to the renderer in full). */
  log?: (message: string, error: unknown) => void;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');
}

/**
 * A DomainError as it crosses the bridge: its code, the English message, its plain-valued details as
 * `params` (what the renderer's sentence needs) and its per-field issues with their codes.
 */
export function fromDomainError(e: DomainError): ApiError {
  const details = e.details as { issues?: unknown } | undefined;
  const issues = normaliseIssues(details?.issues);
  const params = primitiveParams(details);
  return {
    code: e.code,
    message: e.message,
    ...(params ? { params } : {}),
    ...(e.details === undefined ? {} : { details: issues ? { ...(e.details as object), issues } : e.details }),
  };
}

/**
 * Validates, calls one handler, maps errors. Never throws: every outcome is a result envelope,
 * so nothing but plain data crosses the bridge.
 */
export function createRouter(handlers: Handlers, options: RouterOptions = {}) {
  const log = options.log ?? ((m, e) => console.error(m, e));
  return async function dispatch(method: string, rawInput: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method ${JSON.stringify(method)}.` } };
    }
    const m = method as Method;
    // No text crossing the bridge may hold terminal controls or bidi overrides (whatever the schema).
    const unsafe = findUnsafeText(rawInput);
    if (unsafe.length > 0) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Remove the control characters from ${unsafe.map((u) => `${u.path.join('.') || 'the input'} (${u.char})`).join(', ')}: Vigie does not store them.`,
          details: { issues: unsafe.map((u) => ({ path: u.path, message: `Contains ${u.char}.`, code: 'control_characters' as const, params: { char: u.char } })) },
        },
      };
    }
    const parsed = contract[m].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Invalid input for ${m}: ${describeIssues(parsed.error.issues)}`,
          details: { issues: parsed.error.issues.map(issueFromZod) },
        },
      };
    }
    try {
      const handler = handlers[m] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      const out = contract[m].output.safeParse(value);
      if (!out.success) {
        log(`Handler ${m} returned a value outside its contract: ${describeIssues(out.error.issues)}`, value);
        return { ok: false, error: { code: 'internal', message: 'Vigie hit an internal error; nothing was lost. Details are in the log.' } };
      }
      return { ok: true, value: out.data };
    } catch (e) {
      if (e instanceof DomainError) return { ok: false, error: fromDomainError(e) };
      // SQLite and file-system failures a person can act on (busy, read-only, damaged, disk full).
      const known = mapKnownError(e);
      if (known) {
        log(`Handler ${m} failed (${known.code})`, e);
        return { ok: false, error: { code: known.code, message: known.message } };
      }
      log(`Handler ${m} failed`, e);
      return { ok: false, error: { code: 'internal', message: 'Vigie hit an internal error; nothing was lost. Details are in the log.' } };
    }
  };
}

export type Dispatch = ReturnType<typeof createRouter>;

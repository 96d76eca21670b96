/**
 * The error vocabulary between the main process and the renderer (and the CLI's `--json`). Pure:
 * zod and types only, so the renderer imports it.
 *
 * An error crosses the bridge as `{ code, message, params?, details?: { issues?: FieldIssue[] } }`:
 * `code` is one of ERROR_CODES, `params` its named values (a file name, a limit), and each
 * per-field issue a code of ISSUE_CODES with its own params. The renderer writes the sentence in
 * the person's language from the codes (src-renderer/i18n/areas/errors.*.json); `message` is the
 * English sentence for the CLI, logs and tests. A unit test fails when a code lacks FR or EN text,
 * and another when the source throws a code that is not listed here. An area may keep the sentences
 * of its own codes in its translation file (areas/breaches.*.json: `errors.decision_incomplete`…).
 */
import type { z } from 'zod';

export const ERROR_CODES = [
  // the bridge and the router
  'unknown_method',
  'invalid_input',
  'internal',
  'transport',
  'unauthorized',
  'forbidden',
  'unknown_command',
  'cancelled',
  // workspace: open, create, lock
  'no_workspace',
  'wrong_passphrase',
  'weak_passphrase',
  'passphrase_required',
  'passphrase_invalid',
  'passphrase_mismatch',
  'keychain_unavailable',
  'invalid_path',
  'workspace_not_found',
  'workspace_exists',
  'workspace_unreadable',
  'workspace_corrupt',
  'workspace_too_new',
  'workspace_busy',
  'workspace_read_only',
  'workspace_io_error',
  'not_a_workspace',
  'not_encrypted',
  'migration_failed',
  'migration_mismatch',
  'backup_failed',
  'disk_full',
  'file_not_accessible',
  'file_not_found',
  'file_is_folder',
  // records
  'not_found',
  'deleted',
  'not_deleted',
  'not_allowed',
  'conflict',
  'duplicate_reference',
  'invalid_request',
  'invalid_breach',
  'invalid_activity',
  'invalid_dpia_screening',
  'invalid_jurisdiction',
  'invalid_date',
  'decision_incomplete',
  'delay_reasons_required',
  'decision_reason_required',
  'exemption_required',
  'people_reason_required',
  // files in and out
  'invalid_file',
  'too_large',
  'file_too_large',
  'attachment_too_large',
  'output_is_workspace',
  'output_in_backups',
  'output_extension_mismatch',
  'output_exists',
  'output_folder_missing',
  'output_is_folder',
  'output_not_writable',
  'output_disk_full',
  'output_invalid_name',
  // backups and restore
  'backup_damaged',
  'backup_not_found',
  'backup_not_upgraded',
  'backup_of_backup',
  'backup_unreadable',
  'is_backup',
  // opening and creating
  'create_failed',
  'folder_read_only',
  'workspace_empty',
  'workspace_is_folder',
  'workspace_locked',
  'workspace_open_failed',
  'migration_unconfirmed',
  // documents and exports
  'export_failed',
  'export_cancelled',
  'job_running',
  'save_unavailable',
  'letter_incomplete',
  'letter_not_applicable',
  // breaches
  'nonexistent_local_time',
  'invalid_evidence_file',
  // storage limitation
  'not_due',
  'on_hold',
  'purged',
  // sync through a shared folder (issue 10) and erasure
  'sync_rejected',
  'sync_folder_unset',
  'sync_folder_invalid',
  'sync_not_member',
  'sync_join_unknown',
  'sync_already_member',
  'sync_member_unknown',
  'sync_remove_self',
  'sync_conflict_unknown',
  'sync_workspace_unknown',
  'sync_already_shared',
  'purge_unknown_table',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ISSUE_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_many',
  'not_integer',
  'invalid_type',
  'invalid_choice',
  'invalid_format',
  'invalid_email',
  'invalid_siren',
  'invalid_date',
  'date_in_future',
  'invalid_jurisdiction',
  'invalid_time_zone',
  'invalid_country',
  'invalid_workspace_file',
  'unknown_field',
  'control_characters',
  'invalid_value',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type Params = Record<string, string | number>;

/** One problem with one field: `path` names the field (["values", "siren"]). */
export interface FieldIssue {
  path: string[];
  code: IssueCode;
  params?: Params;
  /** English, for logs and the CLI. */
  message: string;
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export function isIssueCode(code: unknown): code is IssueCode {
  return typeof code === 'string' && (ISSUE_CODES as readonly string[]).includes(code);
}

/** Plain values only (a string or a finite number): nothing else is shown to a person. */
export function primitiveParams(value: unknown): Params | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Params = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
    else if (Array.isArray(v) && v.length > 0 && v.length <= 60 && v.every((x) => typeof x === 'string' || typeof x === 'number')) out[k] = v.join(', ');
  }
  return Object.keys(out).length ? out : undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);

/** A zod issue as a FieldIssue: the code a translation exists for, with the numbers it needs. */
export function issueFromZod(i: z.core.$ZodIssue): FieldIssue {
  const path = i.path.map(String);
  const base = { path, message: i.message };
  const with_ = (code: IssueCode, params?: Params): FieldIssue => ({ ...base, code, ...(params ? { params } : {}) });
  switch (i.code) {
    case 'too_small': {
      const min = num(i.minimum) ?? 0;
      if (i.origin === 'string') return min <= 1 ? with_('required') : with_('too_short', { min });
      if (i.origin === 'array' || i.origin === 'set') return min <= 1 ? with_('required') : with_('too_small', { min });
      return with_('too_small', { min });
    }
    case 'too_big': {
      const max = num(i.maximum) ?? 0;
      if (i.origin === 'string') return with_('too_long', { max });
      if (i.origin === 'array' || i.origin === 'set') return with_('too_many', { max });
      return with_('too_big', { max });
    }
    case 'invalid_format':
      return i.format === 'email' ? with_('invalid_email') : with_('invalid_format');
    case 'invalid_value':
      return with_('invalid_choice', { options: i.values.map(String).join(', ') });
    case 'invalid_type':
      if (i.expected === 'int') return with_('not_integer');
      return /received undefined|is required/i.test(i.message) ? with_('required') : with_('invalid_type');
    case 'unrecognized_keys':
      return with_('unknown_field', { keys: i.keys.join(', ') });
    case 'custom': {
      const p = (i.params ?? {}) as Record<string, unknown>;
      const { code, ...rest } = p;
      return isIssueCode(code) ? with_(code, primitiveParams(rest)) : with_('invalid_value');
    }
    default:
      return with_('invalid_value');
  }
}

const ZOD_SHAPES: Record<string, string[]> = {
  too_small: ['minimum'],
  too_big: ['maximum'],
  invalid_format: ['format'],
  invalid_value: ['values'],
  invalid_type: ['expected'],
  unrecognized_keys: ['keys'],
};
function looksLikeZodIssue(o: { code?: unknown }): boolean {
  if (typeof o.code !== 'string') return false;
  if (o.code === 'custom') return 'params' in o && typeof (o as { params?: { code?: unknown } }).params?.code === 'string';
  return (ZOD_SHAPES[o.code] ?? []).some((k) => k in o);
}

/**
 * Issues a service put in a DomainError's details (zod-shaped, or already FieldIssues), normalised:
 * a known code kept, anything else `invalid_value`; paths as strings.
 */
export function normaliseIssues(raw: unknown): FieldIssue[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.slice(0, 100).map((x) => {
    const o = (x ?? {}) as { path?: unknown; code?: unknown; params?: unknown; message?: unknown };
    const path = Array.isArray(o.path) ? o.path.map(String) : typeof o.path === 'string' && o.path !== '' ? o.path.split('.') : [];
    // A zod issue passed on by a domain parser (it keeps zod's fields): map it like the router does.
    if (looksLikeZodIssue(o)) return issueFromZod({ ...(o as z.core.$ZodIssue), path });
    const params = primitiveParams(o.params);
    return { path, code: isIssueCode(o.code) ? o.code : 'invalid_value', ...(params ? { params } : {}), message: typeof o.message === 'string' ? o.message : '' };
  });
}

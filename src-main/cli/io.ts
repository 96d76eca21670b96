export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Asks for a secret on a terminal; undefined when there is none (CI, pipes). */
  promptSecret?: (question: string) => Promise<string>;
  /** Asks a visible question on a terminal (a confirmation); undefined when there is none. */
  promptLine?: (question: string) => Promise<string>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly code = 'cli_error',
  ) {
    super(message);
  }
}

/** `--force`: replace an existing output file (never a workspace, its side files or its backups). */
export const forceOpt = { force: { type: 'boolean' } } as const;

/**
 * Exit codes of `npm run cli` (documented in README, "Exit codes"). Scripts rely on them: add new
 * ones, never renumber.
 */
export const EXIT = {
  ok: 0,
  /** The command ran and refused the data, or found a problem (invalid value, broken audit trail, invalid import rows), or the passphrase is wrong. */
  refused: 1,
  /** The command line itself is wrong (unknown command or option, missing argument, no passphrase). */
  usage: 2,
  /** The workspace cannot be opened (not found, damaged, not a workspace, read-only, made by a newer version). */
  cannotOpen: 3,
  /** The output file was refused (the workspace or its backups, wrong extension, exists without --force, folder missing or not writable). */
  outputRefused: 4,
  /** The workspace is busy: open in another window or program. */
  busy: 5,
  /** Vigie hit an unexpected error (a bug): nothing was changed. */
  internal: 70,
} as const;

// wrong_passphrase stays 1 (scripts and tests relied on it before these codes were documented).
const CANNOT_OPEN = new Set(['not_a_workspace', 'not_encrypted', 'migration_failed', 'migration_mismatch', 'invalid_path', 'backup_failed']);

/** The exit code of an error code (DomainError or CliError). */
export function exitCodeFor(code: string): number {
  if (code === 'workspace_busy') return EXIT.busy;
  if (code.startsWith('output_') || code === 'workspace_exists') return EXIT.outputRefused;
  if (code.startsWith('workspace_') || CANNOT_OPEN.has(code)) return EXIT.cannotOpen;
  if (code === 'internal') return EXIT.internal;
  if (code === 'invalid_usage' || code === 'unknown_command' || code === 'passphrase_required' || code === 'passphrase_mismatch') return EXIT.usage;
  return EXIT.refused;
}

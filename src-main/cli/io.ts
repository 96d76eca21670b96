export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Asks for a secret on a terminal; undefined when there is none (CI, pipes). */
  promptSecret?: (question: string) => Promise<string>;
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

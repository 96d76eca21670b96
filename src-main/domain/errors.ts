/**
 * An expected failure with a stable, snake_case code that crosses the API boundary as
 * `{ ok: false, error: { code, message, details } }`. The message is written for a person:
 * it says what was wrong and, where possible, what to do.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

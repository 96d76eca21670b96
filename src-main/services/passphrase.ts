/**
 * Where a passphrase enters Vigie (workspace create/open, CLI, UI), it is Unicode-normalised (NFC)
 * first: "é" typed as one code point on one computer and as "e" + combining accent on another is
 * the same passphrase to a person, so it must derive the same key. A NUL cannot be passed to the
 * cipher (the key pragma is a C string) and is refused with a message that never echoes the value.
 */
import { DomainError } from '../domain/errors';

export function normalisePassphrase(passphrase: string): string {
  if (typeof passphrase !== 'string') throw new DomainError('passphrase_invalid', 'The passphrase must be text.');
  if (passphrase.includes('\u0000')) {
    throw new DomainError('passphrase_invalid', 'The passphrase contains a NUL character, which Vigie cannot use. Type it again without it.');
  }
  return passphrase.normalize('NFC');
}

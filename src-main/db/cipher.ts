import type Database from 'better-sqlite3-multiple-ciphers';
import { registerLogFunctions } from './log-store';
import { registerRowFunctions } from './row-store';

/**
 * Cipher setup (2026-11-23, format v1): SQLite3MultipleCiphers with the SQLCipher v4 scheme
 * (AES-256-CBC + HMAC-SHA512 per page, PBKDF2-HMAC-SHA512 key derivation). Any change to these
 * pragmas makes existing workspaces unreadable: bump the format and migrate, never edit silently.
 */
export function applyKey(raw: Database.Database, passphrase: string): void {
  raw.pragma(`cipher='sqlcipher'`);
  raw.pragma(`legacy=4`);
  raw.pragma(`key='${passphrase.replaceAll("'", "''")}'`);
  // Every keyed connection reads the change log through its view, which decodes with these (db/log-store.ts).
  registerLogFunctions(raw);
  // …and the stored rights requests through theirs (db/row-store.ts).
  registerRowFunctions(raw);
}

import { sha256Hex } from '../db/canonical';

/**
 * What each index row records of the key it was computed under: a 16-digit digest of it. The full key
 * (its rules, holidays, jurisdiction and targets, ~250 characters) is kept once, in `meta`, which is what
 * decides a rebuild; written in every row it took 24 MB of a 100,000-case workspace (issue 11).
 */
export function rowKeyOf(key: string): string {
  if (lastRowKey.key !== key) lastRowKey = { key, digest: sha256Hex(key).slice(0, 16) };
  return lastRowKey.digest;
}
let lastRowKey = { key: '', digest: '' };

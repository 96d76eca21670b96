/**
 * Monotonic ULIDs (https://github.com/ulid/spec): 48-bit time in ms + 80 random bits, 26 Crockford
 * base-32 characters, sortable by creation. Within one millisecond (or if the clock steps back) the
 * random part is incremented, like the `ulid` package's monotonic factory.
 *
 * Why not that package (performance issue 11): it draws one random byte per character through a
 * separate crypto call and rebuilds every string character by character — 20–40 µs per id, two to
 * three ids per written row, on the hottest path of the application. This one draws its randomness
 * from a pooled buffer (one system call per 1,638 ids) and encodes two 40-bit halves with integer
 * arithmetic. Same format, same guarantees; tests keep it equal to the spec (ulid.test.ts).
 */
import { randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TWO40 = 2 ** 40;
const MAX_TIME = 2 ** 48 - 1;

const pool = Buffer.alloc(5 * 2 * 1024);
let poolAt = pool.length;
function random40(): number {
  if (poolAt + 5 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const b = pool;
  const i = poolAt;
  poolAt += 5;
  return b[i]! * 2 ** 32 + b[i + 1]! * 2 ** 24 + b[i + 2]! * 2 ** 16 + b[i + 3]! * 2 ** 8 + b[i + 4]!;
}

/** `n` (< 32^len) as `len` Crockford characters, most significant first. */
export function encode(n: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    s = CROCKFORD[n % 32]! + s;
    n = Math.floor(n / 32);
  }
  return s;
}

const TWO20 = 2 ** 20;
/** `n` (< 2^40) as 8 Crockford characters: `encode(n, 8)`, as two 20-bit halves of 4 characters (integer operations). */
export function encode40(n: number): string {
  const a = Math.floor(n / TWO20);
  const b = n - a * TWO20;
  const C = CROCKFORD;
  return C[a >>> 15]! + C[(a >>> 10) & 31]! + C[(a >>> 5) & 31]! + C[a & 31]! + C[b >>> 15]! + C[(b >>> 10) & 31]! + C[(b >>> 5) & 31]! + C[b & 31]!;
}

/** A generator of strictly increasing ULIDs (one per process is enough; `now` for tests). */
export function monotonicUlid(now: () => number = Date.now): () => string {
  let lastMs = -Infinity;
  let timePart = '';
  let hi = 0;
  let lo = 0;
  return () => {
    const ms = now();
    if (ms > lastMs) {
      if (ms > MAX_TIME || ms < 0 || !Number.isInteger(ms)) throw new Error(`ULID time out of range: ${ms}`);
      lastMs = ms;
      timePart = encode(ms, 10);
      hi = random40();
      lo = random40();
    } else if (++lo === TWO40) {
      lo = 0;
      if (++hi === TWO40) throw new Error('ULID random part exhausted within one millisecond');
    }
    return timePart + encode40(hi) + encode40(lo);
  };
}

/** The time (ms since the epoch) a ULID carries. */
export function ulidTime(id: string): number {
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + CROCKFORD.indexOf(id[i]!);
  return t;
}

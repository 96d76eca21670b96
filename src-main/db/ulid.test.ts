import { decodeTime, monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { encode, encode40, monotonicUlid, ulidTime } from './ulid';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('monotonicUlid', () => {
  it('gives 26 Crockford characters whose time part is the clock, read the same by the ulid package', () => {
    for (const ms of [0, 1, 1_796_177_255_595, 2 ** 48 - 1]) {
      const id = monotonicUlid(() => ms)();
      expect(id).toMatch(ULID);
      expect(ulidTime(id)).toBe(ms);
      expect(decodeTime(id)).toBe(ms);
    }
  });

  it('is strictly increasing within one millisecond, across milliseconds and when the clock steps back', () => {
    const clock = [5, 5, 5, 6, 6, 4, 4, 7, 7, 7];
    let i = 0;
    const next = monotonicUlid(() => clock[i++]!);
    const ids = clock.map(() => next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The step back keeps the last time, as the spec's monotonic generator does.
    expect(ulidTime(ids[5]!)).toBe(6);
  });

  it('sorts like the ulid package’s monotonic ids made at the same times', () => {
    const ours = monotonicUlid(() => 1_000);
    const theirs = monotonicFactory();
    const a = ours();
    const b = theirs(2_000);
    const c = monotonicUlid(() => 3_000)();
    expect([c, a, b].sort()).toEqual([a, b, c]);
  });

  it('draws fresh randomness for each millisecond: 100,000 ids, no duplicate', () => {
    let ms = 0;
    const next = monotonicUlid(() => Math.floor(ms++ / 3));
    const ids = new Set(Array.from({ length: 100_000 }, () => next()));
    expect(ids.size).toBe(100_000);
  });

  it('encodes the 40-bit random halves as the general encoder does (edges and random values)', () => {
    const values = [0, 1, 31, 32, 2 ** 20 - 1, 2 ** 20, 2 ** 35, 2 ** 40 - 1, ...Array.from({ length: 10_000 }, () => Math.floor(Math.random() * 2 ** 40))];
    for (const n of values) expect(encode40(n)).toBe(encode(n, 8));
  });

  it('refuses a time outside 48 bits', () => {
    expect(() => monotonicUlid(() => 2 ** 48)()).toThrow(/out of range/);
    expect(() => monotonicUlid(() => -1)()).toThrow(/out of range/);
  });
});

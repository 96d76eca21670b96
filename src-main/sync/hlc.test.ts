import { describe, expect, it } from 'vitest';
import { HybridLogicalClock, formatHlc, parseHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('is monotonic when the physical clock stands still or goes back', () => {
    let t = 1_000;
    const clock = new HybridLogicalClock('dev-a', () => t);
    const a = clock.now();
    const b = clock.now();
    t = 500; // clock set back by NTP
    const c = clock.now();
    expect(a < b && b < c).toBe(true);
    expect(parseHlc(c).wall).toBe(1_000);
  });

  it('moves past a peer whose clock is ahead, without throwing, and records the skew', () => {
    const clock = new HybridLogicalClock('dev-a', () => 1_000);
    const remote = formatHlc({ wall: 9_000, counter: 3, device: 'dev-b' });
    const r = clock.receive(remote);
    expect(r > remote).toBe(true);
    expect(clock.maxSkewMs).toBe(8_000);
    expect(clock.now() > r).toBe(true);
  });

  it('round-trips the text format and sorts as strings', () => {
    const s = { wall: 1_763_900_000_000, counter: 10, device: '01JABC' };
    expect(parseHlc(formatHlc(s))).toEqual(s);
    expect(formatHlc({ ...s, counter: 9 }) < formatHlc(s)).toBe(true);
    expect(() => parseHlc('garbage')).toThrow(/hybrid-logical-clock/);
  });

  it('never overflows its counter', () => {
    const clock = new HybridLogicalClock('d', () => 5, { wall: 5, counter: 0xffff });
    const s = parseHlc(clock.now());
    expect(s).toEqual({ wall: 6, counter: 0, device: 'd' });
  });
});

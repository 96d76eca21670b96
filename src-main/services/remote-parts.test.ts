import { describe, expect, it } from 'vitest';
import { PART_MS, PartSize, partEnd } from './remote-parts';

/** Entries as `device:tx` strings. */
const log = (...spec: string[]) => spec.map((s) => ({ device_id: s.split(':')[0]!, tx_id: s.split(':')[1]! }));

describe('partEnd: parts cut between the sender’s transactions when one ends within reach', () => {
  const cases: Array<[string, ReturnType<typeof log>, number, number, number]> = [
    ['a part of `size` entries when a transaction ends there', log('a:1', 'a:1', 'a:2', 'a:2'), 0, 2, 2],
    ['moved on to the end of the transaction it falls in', log('a:1', 'a:1', 'a:1', 'a:2'), 0, 2, 3],
    ['the bundle’s end', log('a:1', 'a:2', 'a:3'), 1, 5, 3],
    ['a transaction larger than two parts is cut inside (the window answers during it too)', log('a:1', 'a:1', 'a:1', 'a:1', 'a:1', 'a:2'), 0, 2, 2],
    ['a transaction ending exactly `size` further is kept whole', log('a:1', 'a:1', 'a:1', 'a:1', 'a:2'), 0, 2, 4],
    ['one tx id on two devices is two transactions', log('a:1', 'b:1', 'b:1'), 0, 1, 1],
    ['an empty tx id joins nothing', log('a:', 'a:', 'a:'), 0, 1, 1],
    ['at least one entry', log('a:1', 'a:2'), 0, 0, 1],
  ];
  it.each(cases)('%s', (_what, entries, from, size, end) => {
    expect(partEnd(entries, from, size)).toBe(end);
  });

  it('walks any log in parts that cover every entry once, in order', () => {
    for (let seed = 1; seed < 200; seed++) {
      let x = seed;
      const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const entries = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => ({ device_id: rnd() < 0.5 ? 'a' : 'b', tx_id: String(Math.floor(rnd() * 4)) }));
      const size = 1 + Math.floor(rnd() * 10);
      let from = 0;
      let parts = 0;
      while (from < entries.length) {
        const to = partEnd(entries, from, size);
        expect(to).toBeGreaterThan(from);
        expect(to - from).toBeLessThanOrEqual(2 * size);
        from = to;
        parts++;
      }
      expect(from).toBe(entries.length);
      expect(parts).toBeGreaterThanOrEqual(Math.ceil(entries.length / (2 * size)));
    }
  });
});

describe('PartSize: parts of about PART_MS', () => {
  it('a fixed size stays fixed', () => {
    const s = new PartSize(3);
    s.took(3, 1000);
    expect(s.next).toBe(3);
  });
  it('grows when entries are cheap and shrinks when they are dear, within bounds', () => {
    const s = new PartSize();
    const first = s.next;
    for (let i = 0; i < 20; i++) s.took(s.next, s.next * 0.001);
    expect(s.next).toBeGreaterThan(first);
    expect(s.next).toBeLessThanOrEqual(4000);
    for (let i = 0; i < 20; i++) s.took(s.next, s.next * 5);
    expect(s.next).toBe(8);
    // 0.5 ms an entry: PART_MS / 0.5 entries.
    for (let i = 0; i < 30; i++) s.took(s.next, s.next * 0.5);
    expect(Math.abs(s.next - PART_MS / 0.5)).toBeLessThanOrEqual(1);
  });
  it('one slow part does not swing the next to the minimum', () => {
    const s = new PartSize();
    for (let i = 0; i < 30; i++) s.took(s.next, s.next * 0.05);
    const steady = s.next;
    s.took(steady, 2000);
    expect(s.next).toBeGreaterThanOrEqual(Math.floor(steady / 2));
  });
});

describe('partEnd: entries that must share a part', () => {
  it('a scrubbed entry takes its part on to its row’s purge, however far; other parts are cut as before', () => {
    const entries = log('a:1', 'a:2', 'a:3', 'a:4', 'a:5', 'a:6', 'a:7', 'a:8');
    const together = Int32Array.from([0, 5, 2, 3, 4, 5, 6, 7]);
    expect(partEnd(entries, 0, 1, together)).toBe(1);
    expect(partEnd(entries, 1, 1, together)).toBe(6);
    expect(partEnd(entries, 6, 1, together)).toBe(7);
    // Within a part already: nothing changes.
    expect(partEnd(entries, 0, 8, together)).toBe(8);
  });
});

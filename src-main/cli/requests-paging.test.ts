import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const PASS = 'paging cli passphrase';
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}

describe('dsar list paging (contract of the performance issue)', () => {
  it('--limit/--cursor answer { items, total, nextCursor } and walk every case once; without --limit, everything', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-page-cli-')), 'w.vigie');
    expect(await runCli(['init', '--workspace', path, '--demo', '--json'], io().io)).toBe(0);
    const all = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--json'], all.io)).toBe(0);
    const everything = JSON.parse(all.out[0]!) as { items: Array<{ id: string }>; total: number; nextCursor: null };
    expect(everything.nextCursor).toBeNull();
    expect(everything.total).toBe(everything.items.length);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const p = io();
      expect(await runCli(['dsar', 'list', '--workspace', path, '--limit', '6', ...(cursor ? ['--cursor', cursor] : []), '--json'], p.io)).toBe(0);
      const page = JSON.parse(p.out[0]!) as { items: Array<{ id: string }>; total: number; nextCursor: string | null };
      expect(page.total).toBe(everything.total);
      expect(page.items.length).toBeLessThanOrEqual(6);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(everything.items.map((i) => i.id));
    const bad = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--limit', '0', '--json'], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('--limit');
  }, 60_000);
});

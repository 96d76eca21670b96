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

  it('--status takes the saved views, --due-from/--due-to narrow to a range of due dates, --sort orders; bad values are refused', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-page-cli-')), 'w.vigie');
    expect(await runCli(['init', '--workspace', path, '--demo', '--json'], io().io)).toBe(0);
    const run = async (...args: string[]) => {
      const r = io();
      const code = await runCli(['dsar', 'list', '--workspace', path, ...args, '--json'], r.io);
      return { code, json: code === 0 ? (JSON.parse(r.out[0]!) as { items: Array<{ id: string; dueDate: string; received: string; awaitingIdentity: boolean; closed: boolean }>; total: number }) : null, err: r.err.join('') };
    };
    const all = (await run())!.json!;
    const waiting = (await run('--status', 'awaiting-identity')).json!;
    expect(waiting.items.map((i) => i.id)).toEqual(all.items.filter((i) => i.awaitingIdentity).map((i) => i.id));
    const open = all.items.filter((i) => !i.closed);
    const from = [...open.map((i) => i.dueDate)].sort()[0]!;
    const ranged = (await run('--status', 'open', '--due-from', from, '--due-to', from, '--limit', '50')).json!;
    expect(ranged.total).toBe(open.filter((i) => i.dueDate === from).length);
    expect(ranged.items.every((i) => i.dueDate === from)).toBe(true);
    const received = (await run('--sort', 'received')).json!;
    expect(received.items.map((i) => i.received)).toEqual([...received.items.map((i) => i.received)].sort().reverse());
    const reversed = await run('--due-from', '2026-12-31', '--due-to', '2026-12-01');
    expect(reversed.code).not.toBe(0);
    expect(reversed.err).toContain('is after dueTo');
    const badDate = await run('--due-to', '2026-02-30');
    expect(badDate.code).not.toBe(0);
    expect(badDate.err).toMatch(/dueTo: .*2026-02-30.* is not a date/);
    const badSort = await run('--sort', 'name');
    expect(badSort.code).toBe(2);
    expect(badSort.err).toContain('--sort must be one of deadline, received');
  }, 60_000);
});

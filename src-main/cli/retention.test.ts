import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const PASS = 'retention cli passphrase';
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}

describe('retention CLI (contract of issue 16)', () => {
  it('retention due / hold / purge, register purges with ICS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-ret-cli-'));
    const path = join(dir, 'w.vigie');
    expect(await runCli(['init', '--workspace', path, '--demo', '--json'], io().io)).toBe(0);

    const a = io();
    expect(await runCli(['retention', 'due', '--workspace', path, '--json'], a.io)).toBe(0);
    const due = JSON.parse(a.out[0]!) as { items: Array<Record<string, unknown>> };
    expect(due.items.length).toBeGreaterThanOrEqual(3);
    for (const i of due.items) expect(Object.keys(i).sort()).toEqual(['dueOn', 'id', 'keeps', 'reference', 'rule', 'table']);

    const [first, second] = due.items as Array<{ id: string }>;
    const h = io();
    expect(await runCli(['retention', 'hold', '--workspace', path, '--id', first!.id, '--reason', 'Contentieux en cours', '--json'], h.io)).toBe(0);
    const b = io();
    await runCli(['retention', 'due', '--workspace', path, '--json'], b.io);
    expect((JSON.parse(b.out[0]!) as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(first!.id);

    const bad = io();
    expect(await runCli(['retention', 'purge', '--workspace', path, '--id', second!.id, '--json'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('--reason');

    const p = io();
    expect(await runCli(['retention', 'purge', '--workspace', path, '--id', second!.id, '--reason', 'Durée échue', '--json'], p.io)).toBe(0);
    expect(JSON.parse(p.out[0]!).purged[0].id).toBe(second!.id);

    const s = io();
    const ics = join(dir, 'purges.ics');
    expect(await runCli(['register', 'purges', '--workspace', path, '--due', '--out', ics, '--json'], s.io)).toBe(0);
    const sched = JSON.parse(s.out[0]!) as { items: Array<{ overdue: boolean }> };
    expect(sched.items.length).toBeGreaterThan(0);
    const text = readFileSync(ics, 'utf8');
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
    expect(text).not.toMatch(/DURATION:P\d+DT\r?\n|TRIGGER:-P\d+DT\r?\n/);

    const v = io();
    expect(await runCli(['audit', 'verify', '--workspace', path, '--json'], v.io)).toBe(0);
    expect(JSON.parse(v.out[0]!).ok).toBe(true);
  }, 90_000);
});

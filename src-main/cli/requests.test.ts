import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const PASS = 'cli dsar passphrase';
/** Yesterday (UTC): a receipt day that is never in the future in Paris either. */
const recent = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}
async function workspace(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-cli-dsar-')), 'w.vigie');
  expect(await runCli(['init', '--workspace', path], io().io)).toBe(0);
  return path;
}

describe('dsar CLI', () => {
  it('dsar add answers the created case with its deadlines (repeatable --right)', async () => {
    const path = await workspace();
    const a = io();
    const code = await runCli(['dsar', 'add', '--workspace', path, '--requester', 'Marie Martin', '--right', 'access', '--right', 'erasure', '--received', '2026-03-05', '--channel', 'letter', '--json'], a.io);
    expect(a.err).toEqual([]);
    expect(code).toBe(0);
    const c = JSON.parse(a.out[0]!);
    expect(c).toMatchObject({ reference: 'DSAR-2026-0001', requester: 'Marie Martin', rights: ['access', 'erasure'], channel: 'letter', received: '2026-03-05', oneMonth: '2026-04-07', threeMonths: '2026-06-05', threeMonthsPrudent: '2026-06-05', extensionNoticeBy: '2026-04-07' });
    expect(typeof c.id).toBe('string');
    expect(['on-track', 'due-soon', 'overdue']).toContain(c.status);
    expect(c.explanation.oneMonth.steps.en.join('\n')).toContain('Easter Monday');
  });

  it('dsar list gives every case and filters by status; bad values are refused on stderr', async () => {
    const path = await workspace();
    await runCli(['dsar', 'add', '--workspace', path, '--requester', 'A', '--right', 'access', '--received', '2024-01-31'], io().io);
    await runCli(['dsar', 'add', '--workspace', path, '--requester', 'B', '--right', 'portability', '--received', recent], io().io);
    const a = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--json'], a.io)).toBe(0);
    const all = JSON.parse(a.out[0]!);
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toMatchObject({ requester: 'A', rights: ['access'], received: '2024-01-31', oneMonth: '2024-02-29', threeMonths: '2024-04-30', threeMonthsPrudent: '2024-04-29', status: 'overdue' });
    const b = io();
    await runCli(['dsar', 'list', '--workspace', path, '--status', 'overdue', '--json'], b.io);
    expect(JSON.parse(b.out[0]!).items.map((i: { requester: string }) => i.requester)).toEqual(['A']);
    const c = io();
    await runCli(['dsar', 'list', '--workspace', path, '--status', 'closed', '--json'], c.io);
    expect(JSON.parse(c.out[0]!).items).toEqual([]);
    const d = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--status', 'late', '--json'], d.io)).toBe(2);
    expect(JSON.parse(d.err[0]!).error.message).toContain('--status must be one of open, overdue, due-soon, closed');
    const e = io();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'C', '--right', 'forget', '--received', '2026-01-01', '--json'], e.io)).toBe(2);
    expect(JSON.parse(e.err[0]!).error.message).toContain('--right must be one of access');
    const f = io();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'C', '--right', 'access', '--received', '2026-02-30', '--json'], f.io)).toBe(1);
    expect(JSON.parse(f.err[0]!).error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('receivedOn') });
  });

  it('dsar ics writes the open deadlines with the ics library', async () => {
    const path = await workspace();
    await runCli(['dsar', 'add', '--workspace', path, '--requester', 'A', '--right', 'access', '--received', recent], io().io);
    const out = join(mkdtempSync(join(tmpdir(), 'vigie-ics-')), 'd.ics');
    const a = io();
    expect(await runCli(['dsar', 'ics', '--workspace', path, '--out', out, '--json'], a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toEqual({ out, events: 1 });
    const ics = readFileSync(out, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`DSAR-${recent.slice(0, 4)}-0001`);
  });
});

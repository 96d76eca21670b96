import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';
import { runCli } from './run';
import type { CliIo } from './io';

const PASS = 'cli purge passphrase';
function io(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS }, ...extra } as CliIo };
}

let ws: string;
let caseId: string;
beforeEach(async () => {
  ws = join(mkdtempSync(join(tmpdir(), 'vigie-cli-purge-')), 'w.vigie');
  expect(await runCli(['init', '--workspace', ws], io().io)).toBe(0);
  expect(await runCli(['dsar', 'add', '--workspace', ws, '--requester', 'Bérénice Vautrin', '--right', 'erasure', '--received', '2026-11-20'], io().io)).toBe(0);
  const l = io();
  expect(await runCli(['dsar', 'list', '--workspace', ws, '--json'], l.io)).toBe(0);
  caseId = (JSON.parse(l.out[0]!) as { items: Array<{ id: string }> }).items[0]!.id;
}, 60_000);

async function dump(): Promise<string> {
  const w = await Workspace.open(ws, PASS, { actor: 't' });
  try {
    return JSON.stringify([w.raw.prepare('SELECT * FROM requests').all(), w.raw.prepare('SELECT * FROM change_log ORDER BY seq').all()]);
  } finally {
    await w.close();
  }
}

describe('purge (erasure of one record)', () => {
  it('erases the requester from the case and from its history, logged with the reason; audit verify stays green', async () => {
    const r = io();
    expect(await runCli(['purge', '--workspace', ws, '--table', 'requests', '--id', caseId, '--reason', 'Art. 17 request of the person', '--yes', '--json'], r.io)).toBe(0);
    expect(JSON.parse(r.out[0]!).erased[0]).toMatchObject({ table: 'requests', id: caseId, columns: ['requester_name', 'details'] });
    const after = await dump();
    expect(after).not.toContain('Bérénice');
    expect(after).toContain('erasure: Art. 17 request of the person');
    const v = io();
    expect(await runCli(['audit', 'verify', '--workspace', ws, '--json'], v.io)).toBe(0);
    expect(JSON.parse(v.out[0]!).ok).toBe(true);
  });

  it('asks for confirmation: "no" erases nothing, "yes" erases; without a terminal it needs --yes', async () => {
    const before = await dump();
    const none = io();
    expect(await runCli(['purge', '--workspace', ws, '--table', 'requests', '--id', caseId, '--reason', 'x'], none.io)).toBe(2);
    expect(none.err.join('\n')).toContain('--yes');
    const asked: string[] = [];
    const no = io({ promptLine: async (q) => (asked.push(q), 'no') });
    expect(await runCli(['purge', '--workspace', ws, '--table', 'requests', '--id', caseId, '--reason', 'x'], no.io)).toBe(1);
    expect(asked[0]).toContain('Bérénice Vautrin');
    expect(await dump()).toBe(before);
    const yes = io({ promptLine: async () => 'yes' });
    expect(await runCli(['purge', '--workspace', ws, '--table', 'requests', '--id', caseId, '--reason', 'x'], yes.io)).toBe(0);
    expect(await dump()).not.toContain('Bérénice');
  });

  it.each([
    [['--table', 'activities', '--id', 'X', '--reason', 'r'], 'purge_unknown_table'],
    [['--table', 'requests', '--id', '01NOSUCHCASE', '--reason', 'r'], 'not_found'],
    [['--table', 'requests', '--id', 'bad id!', '--reason', 'r'], 'invalid_input'],
    [['--table', 'requests', '--id', 'CASE', '--reason', '   '], 'invalid_input'],
    [['--table', 'requests', '--reason', 'r'], 'invalid_input'],
  ])('refuses %j with %s and changes nothing', async (args, code) => {
    const before = await dump();
    const r = io();
    const exit = await runCli(['purge', '--workspace', ws, ...args.map((a) => (a === 'CASE' ? caseId : a)), '--yes', '--json'], r.io);
    expect(exit).not.toBe(0);
    expect(r.err.join('\n')).toContain(code);
    expect(await dump()).toBe(before);
  });
});

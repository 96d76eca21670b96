import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const PASS = 'cli output passphrase';
const recent = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}
async function workspace(): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-out-'));
  const path = join(dir, 'w.vigie');
  expect(await runCli(['init', '--workspace', path], io().io)).toBe(0);
  expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'A', '--right', 'access', '--received', recent], io().io)).toBe(0);
  return { dir, path };
}
async function stillOpens(path: string): Promise<void> {
  const a = io();
  expect(await runCli(['dsar', 'list', '--workspace', path, '--json'], a.io)).toBe(0);
  expect(JSON.parse(a.out[0]!).items).toHaveLength(1);
  const b = io();
  expect(await runCli(['audit', 'verify', '--workspace', path, '--json'], b.io)).toBe(0);
}

describe('CLI --out goes through the one safe writer', () => {
  it.each([
    ['dsar', 'ics'],
    ['register', 'export'],
    ['breaches', 'register'],
  ])('%s %s --out <the workspace> is refused with exit 4, even with --force, and the workspace still opens', async (a, b) => {
    const { dir, path } = await workspace();
    const before = readFileSync(path);
    for (const target of [path, `${path}-wal`, `${path}-shm`]) {
      for (const force of [[], ['--force']]) {
        const r = io();
        expect(await runCli([a!, b!, '--workspace', path, '--out', target, ...force, '--json'], r.io)).toBe(4);
        expect(r.out).toEqual([]);
        expect(JSON.parse(r.err[0]!).error.code).toBe('output_is_workspace');
      }
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);
    await stillOpens(path);
  });

  it('the workspace given by another path spelling (../dir/w.vigie) is refused too', async () => {
    const { dir, path } = await workspace();
    const r = io();
    expect(await runCli(['dsar', 'ics', '--workspace', path, '--out', join(dir, '..', dir.split('/').pop()!, 'w.vigie')], r.io)).toBe(4);
    expect(r.err[0]).toMatch(/^vigie: Refusing to write over/);
    await stillOpens(path);
  });

  it('an existing file is refused without --force (kept as it was) and replaced with --force, mode 0600', async () => {
    const { dir, path } = await workspace();
    const out = join(dir, 'deadlines.ics');
    writeFileSync(out, 'my notes');
    const a = io();
    expect(await runCli(['dsar', 'ics', '--workspace', path, '--out', out, '--json'], a.io)).toBe(4);
    expect(JSON.parse(a.err[0]!).error).toMatchObject({ code: 'output_exists', message: expect.stringContaining('--force') });
    expect(readFileSync(out, 'utf8')).toBe('my notes');
    const b = io();
    expect(await runCli(['dsar', 'ics', '--workspace', path, '--out', out, '--force', '--json'], b.io)).toBe(0);
    expect(JSON.parse(b.out[0]!)).toEqual({ out, events: 1 });
    expect(readFileSync(out, 'utf8')).toContain('BEGIN:VCALENDAR');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it.each([
    [['dsar', 'ics'], 'deadlines.docx', 'output_extension_mismatch'],
    [['register', 'export'], 'register.csv', 'output_extension_mismatch'],
    [['breaches', 'register'], 'breaches.ics', 'invalid_input'],
  ])('%j --out %s is refused before the workspace is opened', async (words, name, code) => {
    const { dir, path } = await workspace();
    const r = io();
    const exit = await runCli([...words, '--workspace', path, '--out', join(dir, name), '--json'], r.io);
    expect(exit).not.toBe(0);
    expect(JSON.parse(r.err[0]!).error.code).toBe(code);
    expect(readdirSync(dir)).not.toContain(name);
  });

  it('a backups folder and a missing folder are refused with a sentence and exit 4', async () => {
    const { dir, path } = await workspace();
    mkdirSync(join(dir, 'w.backups'), { recursive: true });
    const a = io();
    expect(await runCli(['dsar', 'ics', '--workspace', path, '--out', join(dir, 'w.backups', 'x.ics')], a.io)).toBe(4);
    expect(a.err[0]).toMatch(/backups folder/);
    expect(readdirSync(join(dir, 'w.backups')).filter((f) => f.endsWith('.ics'))).toEqual([]);
    const b = io();
    expect(await runCli(['dsar', 'ics', '--workspace', path, '--out', join(dir, 'nope', 'x.ics')], b.io)).toBe(4);
    expect(b.err[0]).toMatch(/does not exist/);
  });
});

import { closeSync, mkdtempSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { ALL_COMMANDS, runCli, type CommandSpec } from './run';

const PASS = 'cli errors passphrase';
function io(env: Record<string, string | undefined> = { VIGIE_PASSPHRASE: PASS }) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env } };
}
const tmp = () => join(mkdtempSync(join(tmpdir(), 'vigie-cli-err-')), 'w.vigie');

/** A command that throws what the test gives it (removed after each test). */
let throwing: unknown;
const probe: CommandSpec = {
  words: ['__probe'],
  summary: 'test only',
  usage: '__probe',
  options: { json: { type: 'boolean' } },
  async run() {
    throw throwing;
  },
};
afterEach(() => {
  const i = ALL_COMMANDS.indexOf(probe);
  if (i >= 0) ALL_COMMANDS.splice(i, 1);
});
async function runProbe(error: unknown, json = false, env?: Record<string, string>) {
  throwing = error;
  ALL_COMMANDS.push(probe);
  const a = io(env);
  const code = await runCli(['__probe', ...(json ? ['--json'] : [])], a.io);
  return { code, ...a };
}
const sqlite = (code: string, message: string) => Object.assign(new Error(message), { name: 'SqliteError', code });

describe('CLI errors: one sentence, a documented exit code, never raw', () => {
  it('a bug exits 70 with a sentence: no stack trace, no source path, no error text', async () => {
    const r = await runProbe(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(r.code).toBe(70);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^vigie: Vigie hit an unexpected error .*VIGIE_DEBUG=1/);
    expect(r.err[0]).not.toMatch(/Cannot read|\.ts|\bat |src-main/);
  });

  it('VIGIE_DEBUG=1 adds the stack for a bug report', async () => {
    const r = await runProbe(new TypeError('boom'), false, { VIGIE_DEBUG: '1' });
    expect(r.err.join('\n')).toContain('TypeError: boom');
  });

  it.each([
    [sqlite('SQLITE_BUSY', 'database is locked'), 5, 'workspace_busy', /open in another window or program/],
    [sqlite('SQLITE_READONLY', 'attempt to write a readonly database'), 3, 'workspace_read_only', /read-only/],
    [sqlite('SQLITE_CORRUPT', 'database disk image is malformed'), 3, 'workspace_corrupt', /damaged/],
    [sqlite('SQLITE_FULL', 'database or disk is full'), 1, 'disk_full', /disk is full/],
    [new DomainError('output_exists', 'x.ics already exists.'), 4, 'output_exists', /already exists/],
    [new DomainError('workspace_not_found', 'No workspace at w.vigie.'), 3, 'workspace_not_found', /No workspace/],
    [new DomainError('invalid_breach', 'Bad.'), 1, 'invalid_breach', /Bad/],
  ])('%s → exit %i, code %s', async (error, exit, code, message) => {
    const r = await runProbe(error, true);
    expect(r.code).toBe(exit);
    const parsed = JSON.parse(r.err[0]!);
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message).toMatch(message);
    expect(parsed.error.message).not.toMatch(/SQLITE_|malformed|database is locked/);
  });

  it('a damaged page met while verifying is a sentence with a next step, not an SQLite message', async () => {
    const path = tmp();
    expect(await runCli(['init', '--workspace', path, '--demo'], io().io)).toBe(0);
    // Flip bytes in the middle of the file (past the first page: that one is "wrong passphrase or damaged").
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (const at of [Math.floor(size / 2), Math.floor(size * 0.75), size - 100]) {
      const b = Buffer.alloc(16);
      readSync(fd, b, 0, 16, at);
      for (let i = 0; i < 16; i++) b[i] = b[i]! ^ 0xff;
      writeSync(fd, b, 0, 16, at);
    }
    closeSync(fd);
    const a = io();
    const exit = await runCli(['audit', 'verify', '--workspace', path], a.io);
    expect(exit).not.toBe(0);
    expect(exit).not.toBe(70);
    const text = [...a.err, ...a.out].join('\n');
    expect(text).not.toMatch(/SqliteError|SQLITE_|malformed|\.ts:|\n\s+at /);
  });
});

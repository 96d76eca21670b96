import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import { safeForTerminal, safeJson } from './terminal';

const PASS = 'cli input safety passphrase';
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}
async function workspace(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-cli-safety-')), 'w.vigie');
  expect(await runCli(['init', '--workspace', path], io().io)).toBe(0);
  return path;
}
async function entries(path: string): Promise<number> {
  const a = io();
  expect(await runCli(['history', '--workspace', path, '--json'], a.io)).toBe(0);
  return JSON.parse(a.out[0]!).entries.length;
}
// Characters that would drive a terminal or reverse text.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI input safety', () => {
  it('profile set jurisdiction=ZZ is refused with the accepted codes, nothing changes, and requests keep working', async () => {
    const path = await workspace();
    const a = io();
    expect(await runCli(['profile', 'set', '--workspace', path, 'jurisdiction=ZZ'], a.io)).toBe(1);
    expect(a.err[0]).toMatch(/jurisdiction: Not a jurisdiction Vigie knows\. Use one of: AT, .*FR-57/);
    expect(await entries(path)).toBe(1);
    const b = io();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'A', '--right', 'access', '--received', '2026-03-05', '--json'], b.io)).toBe(0);
  });

  it('profile set with an unknown field lists the valid ones and changes nothing', async () => {
    const path = await workspace();
    const a = io();
    expect(await runCli(['profile', 'set', '--workspace', path, 'dpo_name=Camille', 'dpo_mail=c@acme.fr'], a.io)).toBe(1);
    expect(a.err[0]).toMatch(/Unknown profile field "dpo_mail"\. Valid fields: controller_name, .*dpo_email/);
    expect(await entries(path)).toBe(1);
  });

  it('dsar add --email with a bad address is refused like the profile does', async () => {
    const path = await workspace();
    const a = io();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'A', '--right', 'access', '--received', '2026-03-05', '--email', 'marie@', '--json'], a.io)).toBe(1);
    expect(JSON.parse(a.err[0]!).error.message).toMatch(/requester\.email: Not an e-mail address/);
    expect(await entries(path)).toBe(1);
  });

  it.each([
    ['ESC', 'Eve\u001b[2J\u001b]0;pwned\u0007'],
    ['NUL', 'Eve\u0000'],
    ['RLO', 'Eve \u202egpj.exe'],
  ])('an argument with %s is refused (exit 2), the character is named, never echoed, nothing stored', async (_n, name) => {
    const path = await workspace();
    const a = io();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', name, '--right', 'access', '--received', '2026-03-05'], a.io)).toBe(2);
    expect(a.err[0]).toMatch(/^vigie: The value of --requester contains a control character \(U\+[0-9A-F]{4}/);
    expect(a.err.join('')).not.toMatch(RAW);
    expect(await entries(path)).toBe(1);
  });

  it('text already in a workspace (written by another program) is printed with visible escapes, in text and JSON', async () => {
    const path = await workspace();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'Eve', '--right', 'access', '--received', '2026-03-05'], io().io)).toBe(0);
    const db = new Database(path);
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key='${PASS}'`);
    // Its table: the `requests` view needs Vigie's codec functions, which another program lacks (db/row-store.ts).
    db.prepare(`UPDATE requests_store SET requester_name = ?`).run('Eve\u001b[2J\u0007 \u202eexe');
    db.close();
    const a = io();
    expect(await runCli(['dsar', 'list', '--workspace', path], a.io), a.err.join('\n')).toBe(0);
    expect(a.out.join('\n')).not.toMatch(RAW);
    expect(a.out.join('\n')).toContain('Eve\\u001b[2J\\u0007 \\u202eexe');
    const b = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--json'], b.io)).toBe(0);
    expect(b.out[0]).not.toMatch(RAW);
    expect(JSON.parse(b.out[0]!).items[0].requester).toBe('Eve\u001b[2J\u0007 \u202eexe');
  });

  it('safeForTerminal keeps newlines and tabs; safeJson round-trips', () => {
    expect(safeForTerminal('a\tb\nc\u001bd\u009be\u2066f')).toBe('a\tb\nc\\u001bd\\u009be\\u2066f');
    const v = { s: '\u202e\u0085\u2028x' };
    expect(safeJson(v)).not.toMatch(RAW);
    expect(JSON.parse(safeJson(v))).toEqual(v);
  });
});

describe('CLI passphrases typed on a terminal', () => {
  function prompting(answers: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {}, promptSecret: async () => answers.shift()! } };
  }
  it('the same passphrase typed with a composed and a decomposed accent is accepted, and opens the workspace either way', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-cli-nfc-')), 'w.vigie');
    const a = prompting(['caf\u00e9 au lait 2026', 'cafe\u0301 au lait 2026']);
    expect(await runCli(['init', '--workspace', path], a.io), a.err.join('\n')).toBe(0);
    expect(await runCli(['audit', 'verify', '--workspace', path], prompting(['cafe\u0301 au lait 2026']).io)).toBe(0);
  });
  it('a NUL in a typed passphrase is refused without echoing it, and nothing is created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-nul-'));
    const a = prompting(['secret\u0000phrase', 'secret\u0000phrase']);
    expect(await runCli(['init', '--workspace', join(dir, 'w.vigie'), '--json'], a.io)).toBe(1);
    expect(JSON.parse(a.err[0]!).error).toMatchObject({ code: 'passphrase_invalid' });
    expect(a.err.join('')).not.toContain('secret');
    expect(readdirSync(dir)).toEqual([]);
  });
});

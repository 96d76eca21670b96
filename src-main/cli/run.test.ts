import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const PASS = 'cli test passphrase';
function io(env: Record<string, string | undefined> = { VIGIE_PASSPHRASE: PASS }) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env } };
}
const tmp = () => join(mkdtempSync(join(tmpdir(), 'vigie-cli-')), 'w.vigie');

describe('CLI', () => {
  it('init creates an encrypted workspace (no SQLite plaintext header) and audit verify reports it intact', async () => {
    const path = tmp();
    const a = io();
    expect(await runCli(['init', '--workspace', path, '--json'], a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toMatchObject({ workspace: path, demo: false, changeLogEntries: 1 });
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
    const b = io();
    expect(await runCli(['audit', 'verify', '--workspace', path, '--json'], b.io)).toBe(0);
    expect(JSON.parse(b.out[0]!)).toEqual({ ok: true, entries: 1, scope: 'full', checkpoint: { seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, seal: { status: 'unavailable' } });
  });

  it('init --demo fills the Smart Tribune demo', async () => {
    const path = tmp();
    const a = io();
    expect(await runCli(['init', '--workspace', path, '--demo', '--json'], a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!).changeLogEntries).toBeGreaterThan(10);
    const b = io();
    await runCli(['profile', 'get', '--workspace', path, '--json'], b.io);
    expect(JSON.parse(b.out[0]!).profile.controller_name).toBe('Smart Tribune (JCS WEB)');
  });

  it('audit verify detects a row changed outside Vigie and exits non-zero', async () => {
    const path = tmp();
    await runCli(['init', '--workspace', path, '--controller', 'ACME'], io().io);
    const db = new Database(path);
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key='${PASS}'`);
    db.prepare(`UPDATE org_profile SET controller_name = 'Forged'`).run();
    db.close();
    const a = io();
    expect(await runCli(['audit', 'verify', '--workspace', path, '--json'], a.io)).toBe(1);
    expect(JSON.parse(a.out[0]!)).toEqual({ ok: false, entries: 1, scope: 'full', firstBroken: { table: 'org_profile', rowId: 'org', reason: 'The column “controller_name” was changed outside Vigie.' }, seal: { status: 'unavailable' } });
  });

  it('a wrong passphrase is refused on stderr with the exact message and a non-zero exit', async () => {
    const path = tmp();
    await runCli(['init', '--workspace', path], io().io);
    const a = io({ VIGIE_PASSPHRASE: 'wrong passphrase' });
    expect(await runCli(['audit', 'verify', '--workspace', path, '--json'], a.io)).toBe(1);
    expect(a.out).toEqual([]);
    expect(JSON.parse(a.err[0]!)).toEqual({ error: { code: 'wrong_passphrase', message: 'Wrong passphrase for this workspace, or the start of the file is damaged: try a backup.' } });
  });

  it('profile set refuses a bad value, names it, and changes nothing', async () => {
    const path = tmp();
    await runCli(['init', '--workspace', path], io().io);
    const a = io();
    expect(await runCli(['profile', 'set', '--workspace', path, 'dpo_name=Camille', 'time_zone=Mars/Olympus'], a.io)).toBe(1);
    expect(a.err[0]).toMatch(/time_zone: Not a known time zone/);
    const b = io();
    await runCli(['profile', 'get', '--workspace', path, '--json'], b.io);
    expect(JSON.parse(b.out[0]!).profile.dpo_name).toBe('');
    const c = io();
    await runCli(['history', '--workspace', path, '--json'], c.io);
    expect(JSON.parse(c.out[0]!).entries).toHaveLength(1);
  });

  it('no passphrase and no terminal: a clear error', async () => {
    const a = io({});
    expect(await runCli(['audit', 'verify', '--workspace', tmp()], a.io)).toBe(2);
    expect(a.err[0]).toMatch(/set VIGIE_PASSPHRASE or run the command in a terminal/);
  });

  it.each([
    [['deadlines', '--received', '2026-03-05', '--json'], { received: '2026-03-05', jurisdiction: 'FR', oneMonth: '2026-04-07', threeMonths: '2026-06-05', threeMonthsPrudent: '2026-06-05', extensionNoticeBy: '2026-04-07' }],
    [['deadlines', '--received', '2025-11-26', '--jurisdiction', 'FR-57', '--json'], { oneMonth: '2025-12-29' }],
    [['deadlines', '--received', '2027-01-31', '--json'], { oneMonth: '2027-03-01', threeMonths: '2027-04-30', threeMonthsPrudent: '2027-04-28' }],
    [['breach-clock', '--aware', '2026-06-10T14:15', '--tz', 'Europe/Paris', '--json'], { aware: '2026-06-10T14:15:00+02:00', notifyBy: '2026-06-13T14:15:00+02:00' }],
    [['breach-clock', '--aware', '2026-03-27T10:00', '--tz', 'Europe/Paris', '--json'], { notifyBy: '2026-03-30T11:00:00+02:00' }],
    [['severity', '--dpc', '3', '--ei', '0.75', '--confidentiality', '0', '--integrity', '0', '--availability', '0', '--malicious', '--json'], { score: 2.75, level: 'medium' }],
    [['severity', '--dpc', '4', '--ei', '1', '--confidentiality', '0.5', '--integrity', '0', '--availability', '0', '--json'], { score: 4.5, level: 'very-high' }],
    [['transfer-check', '--country', 'US', '--json'], { country: 'US', inEEA: false, adequacy: null, requiresSafeguard: true, basis: 'safeguard-required' }],
    [['transfer-check', '--country', 'US', '--dpf-certified', '--json'], { country: 'US', requiresSafeguard: false, basis: 'adequacy-dpf' }],
    [['transfer-check', '--country', 'de', '--json'], { country: 'DE', inEEA: true, adequacy: null, requiresSafeguard: false, basis: 'eea' }],
  ])('%j', async (argv, expected) => {
    const a = io();
    expect(await runCli(argv, a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toMatchObject(expected);
  });

  it.each([
    [['deadlines', '--received', '2026-13-01', '--json'], /not a valid date/],
    [['deadlines', '--received', '2026-03-05', '--jurisdiction', 'XX', '--json'], /XX/],
    [['severity', '--dpc', '9', '--ei', '1', '--json'], /dpc|DPC/],
    [['frobnicate'], /Unknown command/],
    [['deadlines', '--recieved', '2026-03-05'], /Unknown option '--recieved'/],
  ])('bad input %j is refused on stderr', async (argv, message) => {
    const a = io();
    expect(await runCli(argv, a.io)).not.toBe(0);
    expect(a.err.join('\n')).toMatch(message);
  });
});

import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { vigieHome } from './install-home';
import { BEHIND_WARNING, formatSeal, SealStore } from './seals';
import { Workspace } from './workspace';

const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-seal-'));
  return { path: join(dir, 'w.vigie'), home: join(dir, 'home') };
}
async function openWs(path: string, home: string): Promise<Workspace> {
  const ws = await Workspace.open(path, PASS, { actor: 'DPO', home });
  open.push(ws);
  return ws;
}
const activity = (name: string) => ({ reference: name, name, role: 'controller', status: 'draft', owner: '', review_date: null, details: {} });

/** Creates a workspace with three activities, closes it (the seal is kept), returns its paths. */
async function sealedWorkspace() {
  const { path, home } = setup();
  const ws = await Workspace.create(path, PASS, { actor: 'DPO', home });
  for (const n of ['A', 'B', 'C']) await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity(n) }));
  const seal = await ws.seal();
  await ws.close();
  return { path, home, seal };
}

describe('seals: the change log anchored outside the file', () => {
  it('keeps the seal of each workspace in the installation folder (0600, folder 0700) and finds it the same at the next open', async () => {
    const { path, home, seal } = await sealedWorkspace();
    expect(seal).toMatchObject({ entries: 4, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const files = readdirSync(join(home, 'seals'));
    expect(files).toEqual([`${seal.workspaceId}.json`]);
    if (process.platform !== 'win32') {
      expect(statSync(join(home, 'seals', files[0]!)).mode & 0o777).toBe(0o600);
      expect(statSync(join(home, 'seals')).mode & 0o777).toBe(0o700);
    }
    expect(JSON.parse(readFileSync(join(home, 'seals', files[0]!), 'utf8')).seal).toMatchObject({ entries: 4, headHash: seal.headHash });
    const ws = await openWs(path, home);
    expect(ws.sealCheck.status).toBe('same');
    expect(ws.workspaceId).toBe(seal.workspaceId);
    const report = await ws.verifyAudit();
    expect(report).toMatchObject({ ok: true, seal: { status: 'same' } });
    expect(formatSeal(seal)).toContain(`${seal.entries} entries · head sha256:${seal.headHash}`);
  });

  it('updates the seal after each write, so a later open is “ahead” only if another program wrote', async () => {
    const { path, home } = await sealedWorkspace();
    const ws = await openWs(path, home);
    await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity('D') }));
    expect(new SealStore(home).read(ws.workspaceId)!.seal.entries).toBe(5);
  });

  it('detects the last entries deleted together with their rows, which the chain alone cannot see', async () => {
    const { path, home, seal } = await sealedWorkspace();
    const ws = await openWs(path, home);
    // Cut the log short consistently: the last activity and its entry are gone, the chain is intact.
    const last = ws.raw.prepare('SELECT seq, row_id FROM change_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; row_id: string };
    ws.raw.prepare('DELETE FROM activities WHERE id = ?').run(last.row_id);
    ws.raw.prepare('DELETE FROM change_log WHERE seq = ?').run(last.seq);
    await ws.close();
    open.splice(0);

    const again = await openWs(path, home);
    expect(again.sealCheck.status).toBe('behind');
    expect(again.sealCheck.warning).toMatch(new RegExp(`^${BEHIND_WARNING}: .* had 4 entries .*; it now has 3\\.`));
    const report = await again.verifyAudit();
    expect(report.ok).toBe(true); // nothing inside the file can tell…
    expect(report.seal).toMatchObject({ status: 'behind', seen: { entries: 4, headHash: seal.headHash } }); // …the seal does
    await again.close();
    open.splice(0);

    // Opening and closing without writing keeps the warning for the next open (and the next verify).
    const third = await openWs(path, home);
    expect(third.sealCheck.status).toBe('behind');
    // Writing on it means carrying on from there: the seal moves, the choice is kept in the seal file.
    await third.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity('E') }));
    const kept = new SealStore(home).read(third.workspaceId)!;
    // The seal counts by the newest entry's number, and numbers are never reused: the new entry is
    // number 5, so the one removed still shows as a gap.
    expect(kept.seal.entries).toBe(5);
    expect(kept.acceptedBehind).toMatchObject({ seen: { entries: 4, headHash: seal.headHash }, found: { entries: 3 } });
  });

  it('detects a rewritten history with as many entries (a head that is not a descendant)', async () => {
    const { path, home } = await sealedWorkspace();
    const ws = await openWs(path, home);
    ws.raw.exec(`UPDATE change_log SET hash = '${'f'.repeat(64)}' WHERE seq = 4`);
    await ws.close();
    open.splice(0);
    const again = await openWs(path, home);
    expect(again.sealCheck).toMatchObject({ status: 'behind', warning: expect.stringMatching(/no longer contains that entry/) });
  });

  it('a damaged seal file is set aside with a warning and a new seal starts', async () => {
    const { path, home, seal } = await sealedWorkspace();
    const file = join(home, 'seals', `${seal.workspaceId}.json`);
    writeFileSync(file, '{"seal": "not a seal"');
    const ws = await openWs(path, home);
    expect(ws.sealCheck).toMatchObject({ status: 'unavailable', warning: expect.stringMatching(/seal of the workspace was damaged.*kept as .*\.damaged-/) });
    expect(readdirSync(join(home, 'seals')).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
    expect(new SealStore(home).read(seal.workspaceId)!.seal).toMatchObject({ entries: 4, headHash: seal.headHash });
    expect(await ws.verifyAudit()).toMatchObject({ ok: true, seal: { status: 'unavailable' } });
  });

  it('CLI: audit seal prints the seal; audit verify warns when the workspace is behind', async () => {
    const { path, home } = await sealedWorkspace();
    const env = { VIGIE_PASSPHRASE: PASS, VIGIE_HOME: home };
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env };
    expect(await runCli(['audit', 'seal', '--workspace', path, '--json'], io)).toBe(0);
    const seal = JSON.parse(out.pop()!);
    expect(seal).toEqual({ workspaceId: expect.any(String), entries: 4, headHash: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String) });

    const ws = await openWs(path, home);
    ws.raw.exec(`DELETE FROM activities WHERE id = (SELECT row_id FROM change_log WHERE seq = 4); DELETE FROM change_log WHERE seq = 4`);
    await ws.close();
    open.splice(0);
    expect(await runCli(['audit', 'verify', '--workspace', path], io)).toBe(0);
    expect(out.pop()).toMatch(/Audit trail intact: 3 entries\.\nWarning: This workspace is behind what this computer last saw: .*\nChecked: .*Not detectable: someone with the passphrase who rewrites the whole file/s);
    expect(await runCli(['audit', 'verify', '--workspace', path, '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!)).toMatchObject({ ok: true, seal: { status: 'behind', seen: { entries: 4 } } });
  });
});

describe('vigieHome: where this installation keeps what it knows', () => {
  it.each([
    [{ VIGIE_HOME: '/srv/vigie' }, 'linux', '/srv/vigie'],
    [{ HOME: '/home/ana', XDG_CONFIG_HOME: '/home/ana/.cfg' }, 'linux', '/home/ana/.cfg/vigie'],
    [{ HOME: '/home/ana', XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/ana/.config/vigie'],
    [{ HOME: '/home/ana' }, 'linux', '/home/ana/.config/vigie'],
    [{ HOME: '/Users/ana' }, 'darwin', '/Users/ana/Library/Application Support/Vigie'],
    [{ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', join('C:\\Users\\ana\\AppData\\Roaming', 'Vigie')],
    [{}, 'linux', undefined],
  ] as const)('%j on %s → %s', (env, platform, expected) => {
    expect(vigieHome(env, platform)).toBe(expected);
  });
});

/**
 * End to end through `npm run cli` (issue 10): two installations (VIGIE_HOME each), two workspaces,
 * one folder: join, approve, full copy, an edit each way, a concurrent edit shown as a conflict and
 * settled, a tampered file refused, nothing readable in the folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PASS = 'sync end to end passphrase';

function cli(home: string, args: string[]): { code: number; json: unknown; stderr: string } {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, VIGIE_PASSPHRASE: PASS, VIGIE_HOME: home, INIT_CWD: ROOT },
    timeout: 120_000,
  });
  let json: unknown = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    /* not JSON */
  }
  return { code: r.status ?? -1, json, stderr: r.stderr };
}

function ok(home: string, args: string[]): Record<string, unknown> {
  const r = cli(home, [...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.json as Record<string, unknown>;
}

function folderBytes(folder: string): Buffer {
  const out: Buffer[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(dir, f.name));
      else out.push(Buffer.from(relative(folder, join(dir, f.name))), readFileSync(join(dir, f.name)));
    }
  };
  walk(folder);
  return Buffer.concat(out);
}

describe('sync through the CLI', () => {
  it('two workspaces, one folder: join, approve, full copy, edits both ways, a conflict, a tampered file, nothing readable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-sync-cli-'));
    const homeA = join(dir, 'home-a');
    const homeB = join(dir, 'home-b');
    const folder = join(dir, 'shared');
    for (const d of [homeA, homeB, folder]) mkdirSync(d);
    const A = join(dir, 'alice.vigie');
    const B = join(dir, 'camille.vigie');

    ok(homeA, ['init', '--workspace', A, '--actor', 'Alice Martin']);
    ok(homeA, ['dsar', 'add', '--workspace', A, '--requester', 'Zéphyrine Quaglieri', '--right', 'access', '--received', '2026-11-20']);
    const first = ok(homeA, ['sync', '--workspace', A, '--folder', folder]);
    expect(first).toMatchObject({ imported: 0, rejected: [], conflicts: 0, pendingJoins: [] });
    expect(first.exported as number).toBeGreaterThan(0);

    const joined = ok(homeB, ['join', '--workspace', B, '--folder', folder, '--name', 'Camille']);
    expect(joined).toMatchObject({ status: 'pending' });
    expect(joined.fingerprint).toMatch(/^([0-9A-Z]{4} ){5}[0-9A-Z]{4}$/);
    const deviceB = joined.deviceId as string;

    expect(ok(homeA, ['sync', '--workspace', A]).pendingJoins).toEqual([{ deviceId: deviceB, name: 'Camille' }]);
    const pending = ok(homeA, ['members', 'list', '--workspace', A]).items as Array<Record<string, unknown>>;
    expect(pending.find((m) => m.deviceId === deviceB)).toMatchObject({ status: 'pending', fingerprint: joined.fingerprint });
    ok(homeA, ['members', 'approve', '--workspace', A, '--device', deviceB]);

    // Full copy.
    const got = ok(homeB, ['sync', '--workspace', B]);
    expect(got.imported as number).toBeGreaterThan(0);
    const listB = ok(homeB, ['dsar', 'list', '--workspace', B]).items as Array<Record<string, unknown>>;
    expect(listB.map((i) => JSON.stringify(i)).join()).toContain('Zéphyrine Quaglieri');
    expect(ok(homeB, ['register', 'list', '--workspace', B])).toHaveProperty('items');
    const membersB = ok(homeB, ['members', 'list', '--workspace', B]).items as Array<Record<string, unknown>>;
    expect(membersB.find((m) => m.deviceId === deviceB)).toMatchObject({ status: 'active', thisDevice: true, memberCode: 'C' });

    // An edit each way.
    ok(homeB, ['profile', 'set', '--workspace', B, 'dpo_name=Camille Dupont']);
    ok(homeB, ['sync', '--workspace', B]);
    ok(homeA, ['sync', '--workspace', A]);
    expect((ok(homeA, ['profile', 'get', '--workspace', A]).profile as Record<string, unknown>).dpo_name).toBe('Camille Dupont');
    ok(homeA, ['dsar', 'add', '--workspace', A, '--requester', 'Octave Brasseur', '--right', 'erasure', '--received', '2026-11-25']);
    ok(homeA, ['sync', '--workspace', A]);
    ok(homeB, ['sync', '--workspace', B]);
    expect((ok(homeB, ['dsar', 'list', '--workspace', B]).items as unknown[]).length).toBe(2);

    // A concurrent edit of one field: shown as a conflict, then settled.
    ok(homeA, ['profile', 'set', '--workspace', A, 'controller_name=ACME Alice']);
    ok(homeB, ['profile', 'set', '--workspace', B, 'controller_name=ACME Camille']);
    ok(homeA, ['sync', '--workspace', A]);
    expect(ok(homeB, ['sync', '--workspace', B]).conflicts).toBe(1);
    ok(homeA, ['sync', '--workspace', A]);
    const conflicts = ok(homeB, ['conflicts', 'list', '--workspace', B]).items as Array<Record<string, unknown>>;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ table: 'org_profile', cell: 'controller_name', mine: { value: 'ACME Camille' }, theirs: { value: 'ACME Alice' } });
    expect(cli(homeB, ['conflicts', 'resolve', '--workspace', B, '--id', String(conflicts[0]!.id), '--keep', 'sideways']).code).toBe(2);
    expect(ok(homeB, ['conflicts', 'resolve', '--workspace', B, '--id', String(conflicts[0]!.id), '--keep', 'mine'])).toEqual({ resolved: true });
    expect(ok(homeB, ['conflicts', 'list', '--workspace', B]).items).toEqual([]);
    ok(homeB, ['sync', '--workspace', B]);
    ok(homeA, ['sync', '--workspace', A]);
    expect((ok(homeA, ['profile', 'get', '--workspace', A]).profile as Record<string, unknown>).controller_name).toBe('ACME Camille');

    // A tampered file is refused with its reason; nothing of it is applied.
    ok(homeA, ['profile', 'set', '--workspace', A, 'dpo_name=Tampered Value']);
    ok(homeA, ['sync', '--workspace', A]);
    const wsDir = readdirSync(folder).find((d) => d.startsWith('vigie-'))!;
    const deviceA = (ok(homeA, ['members', 'list', '--workspace', A]).items as Array<Record<string, unknown>>).find((m) => m.thisDevice)!.deviceId as string;
    const files = readdirSync(join(folder, wsDir, deviceA)).filter((f) => f.endsWith('.age'));
    const newest = files.sort((x, y) => statSync(join(folder, wsDir, deviceA, y)).mtimeMs - statSync(join(folder, wsDir, deviceA, x)).mtimeMs)[0]!;
    const path = join(folder, wsDir, deviceA, newest);
    const bytes = readFileSync(path);
    bytes[bytes.length - 40] ^= 0x20;
    writeFileSync(path, bytes);
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(path, past, past); // settled: a sync tool finished writing it long ago
    const refused = cli(homeB, ['sync', '--workspace', B, '--json']);
    expect(refused.code).toBe(1);
    expect((refused.json as { rejected: unknown[] }).rejected).toEqual([{ file: `${deviceA}/${newest}`, reason: 'damaged' }]);
    expect((ok(homeB, ['profile', 'get', '--workspace', B]).profile as Record<string, unknown>).dpo_name).toBe('Camille Dupont');

    ok(homeA, ['audit', 'verify', '--workspace', A]);
    ok(homeB, ['audit', 'verify', '--workspace', B]);
    const all = folderBytes(folder);
    for (const needle of ['Zéphyrine', 'Quaglieri', 'Octave', 'Camille', 'ACME', 'Alice', 'DSAR-']) expect(all.includes(Buffer.from(needle)), needle).toBe(false);
  }, 600_000);
});

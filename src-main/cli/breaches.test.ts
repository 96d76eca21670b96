import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BreachesService } from '../services/breaches';
import { Workspace } from '../services/workspace';
import { runCli } from './run';

const PASS = 'cli breaches passphrase';
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}

describe('breaches CLI', () => {
  it('breaches list --json gives every breach with reference, title, awareAt, notifyBy, status, severity, decisions; register writes DOCX and CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-breach-'));
    const path = join(dir, 'w.vigie');
    expect(await runCli(['init', '--workspace', path], io().io)).toBe(0);
    const ws = await Workspace.open(path, PASS, { actor: 'test' });
    try {
      const s = new BreachesService(ws);
      await s.create({ title: 'Clé USB perdue', awareAt: '2026-03-27T10:00', severity: { dpc: 1, ei: 'maximum', justification: 'Annuaire interne' } });
    } finally {
      await ws.close();
    }
    const a = io();
    expect(await runCli(['breaches', 'list', '--workspace', path, '--json'], a.io)).toBe(0);
    expect(a.err).toEqual([]);
    const r = JSON.parse(a.out[0]!);
    expect(r.breaches).toHaveLength(1);
    expect(r.breaches[0]).toMatchObject({
      reference: 'BR-2026-001',
      title: 'Clé USB perdue',
      awareAt: '2026-03-27T10:00:00+01:00',
      timeZone: 'Europe/Paris',
      notifyBy: '2026-03-30T11:00:00+02:00',
      status: 'open',
      severity: { score: 1, level: 'low' },
      decisions: { authority: 'pending', people: 'pending' },
    });
    const b = io();
    expect(await runCli(['breaches', 'register', '--workspace', path, '--out', join(dir, 'r.csv'), '--json'], b.io)).toBe(0);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toContain('BR-2026-001;Clé USB perdue');
    expect(await runCli(['breaches', 'register', '--workspace', path, '--out', join(dir, 'r.docx')], io().io)).toBe(0);
    expect(existsSync(join(dir, 'r.docx'))).toBe(true);
    const c = io();
    expect(await runCli(['breaches', 'register', '--workspace', path, '--out', join(dir, 'r.pdf'), '--json'], c.io)).toBe(2);
    expect(JSON.parse(c.err[0]!).error.message).toContain('--out must end with .docx or .csv');
  });
});

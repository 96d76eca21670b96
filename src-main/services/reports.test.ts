import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from './demo';
import { writeOutputFile } from './output-file';
import { annualReport, cnilPack } from './reports';
import { Workspace } from './workspace';

let ws: Workspace;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-reports-'));
  ws = await Workspace.create(join(dir, 'w.vigie'), 'correct horse battery staple', { actor: 'test' });
  await seedDemoWorkspace(ws);
}, 60_000);
afterAll(() => ws.close());

class Cancelled extends Error {}

describe('cancelling an export', () => {
  it.each([
    ['the CNIL pack', (checkpoint: () => void) => cnilPack(ws, { checkpoint })],
    ['the annual report', (checkpoint: () => void) => annualReport(ws, { checkpoint })],
  ])('stops %s between steps and leaves no file', async (_name, run) => {
    let calls = 0;
    const checkpoint = () => {
      calls += 1;
      if (calls === 3) throw new Cancelled('cancelled by the user');
    };
    await expect(run(checkpoint)).rejects.toBeInstanceOf(Cancelled);
    expect(readdirSync(dir).filter((n) => !n.startsWith('w.vigie'))).toEqual([]);
  }, 60_000);

  it('a cancel while the file is being written removes the temporary file and leaves no output', async () => {
    const out = join(dir, 'pack.zip');
    const { bytes } = await cnilPack(ws, { parts: ['organisation'] });
    function* chunks() {
      for (let i = 0; i < bytes.length; i += 1024) yield bytes.subarray(i, i + 1024);
    }
    let n = 0;
    await expect(writeOutputFile(out, chunks(), { format: 'zip', checkpoint: () => { if (++n === 2) throw new Cancelled('cancelled'); } })).rejects.toBeInstanceOf(Cancelled);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 60_000);
});

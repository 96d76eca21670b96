import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveVendors, VendorsService } from './vendors';
import { Workspace } from './workspace';

describe('liveVendors: parsed once per state of the workspace', () => {
  it('shares one parse between reads, reads again after any write, and is unchanged by a write rolled back', async () => {
    const ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-live-')), 'w.vigie'), 'correct horse battery', { actor: 'Test' });
    try {
      const v = new VendorsService(ws);
      await ws.mutate(async (w) => {
        await v.insertWith(w, { name: 'Hébergeur A', country: 'FR', role: 'processor' }, 'test');
      });
      const first = await liveVendors(ws);
      expect(first.map((x) => x.vendor.name)).toEqual(['Hébergeur A']);
      expect(await liveVendors(ws)).toBe(first);

      await ws.mutate(async (w) => {
        await v.insertWith(w, { name: 'Routeur B', country: 'US', role: 'processor' }, 'test');
      });
      const second = await liveVendors(ws);
      expect(second).not.toBe(first);
      expect(second.map((x) => x.vendor.name).sort()).toEqual(['Hébergeur A', 'Routeur B']);

      // A write rolled back leaves the parse as it was.
      await expect(
        ws.mutate(async (w) => {
          await v.insertWith(w, { name: 'Annulé C', country: 'FR', role: 'processor' }, 'test');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect((await liveVendors(ws)).map((x) => x.vendor.name).sort()).toEqual(['Hébergeur A', 'Routeur B']);
      expect((await v.summary()).vendors).toBe(2);
    } finally {
      await ws.close();
    }
  });
});

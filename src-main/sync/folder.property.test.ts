/**
 * Property tests of the folder transport: whatever a file-sync tool does to delivery (order, partial
 * arrival, duplicated and conflict-copied files, flipped bytes), each bundle is accepted exactly once,
 * intact, and nothing damaged is ever accepted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle, recipientsForEpoch, sealBundle, type Bundle, type RosterMember } from './bundle';
import { generateDeviceKeys, publicKeysOf, type DeviceKeys } from './crypto';
import { ensureLayout, layout, readInbox, type BundleLedger } from './folder';

const WS = '01JWORKSPACE0000000000000P';
let devices: DeviceKeys[];
let reader: DeviceKeys;
let roster: RosterMember[];
/** Every bundle the devices wrote: canonical name → sealed bytes and the bundle. */
const written: Array<{ device: string; seq: number; sealed: Uint8Array; bundle: Bundle }> = [];
const tmpRoots: string[] = [];

beforeAll(async () => {
  devices = await Promise.all(['01JDEVA', '01JDEVB', '01JDEVC'].map(generateDeviceKeys));
  reader = await generateDeviceKeys('01JREADER');
  roster = [...devices, reader].map((k, i) => ({ ...publicKeysOf(k), name: `Membre ${i}`, joinedEpoch: 1 }));
  for (const d of devices) {
    for (let seq = 1; seq <= 4; seq++) {
      const bundle: Bundle = { format: 1, schemaVersion: 3, workspaceId: WS, device: d.deviceId, epoch: 1, seq, vector: { [d.deviceId]: seq }, entries: [{ n: `${d.deviceId}:${seq}`, text: 'Zoé Lefèvre' }] };
      written.push({ device: d.deviceId, seq, sealed: await sealBundle(bundle, d, recipientsForEpoch(roster, 1)), bundle });
    }
  }
});
afterAll(() => {
  for (const r of tmpRoots) rmSync(r, { recursive: true, force: true });
});

const COPY_SUFFIXES = [' (1)', ' (conflicted copy 2026-12-01 101512)', '-conflict-20261201', '.sync-conflict-20261201-101512-ABCDEFG'];

describe('delivery through a file-sync tool', () => {
  it('accepts each bundle exactly once, intact, whatever the arrival order, duplicates and passes', async () => {
    const arrival = fc.record({
      // Each written file arrives at some pass (0..2) or not yet (3), with up to two conflict copies.
      files: fc.array(fc.record({ pass: fc.integer({ min: 0, max: 3 }), copies: fc.subarray([0, 1, 2, 3]) }), { minLength: written.length, maxLength: written.length }),
      order: fc.shuffledSubarray(written.map((_, i) => i), { minLength: written.length, maxLength: written.length }),
    });
    await fc.assert(
      fc.asyncProperty(arrival, async ({ files, order }) => {
        const root = mkdtempSync(join(tmpdir(), 'vigie-sync-prop-'));
        tmpRoots.push(root);
        for (const d of devices) ensureLayout(root, WS, d.deviceId);
        const applied = new Map<string, string>();
        const ledger: BundleLedger = { digestOf: (d, e, s) => applied.get(`${d}/${e}-${s}`) };
        const appliedCount = new Map<string, number>();
        for (let pass = 0; pass <= 2; pass++) {
          for (const i of order) {
            const f = files[i]!;
            if (f.pass !== pass) continue;
            const w = written[i]!;
            const path = layout.bundle(root, WS, w.device, 1, w.seq);
            writeFileSync(path, w.sealed);
            for (const c of f.copies) writeFileSync(path.replace(/\.age$/, `${COPY_SUFFIXES[c]}.age`), w.sealed);
          }
          const r = await readInbox({ root, workspaceId: WS, ageIdentity: reader.ageIdentity, members: roster, ledger, now: Date.now() + 3_600_000 });
          expect(r.rejected).toEqual([]);
          expect(r.notReady).toEqual([]);
          for (const a of r.accepted) {
            const key = `${a.opened.name.device}/1-${a.opened.name.seq}`;
            appliedCount.set(key, (appliedCount.get(key) ?? 0) + 1);
            applied.set(key, a.opened.digest); // "applied" in the same transaction as the ledger record
            const original = written.find((w) => w.device === a.opened.name.device && w.seq === a.opened.name.seq)!;
            expect(a.opened.bundle).toEqual(original.bundle);
          }
          // Within a pass, a device's bundles come in seq order.
          const seqs = r.accepted.map((a) => `${a.opened.name.device}:${String(a.opened.name.seq).padStart(3, '0')}`);
          expect(seqs).toEqual([...seqs].sort());
        }
        const expected = written.filter((_, i) => files[i]!.pass <= 2).map((w) => `${w.device}/1-${w.seq}`).sort();
        expect([...appliedCount.keys()].sort()).toEqual(expected);
        expect([...appliedCount.values()].every((n) => n === 1)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it('never accepts a bundle with any byte changed', async () => {
    const w = written[0]!;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: w.sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const bad = w.sealed.slice();
        bad[at]! ^= mask;
        const r = await openBundle(bad, reader.ageIdentity, roster, { fileName: `${w.device}/1-${w.seq}.age`, workspaceId: WS });
        expect(r.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

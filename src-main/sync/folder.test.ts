import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recipientsForEpoch, sealBundle, sealSigned, canonicalJson, type Bundle, type RosterMember } from './bundle';
import { generateDeviceKeys, keyFingerprint, publicKeysOf, type DeviceKeys } from './crypto';
import {
  ensureLayout,
  FileExistsError,
  FolderUnavailableError,
  layout,
  listBundleFiles,
  listSnapshotFiles,
  readBlob,
  readInbox,
  readJoinRequests,
  readKeyCards,
  workspaceFolder,
  writeBlob,
  writeBundleFile,
  writeJoinRequest,
  writeKeyCard,
  writeNewFile,
  type BundleLedger,
  type InboxOptions,
} from './folder';

const WS = '01JWORKSPACE0000000000000B';
const entrySchema = z.strictObject({ table: z.string(), rowId: z.string(), fields: z.record(z.string(), z.unknown()) });
type Entry = z.infer<typeof entrySchema>;
const LATER = () => Date.now() + 3_600_000; // "now" an hour ahead: every file counts as settled

let alice: DeviceKeys, bruno: DeviceKeys, chloe: DeviceKeys, camille: DeviceKeys, mallory: DeviceKeys;
let roster: RosterMember[];
let root: string;

beforeAll(async () => {
  [alice, bruno, chloe, camille, mallory] = (await Promise.all(['01JALICE', '01JBRUNO', '01JCHLOE', '01JCAMILLE', '01JMALLORY'].map(generateDeviceKeys))) as DeviceKeys[] as [
    DeviceKeys,
    DeviceKeys,
    DeviceKeys,
    DeviceKeys,
    DeviceKeys,
  ];
  roster = [
    { ...publicKeysOf(alice), name: 'Alice', joinedEpoch: 1 },
    { ...publicKeysOf(bruno), name: 'Bruno', joinedEpoch: 1 },
    { ...publicKeysOf(chloe), name: 'Chloé', joinedEpoch: 1, removedEpoch: 2 },
  ];
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vigie-sync-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function bundleOf(device: string, epoch: number, seq: number, person = 'Marie Martin'): Bundle<Entry> {
  return {
    format: 1,
    schemaVersion: 12,
    workspaceId: WS,
    device,
    epoch,
    seq,
    vector: { [device]: seq },
    entries: [{ table: 'requests', rowId: `01JREQ${seq}`, fields: { requester_name: person, notes: `Courrier de ${person}` } }],
  };
}
async function publish(keys: DeviceKeys, epoch: number, seq: number, person?: string) {
  const sealed = await sealBundle(bundleOf(keys.deviceId, epoch, seq, person), keys, recipientsForEpoch(roster, epoch), entrySchema);
  return writeBundleFile(root, WS, { device: keys.deviceId, epoch, seq }, sealed);
}
class MemoryLedger implements BundleLedger {
  readonly applied = new Map<string, string>();
  digestOf(device: string, epoch: number, seq: number) {
    return this.applied.get(`${device}/${epoch}-${seq}`);
  }
}
const inbox = (keys: DeviceKeys, ledger: BundleLedger = new MemoryLedger(), extra: Partial<InboxOptions<Entry>> = {}) =>
  readInbox<Entry>({ root, workspaceId: WS, ageIdentity: keys.ageIdentity, members: roster, ledger, entrySchema, now: LATER(), ...extra });
const wsDir = () => workspaceFolder(root, WS);
const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

describe('layout and safe writes', () => {
  it('places every kind of file where the format says', () => {
    expect(relative(root, layout.bundle(root, WS, '01JALICE', 2, 17))).toBe(`vigie-${WS}/01JALICE/2-17.age`);
    expect(relative(root, layout.blob(root, WS, 'a'.repeat(64)))).toBe(`vigie-${WS}/blobs/${'a'.repeat(64)}.age`);
    expect(relative(root, layout.snapshot(root, WS, '01JALICE', 2, 17))).toBe(`vigie-${WS}/snapshots/01JALICE/2-17.age`);
    expect(relative(root, layout.join(root, WS, '01JCAMILLE'))).toBe(`vigie-${WS}/joins/01JCAMILLE.age`);
    expect(relative(root, layout.keyCard(root, WS, '01JALICE'))).toBe(`vigie-${WS}/keys/01JALICE.json`);
    expect(() => layout.bundle(root, WS, '../etc', 1, 1)).toThrow(/device id/);
    expect(() => layout.bundle(root, WS, 'blobs', 1, 1)).toThrow(/device id/);
    expect(() => layout.blob(root, WS, 'nothex')).toThrow(/SHA-256/);
    expect(() => workspaceFolder(root, '../x')).toThrow(/workspace id/);
    ensureLayout(root, WS, '01JALICE');
    expect(readdirSync(wsDir()).sort()).toEqual(['01JALICE', 'blobs', 'joins', 'keys', 'snapshots']);
  });

  it('writes once, 0600, leaves no temporary file, and never rewrites', () => {
    const path = layout.bundle(root, WS, '01JALICE', 1, 1);
    writeNewFile(path, new Uint8Array([1, 2, 3]));
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(() => writeNewFile(path, new Uint8Array([9]))).toThrow(FileExistsError);
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(readdirSync(join(wsDir(), '01JALICE'))).toEqual(['1-1.age']);
  });
});

describe('listing', () => {
  it('ignores temporary and system files, reports strangers, lists conflict copies after originals', async () => {
    const p = await publish(alice, 1, 1);
    const dir = join(wsDir(), '01JALICE');
    for (const junk of ['.1-2.age.3f9a.tmp', '~syncthing~1-2.age.tmp', '1-2.age.part', '.DS_Store', 'desktop.ini', '1-2.age.crdownload']) writeFileSync(join(dir, junk), 'x');
    copyFileSync(p, join(dir, '1-1 (1).age'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    mkdirSync(join(wsDir(), 'Not a device!'));
    const l = listBundleFiles(root, WS);
    expect(l.candidates.map((c) => c.file)).toEqual(['01JALICE/1-1.age', '01JALICE/1-1 (1).age']);
    expect(l.candidates[1]!.name).toMatchObject({ canonical: '01JALICE/1-1.age', conflictCopy: true });
    expect(l.unrecognized).toEqual(['01JALICE/notes.txt', 'Not a device!/']);
    expect(listBundleFiles(root, 'EMPTYWORKSPACE')).toEqual({ candidates: [], unrecognized: [] });
    // An unmounted share is an error to show, never an empty folder to sync against.
    expect(() => listBundleFiles(join(root, 'unmounted'), WS)).toThrow(FolderUnavailableError);
    await expect(readInbox({ root: join(root, 'unmounted'), workspaceId: WS, ageIdentity: alice.ageIdentity, members: roster, ledger: new MemoryLedger() })).rejects.toThrow(/cannot be found/);
  });

  it('lists snapshots with the same naming under snapshots/<device>/', () => {
    writeNewFile(layout.snapshot(root, WS, '01JBRUNO', 1, 40), new Uint8Array([1]));
    expect(listSnapshotFiles(root, WS).candidates.map((c) => [c.file, c.name.seq])).toEqual([['snapshots/01JBRUNO/1-40.age', 40]]);
  });
});

describe('reading the inbox', () => {
  it('accepts every member’s bundles in (device, seq) order and leaves nothing readable in the folder', async () => {
    await publish(bruno, 1, 2, 'Jean Dupont');
    await publish(alice, 1, 1);
    await publish(bruno, 1, 1);
    writeKeyCard(root, WS, alice);
    await writeJoinRequest(root, WS, camille, 'Camille Durand', [alice.ageRecipient]);
    await writeBlob(root, WS, new TextEncoder().encode('Pièce d’identité de Marie Martin'), recipientsForEpoch(roster, 1));

    const r = await inbox(chloe);
    expect(r.rejected).toEqual([]);
    expect(r.accepted.map((a) => a.opened.name.canonical)).toEqual(['01JALICE/1-1.age', '01JBRUNO/1-1.age', '01JBRUNO/1-2.age']);
    expect(r.accepted[0]!.opened.bundle.entries[0]!.fields.requester_name).toBe('Marie Martin');

    const files = allFiles(wsDir());
    expect(files.length).toBe(6); // 3 bundles, a key card, a join request, a blob
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const needle of ['Marie Martin', 'Martin', 'Jean Dupont', 'Camille', 'Durand', 'requester_name', 'Alice', 'Bruno']) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${relative(root, f)}`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (UTF-16) in ${relative(root, f)}`).toBe(false);
      }
    }
  });

  it('reads conflict copies once: identical copies are duplicates of the original', async () => {
    const p = await publish(alice, 1, 1);
    const dir = join(wsDir(), '01JALICE');
    for (const copy of ['1-1 (conflicted copy 2026-12-01 101512).age', '1-1 (1).age', '1-1-conflict-20261201.age']) copyFileSync(p, join(dir, copy));
    const r = await inbox(bruno);
    expect(r.accepted.map((a) => a.file)).toEqual(['01JALICE/1-1.age']);
    expect(r.duplicates.map((d) => d.of)).toEqual(['01JALICE/1-1.age', '01JALICE/1-1.age', '01JALICE/1-1.age']);
    expect(r.rejected).toEqual([]);
  });

  it('a conflict copy stands in for a damaged original', async () => {
    const p = await publish(alice, 1, 1);
    copyFileSync(p, join(wsDir(), '01JALICE', '1-1 (1).age'));
    writeFileSync(p, readFileSync(p).subarray(0, 100));
    const r = await inbox(bruno);
    expect(r.accepted.map((a) => a.file)).toEqual(['01JALICE/1-1 (1).age']);
    expect(r.rejected).toEqual([{ file: '01JALICE/1-1.age', reason: 'damaged', message: expect.stringContaining('cut short') }]);
  });

  it('a replayed old file is a no-op once applied; a different bundle under an applied name is refused', async () => {
    const ledger = new MemoryLedger();
    const p = await publish(alice, 1, 1);
    const first = await inbox(bruno, ledger);
    for (const { opened: o } of first.accepted) ledger.applied.set(`${o.name.device}/${o.name.epoch}-${o.name.seq}`, o.digest);

    // The sync tool puts the same file back (or a colleague restores the folder from a backup).
    const again = await inbox(bruno, ledger);
    expect(again.accepted).toEqual([]);
    expect(again.duplicates).toEqual([{ file: '01JALICE/1-1.age', of: '01JALICE/1-1.age' }]);

    // The same old file replayed under a newer number is refused by its content.
    copyFileSync(p, join(wsDir(), '01JALICE', '1-2.age'));
    // A different bundle under the applied number (a device restored from an old copy) is refused too.
    const other = await sealBundle(bundleOf('01JALICE', 1, 1, 'Paul Petit'), alice, recipientsForEpoch(roster, 1));
    writeFileSync(join(wsDir(), '01JALICE', '1-1 (1).age'), other);
    const third = await inbox(bruno, ledger);
    expect(third.accepted).toEqual([]);
    expect(third.rejected.map((x) => [x.file, x.reason])).toEqual([
      ['01JALICE/1-2.age', 'name_mismatch'],
      ['01JALICE/1-1 (1).age', 'conflicting_duplicate'],
    ]);
  });

  it('rejects with a reason: tampered, wrong workspace, non-member, removed member, mismatched name, stray file', async () => {
    const p = await publish(alice, 1, 1);
    const tampered = readFileSync(p);
    tampered[tampered.length - 5]! ^= 0xff;
    writeFileSync(p, tampered);

    const foreign = await sealBundle({ ...bundleOf('01JALICE', 1, 2), workspaceId: '01JOTHER' }, alice, recipientsForEpoch(roster, 1));
    writeBundleFile(root, WS, { device: '01JALICE', epoch: 1, seq: 2 }, foreign);
    writeBundleFile(root, WS, { device: '01JMALLORY', epoch: 1, seq: 1 }, await sealBundle(bundleOf('01JMALLORY', 1, 1), mallory, recipientsForEpoch(roster, 1)));
    // Chloé, removed at epoch 2, still writes for epoch 2 to the remaining members.
    writeBundleFile(root, WS, { device: '01JCHLOE', epoch: 2, seq: 5 }, await sealBundle(bundleOf('01JCHLOE', 2, 5), chloe, recipientsForEpoch(roster, 2)));
    const b3 = await sealBundle(bundleOf('01JBRUNO', 1, 3), bruno, recipientsForEpoch(roster, 1));
    writeBundleFile(root, WS, { device: '01JBRUNO', epoch: 1, seq: 4 }, b3);
    writeFileSync(join(wsDir(), '01JBRUNO', 'hello.age'), 'x');

    const r = await inbox(alice);
    expect(r.accepted).toEqual([]);
    expect(r.rejected.map((x) => [x.file, x.reason])).toEqual([
      ['01JBRUNO/hello.age', 'bad_name'],
      ['01JALICE/1-1.age', 'damaged'],
      ['01JALICE/1-2.age', 'wrong_workspace'],
      ['01JBRUNO/1-4.age', 'name_mismatch'],
      ['01JCHLOE/2-5.age', 'not_a_member'],
      ['01JMALLORY/1-1.age', 'not_a_member'],
    ]);
    for (const x of r.rejected) expect(x.message.length).toBeGreaterThan(10);
  });

  it('after the epoch change the removed member cannot read new files', async () => {
    await publish(alice, 2, 3);
    const asChloe = await inbox(chloe);
    expect(asChloe.accepted).toEqual([]);
    expect(asChloe.rejected.map((x) => [x.file, x.reason])).toEqual([['01JALICE/2-3.age', 'not_a_recipient']]);
    expect((await inbox(bruno)).accepted).toHaveLength(1);
  });

  it('a file still arriving is "not ready", not rejected; too large and skipped files are not read', async () => {
    const p = await publish(alice, 1, 1);
    writeFileSync(p, readFileSync(p).subarray(0, 60)); // half-synced, just modified
    await publish(bruno, 1, 1);
    const fresh = await inbox(chloe, new MemoryLedger(), { now: Date.now(), settleMs: 60_000 });
    expect(fresh.notReady).toEqual(['01JALICE/1-1.age']);
    expect(fresh.rejected).toEqual([]);
    const settled = await inbox(chloe, new MemoryLedger(), { maxBytes: 100, skip: (f) => f.name.device === '01JBRUNO' });
    expect(settled.skipped).toEqual(['01JBRUNO/1-1.age']);
    expect(settled.rejected.map((x) => x.reason)).toEqual(['damaged']);
    const big = await inbox(chloe, new MemoryLedger(), { maxBytes: 100 });
    expect(big.rejected.map((x) => [x.file, x.reason])).toEqual([
      ['01JALICE/1-1.age', 'damaged'],
      ['01JBRUNO/1-1.age', 'too_large'],
    ]);
  });
});

describe('blobs', () => {
  it('stores an attachment once under its digest and gives it back only intact', async () => {
    const data = new TextEncoder().encode('scan of a passport');
    const d1 = await writeBlob(root, WS, data, recipientsForEpoch(roster, 1));
    const d2 = await writeBlob(root, WS, data, recipientsForEpoch(roster, 1));
    expect(d1).toBe(d2);
    expect(readdirSync(join(wsDir(), 'blobs'))).toEqual([`${d1}.age`]);
    const back = await readBlob(root, WS, d1, bruno.ageIdentity);
    expect(back.ok && new TextDecoder().decode(back.bytes)).toBe('scan of a passport');
    expect(await readBlob(root, WS, d1, mallory.ageIdentity)).toMatchObject({ ok: false, reason: 'not_a_recipient' });
    expect(await readBlob(root, WS, 'b'.repeat(64), bruno.ageIdentity)).toMatchObject({ ok: false, reason: 'missing' });
    // A valid age file of other content put under this digest is refused.
    const wrong = await writeBlob(root, WS, new TextEncoder().encode('other'), recipientsForEpoch(roster, 1));
    copyFileSync(layout.blob(root, WS, wrong), layout.blob(root, WS, 'c'.repeat(64)));
    expect(await readBlob(root, WS, 'c'.repeat(64), bruno.ageIdentity)).toMatchObject({ ok: false, reason: 'damaged' });
  });
});

describe('key cards and join requests', () => {
  it('a joiner encrypts its request to the published members; a member reads name, keys and the same fingerprint', async () => {
    writeKeyCard(root, WS, alice);
    writeKeyCard(root, WS, bruno);
    writeKeyCard(root, WS, alice); // idempotent
    writeFileSync(join(wsDir(), 'keys', '01JFAKE.json'), JSON.stringify({ ...JSON.parse(readFileSync(layout.keyCard(root, WS, '01JBRUNO'), 'utf8')), deviceId: '01JFAKE' }));
    const cards = readKeyCards(root, WS);
    expect(cards.map((c) => c.deviceId)).toEqual(['01JALICE', '01JBRUNO']);

    const sent = await writeJoinRequest(root, WS, camille, '  Camille Durand ', cards.map((c) => c.ageRecipient), new Date('2026-12-01T09:30:00Z'));
    expect(sent.fingerprint).toBe(keyFingerprint(camille));
    copyFileSync(layout.join(root, WS, '01JCAMILLE'), join(wsDir(), 'joins', '01JCAMILLE (conflicted copy 2026-12-01).age'));

    const seen = await readJoinRequests(root, WS, bruno.ageIdentity);
    expect(seen.rejected).toEqual([]);
    expect(seen.requests).toEqual([
      {
        file: 'joins/01JCAMILLE.age',
        request: {
          format: 1,
          workspaceId: WS,
          deviceId: '01JCAMILLE',
          name: 'Camille Durand',
          ageRecipient: camille.ageRecipient,
          signingPublicKey: camille.signingPublicKey,
          fingerprint: keyFingerprint(camille),
          requestedAt: '2026-12-01T09:30:00.000Z',
        },
      },
    ]);
    // Someone without a key card cannot read it, and is not shown an error for it.
    expect(await readJoinRequests(root, WS, mallory.ageIdentity)).toEqual({ requests: [], rejected: [] });
    await expect(writeJoinRequest(root, WS, camille, 'Camille', [alice.ageRecipient])).rejects.toThrow(FileExistsError);
    await expect(writeJoinRequest(root, WS, mallory, 'M', [])).rejects.toThrow(/No member has published keys/);
  });

  it('refuses a request stored under another device’s name, or signed by another key', async () => {
    const body = (keys: DeviceKeys, deviceId = keys.deviceId) =>
      new TextEncoder().encode(
        canonicalJson({ format: 1, workspaceId: WS, deviceId, name: 'X', ageRecipient: keys.ageRecipient, signingPublicKey: keys.signingPublicKey, fingerprint: keyFingerprint(keys), requestedAt: '2026-12-01T09:30:00.000Z' }),
      );
    writeNewFile(layout.join(root, WS, '01JCAMILLE'), await sealSigned('join', body(mallory), mallory, [alice.ageRecipient]));
    // Claims Camille's device id, carries Mallory's keys, signed by Mallory as Camille.
    writeNewFile(layout.join(root, WS, '01JCHLOE'), await sealSigned('join', body(mallory, '01JCHLOE'), { deviceId: '01JCHLOE', signingPrivateKey: camille.signingPrivateKey }, [alice.ageRecipient]));
    writeFileSync(join(wsDir(), 'joins', 'readme.txt'), 'x');
    const seen = await readJoinRequests(root, WS, alice.ageIdentity);
    expect(seen.requests).toEqual([]);
    expect(seen.rejected.map((x) => [x.file, x.reason]).sort()).toEqual([
      ['joins/01JCAMILLE.age', 'name_mismatch'],
      ['joins/01JCHLOE.age', 'bad_signature'],
      ['joins/readme.txt', 'bad_name'],
    ]);
  });
});

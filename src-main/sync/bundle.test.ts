import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  canonicalJson,
  openBundle,
  openFromMember,
  openSigned,
  parseBundleName,
  recipientsForEpoch,
  sealBundle,
  sealSigned,
  type Bundle,
  type RosterMember,
  verifySigned,
} from './bundle';
import { decryptWith, encryptTo, generateDeviceKeys, publicKeysOf, verifyBytes, type DeviceKeys } from './crypto';

const WS = '01JWORKSPACE0000000000000A';
const entrySchema = z.strictObject({ table: z.string(), rowId: z.string(), fields: z.record(z.string(), z.unknown()) });
type Entry = z.infer<typeof entrySchema>;

let alice: DeviceKeys, bruno: DeviceKeys, chloe: DeviceKeys, mallory: DeviceKeys;
let roster: RosterMember[];
/** Chloé was removed when the workspace moved to key epoch 2. */
let rosterAfterRemoval: RosterMember[];

beforeAll(async () => {
  [alice, bruno, chloe, mallory] = await Promise.all(['01JALICE', '01JBRUNO', '01JCHLOE', '01JMALLORY'].map(generateDeviceKeys)) as [DeviceKeys, DeviceKeys, DeviceKeys, DeviceKeys];
  roster = [
    { ...publicKeysOf(alice), name: 'Alice', joinedEpoch: 1 },
    { ...publicKeysOf(bruno), name: 'Bruno', joinedEpoch: 1 },
    { ...publicKeysOf(chloe), name: 'Chloé', joinedEpoch: 1 },
  ];
  rosterAfterRemoval = roster.map((m) => (m.deviceId === chloe.deviceId ? { ...m, removedEpoch: 2 } : m));
});

function bundleOf(device: string, epoch: number, seq: number, over: Partial<Bundle<Entry>> = {}): Bundle<Entry> {
  return {
    format: 1,
    schemaVersion: 12,
    workspaceId: WS,
    device,
    epoch,
    seq,
    vector: { [device]: seq * 2, '01JBRUNO': 4 },
    entries: [
      { table: 'requests', rowId: '01JREQ1', fields: { requester_name: 'Marie Martin', received_on: '2026-11-30' } },
      { table: 'requests', rowId: '01JREQ1', fields: { status: 'open' } },
    ],
    ...over,
  };
}
const everyone = () => recipientsForEpoch(roster, 1);
const open = (bytes: Uint8Array, keys: DeviceKeys, fileName: string, members = roster, workspaceId = WS) =>
  openBundle(bytes, keys.ageIdentity, members, { fileName, workspaceId }, entrySchema);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('round trip', () => {
  it('every member opens what a member sealed, and gets exactly what was sealed', async () => {
    const b = bundleOf(alice.deviceId, 1, 3);
    const sealed = await sealBundle(b, alice, everyone(), entrySchema);
    for (const k of [alice, bruno, chloe]) {
      const r = await open(sealed, k, `${alice.deviceId}/1-3.age`);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.bundle).toEqual(b);
      expect(r.signer.name).toBe('Alice');
      expect(r.name).toMatchObject({ device: alice.deviceId, epoch: 1, seq: 3, conflictCopy: false });
      expect(r.digest).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('gives the same digest for the same bundle however its keys were ordered', async () => {
    const b = bundleOf(alice.deviceId, 1, 1);
    const reordered = JSON.parse(JSON.stringify({ entries: b.entries, vector: b.vector, seq: 1, epoch: 1, device: b.device, workspaceId: WS, schemaVersion: 12, format: 1 })) as Bundle<Entry>;
    const [x, y] = await Promise.all([sealBundle(b, alice, everyone()), sealBundle(reordered, alice, everyone())]);
    expect(Buffer.from(x).equals(Buffer.from(y))).toBe(false); // fresh age file key each time
    const [rx, ry] = await Promise.all([open(x, bruno, `${alice.deviceId}/1-1.age`), open(y, bruno, `${alice.deviceId}/1-1.age`)]);
    expect(rx.ok && ry.ok && rx.digest === ry.digest).toBe(true);
  });

  it('keeps nothing readable in the sealed bytes', async () => {
    const sealed = await sealBundle(bundleOf(alice.deviceId, 1, 1), alice, everyone());
    const text = Buffer.from(sealed).toString('latin1');
    for (const needle of ['Marie', 'Martin', 'requests', alice.deviceId, WS, 'vigie-signed']) expect(text).not.toContain(needle);
  });

  it('refuses to seal an invalid bundle, another device’s bundle, or to nobody', async () => {
    await expect(sealBundle({ ...bundleOf(alice.deviceId, 1, 1), seq: 0 }, alice, everyone())).rejects.toThrow();
    await expect(sealBundle({ ...bundleOf(alice.deviceId, 1, 1), entries: [{ nope: 1 }] } as never, alice, everyone(), entrySchema)).rejects.toThrow();
    await expect(sealBundle(bundleOf(bruno.deviceId, 1, 1), alice, everyone())).rejects.toThrow(/cannot seal a bundle of device/);
    await expect(sealBundle(bundleOf(alice.deviceId, 1, 1), alice, [])).rejects.toThrow(/nobody/);
  });
});

describe('rejections: each one is ok:false with its reason, and nothing else', () => {
  let good: Uint8Array;
  const goodName = () => `${alice.deviceId}/1-5.age`;
  beforeAll(async () => {
    good = await sealBundle(bundleOf(alice.deviceId, 1, 5), alice, everyone(), entrySchema);
  });

  function expectOnlyRejection(r: unknown, reason: string, message?: RegExp) {
    expect(r).toEqual({ ok: false, reason, message: expect.any(String) });
    if (message) expect((r as { message: string }).message).toMatch(message);
  }

  it.each([
    ['no epoch', '01JALICE/5.age'],
    ['not .age', '01JALICE/1-5.json'],
    ['leading zero', '01JALICE/1-05.age'],
    ['epoch 0', '01JALICE/0-5.age'],
    ['no device folder', '1-5.age'],
    ['reserved folder', 'blobs/1-5.age'],
    ['other workspace prefix', 'vigie-OTHER/01JALICE/1-5.age'],
    ['too deep', 'a/b/01JALICE/1-5.age'],
    ['temporary', '01JALICE/.1-5.age.tmp'],
  ])('bad name: %s', async (_label, fileName) => {
    expectOnlyRejection(await open(good, bruno, fileName), 'bad_name');
  });

  it('tampered byte: damaged (header, body and last byte)', async () => {
    for (const at of [20, Math.floor(good.length / 2), good.length - 1]) {
      const bad = good.slice();
      bad[at]! ^= 0x20;
      expectOnlyRejection(await open(bad, bruno, goodName()), 'damaged');
    }
  });

  it('truncated file: damaged', async () => {
    for (const len of [0, 30, good.length - 17, good.length - 1]) expectOnlyRejection(await open(good.subarray(0, len), bruno, goodName()), 'damaged');
  });

  it('not encrypted to this device: not_a_recipient', async () => {
    expectOnlyRejection(await open(good, mallory, goodName()), 'not_a_recipient');
  });

  it('wrong workspace', async () => {
    const other = await sealBundle(bundleOf(alice.deviceId, 1, 5, { workspaceId: '01JOTHERWORKSPACE' }), alice, everyone());
    expectOnlyRejection(await open(other, bruno, goodName()), 'wrong_workspace', /01JOTHERWORKSPACE/);
  });

  it('non-member: a device absent from the roster, even if it knows every recipient', async () => {
    const forged = await sealBundle(bundleOf(mallory.deviceId, 1, 1), mallory, everyone());
    expectOnlyRejection(await open(forged, bruno, `${mallory.deviceId}/1-1.age`), 'not_a_member', /not a member/);
  });

  it('removed member after the epoch change: cannot read epoch-2 files, and its epoch-2 bundles are refused', async () => {
    const epoch2 = recipientsForEpoch(rosterAfterRemoval, 2);
    expect(epoch2).toEqual([alice.ageRecipient, bruno.ageRecipient]);
    const fromAlice = await sealBundle(bundleOf(alice.deviceId, 2, 6), alice, epoch2);
    expectOnlyRejection(await open(fromAlice, chloe, `${alice.deviceId}/2-6.age`, rosterAfterRemoval), 'not_a_recipient');
    expect((await open(fromAlice, bruno, `${alice.deviceId}/2-6.age`, rosterAfterRemoval)).ok).toBe(true);

    // Chloé still holds her keys and everyone's public recipients: her epoch-2 bundle decrypts but is refused.
    const fromChloe = await sealBundle(bundleOf(chloe.deviceId, 2, 9), chloe, epoch2);
    expectOnlyRejection(await open(fromChloe, alice, `${chloe.deviceId}/2-9.age`, rosterAfterRemoval), 'not_a_member', /removed at key epoch 2/);
    // What she wrote before the removal (epoch 1) stays valid.
    const before = await sealBundle(bundleOf(chloe.deviceId, 1, 8), chloe, recipientsForEpoch(rosterAfterRemoval, 1));
    expect((await open(before, alice, `${chloe.deviceId}/1-8.age`, rosterAfterRemoval)).ok).toBe(true);
  });

  it('removed member writing later files under the old epoch: refused beyond the last bundle the remover had', async () => {
    const capped = rosterAfterRemoval.map((m) => (m.deviceId === chloe.deviceId ? { ...m, lastAcceptedSeq: 8 } : m));
    const at8 = await sealBundle(bundleOf(chloe.deviceId, 1, 8), chloe, recipientsForEpoch(capped, 2));
    expect((await open(at8, alice, `${chloe.deviceId}/1-8.age`, capped)).ok).toBe(true);
    const at9 = await sealBundle(bundleOf(chloe.deviceId, 1, 9), chloe, recipientsForEpoch(capped, 2));
    expectOnlyRejection(await open(at9, alice, `${chloe.deviceId}/1-9.age`, capped), 'not_a_member', /after bundle 8; file 9 came later/);
  });

  it('name/content mismatch: renamed seq, renamed epoch, moved to another device’s folder', async () => {
    expectOnlyRejection(await open(good, bruno, `${alice.deviceId}/1-6.age`), 'name_mismatch', /named 01JALICE\/1-6\.age but holds 01JALICE\/1-5\.age/);
    expectOnlyRejection(await open(good, bruno, `${alice.deviceId}/2-5.age`), 'name_mismatch');
    expectOnlyRejection(await open(good, alice, `${bruno.deviceId}/1-5.age`), 'name_mismatch', /Signed by device 01JALICE/);
  });

  it('a member signing a bundle that claims another device’s identity: name_mismatch', async () => {
    const body = utf8(canonicalJson(bundleOf(alice.deviceId, 1, 7)));
    const byBruno = await sealSigned('bundle', body, bruno, everyone());
    expectOnlyRejection(await open(byBruno, alice, `${bruno.deviceId}/1-7.age`), 'name_mismatch');
    expectOnlyRejection(await open(byBruno, alice, `${alice.deviceId}/1-7.age`), 'name_mismatch');
  });

  it('a signature by the wrong key: bad_signature', async () => {
    const body = utf8(canonicalJson(bundleOf(alice.deviceId, 1, 7)));
    const forged = await sealSigned('bundle', body, { deviceId: alice.deviceId, signingPrivateKey: mallory.signingPrivateKey }, everyone());
    expectOnlyRejection(await open(forged, bruno, `${alice.deviceId}/1-7.age`), 'bad_signature');
  });

  it('unsupported format: a newer envelope or a newer framing', async () => {
    const newer = await sealSigned('bundle', utf8(canonicalJson({ ...bundleOf(alice.deviceId, 1, 7), format: 2 })), alice, everyone());
    expectOnlyRejection(await open(newer, bruno, `${alice.deviceId}/1-7.age`), 'unsupported_format', /Update Vigie/);
    const framing = await encryptTo(everyone(), utf8(`vigie-signed/2\nbundle\n${alice.deviceId}\n${'A'.repeat(86)}\n{}`));
    expectOnlyRejection(await open(framing, bruno, `${alice.deviceId}/1-7.age`), 'unsupported_format');
  });

  it('payload that fails validation: invalid_payload (envelope and entries)', async () => {
    const extraKey = await sealSigned('bundle', utf8(canonicalJson({ ...bundleOf(alice.deviceId, 1, 7), extra: true })), alice, everyone());
    expectOnlyRejection(await open(extraKey, bruno, `${alice.deviceId}/1-7.age`), 'invalid_payload');
    const badEntry = await sealBundle({ ...bundleOf(alice.deviceId, 1, 7), entries: [{ table: 'requests' }] } as never, alice, everyone());
    expectOnlyRejection(await open(badEntry, bruno, `${alice.deviceId}/1-7.age`), 'invalid_payload', /entries/);
    const notJson = await sealSigned('bundle', utf8('{"format":1,'), alice, everyone());
    expectOnlyRejection(await open(notJson, bruno, `${alice.deviceId}/1-7.age`), 'malformed');
  });

  it('another kind of signed file (a snapshot) is not accepted as a bundle', async () => {
    const snap = await sealSigned('snapshot', utf8(canonicalJson(bundleOf(alice.deviceId, 1, 7))), alice, everyone());
    expectOnlyRejection(await open(snap, bruno, `${alice.deviceId}/1-7.age`), 'malformed', /snapshot/);
  });

  it('snapshots go through the same member checks (openFromMember)', async () => {
    const body = utf8('{"rows":[]}');
    const snap = await sealSigned('snapshot', body, bruno, everyone());
    const ok = await openFromMember(snap, alice.ageIdentity, roster, { kind: 'snapshot', device: bruno.deviceId, epoch: 1, seq: 40 });
    expect(ok.ok && Buffer.from(ok.opened.body).toString()).toBe('{"rows":[]}');
    expectOnlyRejection(await openFromMember(snap, alice.ageIdentity, rosterAfterRemoval.filter((m) => m.deviceId !== bruno.deviceId), { kind: 'snapshot', device: bruno.deviceId, epoch: 1, seq: 40 }), 'not_a_member');
    expectOnlyRejection(await openFromMember(snap, alice.ageIdentity, roster, { kind: 'bundle', device: bruno.deviceId, epoch: 1, seq: 40 }), 'malformed');
  });

  it('an age file that is not a Vigie file: malformed', async () => {
    const other = await encryptTo(everyone(), utf8('hello'));
    expectOnlyRejection(await open(other, bruno, goodName()), 'malformed');
  });
});

describe('names', () => {
  it.each([
    ['01JALICE/3-12.age', false],
    ['vigie-W1/01JALICE/3-12.age', false],
    ['01JALICE\\3-12.age', false],
    ['01JALICE/3-12 (conflicted copy 2026-12-01 101512).age', true],
    ["01JALICE/3-12 (Marie's conflicted copy 2026-12-01).age", true],
    ['01JALICE/3-12 (1).age', true],
    ['01JALICE/3-12-conflict-20261201-101512.age', true],
    ['01JALICE/3-12.sync-conflict-20261201-101512-ABCDEFG.age', true],
    ['01JALICE/3-12-DESKTOP-7Q2M.age', true],
  ])('%s → 01JALICE/3-12.age', (path, conflictCopy) => {
    expect(parseBundleName(path)).toEqual({ device: '01JALICE', epoch: 3, seq: 12, canonical: '01JALICE/3-12.age', conflictCopy });
  });

  it('checks the workspace folder when given', () => {
    expect(parseBundleName('vigie-W1/01JALICE/3-12.age', 'W1')).not.toBeNull();
    expect(parseBundleName('vigie-W2/01JALICE/3-12.age', 'W1')).toBeNull();
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: -0 }], c: null, u: undefined } })).toBe('{"a":{"c":null,"d":[1,{"y":0,"z":0}]},"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/\$\.x/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/Date/);
  });
});

describe('the signed envelope, laid out in one buffer', () => {
  it('the plaintext is `vigie-signed/N, kind, signer, signature` lines then the body, the signature over head + body — as before the single-copy layout', async () => {
    const body = new TextEncoder().encode('{"a":"é"}\nsecond line');
    const sealed = await sealSigned('snapshot', body, alice, [alice.ageRecipient]);
    const d = await decryptWith(alice.ageIdentity, sealed);
    expect(d.ok).toBe(true);
    const plain = Buffer.from((d as { plaintext: Uint8Array }).plaintext);
    const lines = plain.subarray(0, plain.length - body.length).toString('latin1').split('\n');
    expect(lines.slice(0, 3)).toEqual(['vigie-signed/1', 'snapshot', alice.deviceId]);
    expect(lines[3]).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(lines[4]).toBe('');
    expect(plain.subarray(plain.length - body.length).equals(body)).toBe(true);
    const head = Buffer.from(`vigie-signed/1\nsnapshot\n${alice.deviceId}\n`);
    expect(verifyBytes(alice.signingPublicKey, Buffer.concat([head, body]), new Uint8Array(Buffer.from(lines[3]!, 'base64url')))).toBe(true);

    // Opened: the signed message laid out in the plaintext's buffer is head + body, the body intact.
    const opened = await openSigned(sealed, bruno.ageIdentity).catch(() => undefined);
    expect(opened).toMatchObject({ ok: false, reason: 'not_a_recipient' });
    const mine = await openSigned(sealed, alice.ageIdentity);
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    expect(Buffer.from(mine.signed!).equals(Buffer.concat([head, body]))).toBe(true);
    expect(Buffer.from(mine.body).equals(body)).toBe(true);
    expect(verifySigned(mine, alice.signingPublicKey)).toBe(true);
    expect(verifySigned(mine, bruno.signingPublicKey)).toBe(false);
    // Without the laid-out message (an OpenedSigned made elsewhere), the same answer.
    expect(verifySigned({ ...mine, signed: undefined }, alice.signingPublicKey)).toBe(true);
    // One byte of the body changed after signing: refused.
    mine.body[0] = 0x5b;
    expect(verifySigned(mine, alice.signingPublicKey)).toBe(false);
  });
});

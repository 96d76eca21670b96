/**
 * Sync files opened on another thread (open-file.thread.ts) give exactly the answers of the same
 * functions in this thread, for good files and for every kind of refusal, and the file is opened
 * here when the thread cannot start or dies.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, canonicalJson, openBundle, sealBundle, sealSigned, type Bundle, type RosterMember } from './bundle';
import { openSnapshot, sealSnapshot } from './open-file';
import { generateDeviceKeys, publicKeysOf, type DeviceKeys } from './crypto';
import { startSyncFileOpener } from './open-file.thread';
import { allEntries } from '../db/remote';
import { founder, type Replica } from '../db/test-fixtures/replicas';
import type { LogEntryRow } from '../db/log-format';

let a: Replica;
let entries: LogEntryRow[];
let alice: DeviceKeys, bruno: DeviceKeys, mallory: DeviceKeys;
let roster: RosterMember[];
let opener: ReturnType<typeof startSyncFileOpener>;
const utf8 = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
  a = await founder('open-file');
  await a.ws.mutate(async (w) => {
    for (let i = 1; i <= 40; i++) await w.write({ op: 'insert', table: 'activities', values: { reference: `T-${i}`, name: `Traitement n° ${i} — données « sensibles »`, role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: ['p'], notes: '' } } });
  });
  entries = allEntries(a.ws.raw);
  [alice, bruno, mallory] = (await Promise.all(['01JALICE', '01JBRUNO', '01JMALLORY'].map(generateDeviceKeys))) as [DeviceKeys, DeviceKeys, DeviceKeys];
  roster = [
    { ...publicKeysOf(alice), name: 'Alice', joinedEpoch: 1 },
    { ...publicKeysOf(bruno), name: 'Bruno', joinedEpoch: 1 },
  ];
  // Every file goes to the thread, however small.
  opener = startSyncFileOpener({ minBytes: 0 });
}, 60_000);

afterAll(async () => {
  opener?.close();
  await a?.ws.close();
});

const WS = () => a.ws.workspaceId;
const bundleBytes = (over: Record<string, unknown> = {}, seq = 3) =>
  sealBundle({ format: BUNDLE_FORMAT, schemaVersion: 17, workspaceId: WS(), device: alice.deviceId, epoch: 1, seq, vector: { [alice.deviceId]: 41 }, entries, ...over }, alice, roster.map((m) => m.ageRecipient));
const snapshotBytes = (over: Record<string, unknown> = {}) =>
  sealSigned('snapshot', utf8(canonicalJson({ format: BUNDLE_FORMAT, schemaVersion: 17, workspaceId: WS(), device: alice.deviceId, epoch: 1, seq: 2, vector: { [alice.deviceId]: 41 }, roster, entries, blobs: {}, ...over })), alice, roster.map((m) => m.ageRecipient));

describe('bundles opened on the thread', () => {
  const file = `${'01JALICE'}/1-3.age`;
  it.each([
    ['a good bundle of change-log entries (they travel packed)', async () => ({ bytes: await bundleBytes(), keys: () => bruno, members: () => roster, name: file })],
    ['entries of another shape (they travel as they are)', async () => ({ bytes: await bundleBytes({ entries: [{ table: 'x', n: 1 }, { other: 'é' }] }), keys: () => bruno, members: () => roster, name: file })],
    ['not encrypted to this device', async () => ({ bytes: await bundleBytes(), keys: () => mallory, members: () => roster, name: file })],
    ['signed by a device not in the roster', async () => ({ bytes: await bundleBytes(), keys: () => bruno, members: () => roster.slice(1), name: file })],
    ['cut short', async () => ({ bytes: (await bundleBytes()).subarray(0, 900), keys: () => bruno, members: () => roster, name: file })],
    ['named as another bundle', async () => ({ bytes: await bundleBytes(), keys: () => bruno, members: () => roster, name: `${'01JALICE'}/1-4.age` })],
    ['of another workspace', async () => ({ bytes: await bundleBytes({ workspaceId: '01JOTHERWORKSPACE000000000' }), keys: () => bruno, members: () => roster, name: file })],
  ])('%s: the same answer as here', async (_what, make) => {
    const c = await make();
    const expected = { fileName: c.name, workspaceId: WS() };
    const here = await openBundle(c.bytes, c.keys().ageIdentity, c.members(), expected);
    const there = await opener.openBundle(c.bytes, c.keys().ageIdentity, c.members(), expected);
    expect(there).toEqual(here);
    if (here.ok) expect(canonicalJson((there as typeof here).bundle.entries)).toBe(canonicalJson(here.bundle.entries));
  });
});

describe('snapshots opened on the thread', () => {
  const expected = { file: `${'01JALICE'}/snapshot-1-2.age`, device: '01JALICE', epoch: 1, seq: 2 };
  it.each([
    ['a member', async () => ({ bytes: await snapshotBytes(), keys: () => bruno, roster: () => roster, expected })],
    ['a joiner it names', async () => ({ bytes: await snapshotBytes(), keys: () => bruno, roster: () => [], expected })],
    ['a joiner it does not name', async () => ({ bytes: await snapshotBytes({ roster: roster.slice(0, 1) }), keys: () => bruno, roster: () => [], expected })],
    ['not for this device', async () => ({ bytes: await snapshotBytes(), keys: () => mallory, roster: () => roster, expected })],
    ['cut short', async () => ({ bytes: (await snapshotBytes()).subarray(0, 700), keys: () => bruno, roster: () => roster, expected })],
    ['named as another snapshot', async () => ({ bytes: await snapshotBytes({ seq: 5 }), keys: () => bruno, roster: () => roster, expected })],
    ['not a snapshot body', async () => ({ bytes: await sealSigned('snapshot', utf8('{"format":1}'), alice, roster.map((m) => m.ageRecipient)), keys: () => bruno, roster: () => roster, expected })],
  ])('%s: the same outcome as here', async (_what, make) => {
    const c = await make();
    const here = await openSnapshot(c.bytes, c.keys(), c.roster(), c.expected, WS());
    // The thread reads the file itself.
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-open-file-')), 'snapshot.age');
    writeFileSync(path, c.bytes);
    const there = await opener.openSnapshotFile(path, c.keys(), c.roster(), c.expected, WS());
    expect(there).toEqual(here);
  });
});

describe('files sealed on the thread', () => {
  it('a bundle and a snapshot sealed there open to the very body sealed here (same signed bytes, same digest)', async () => {
    const bundle: Bundle<LogEntryRow> = { format: BUNDLE_FORMAT, schemaVersion: 17, workspaceId: WS(), device: alice.deviceId, epoch: 1, seq: 7, vector: { [alice.deviceId]: 41 }, entries };
    const recipients = roster.map((m) => m.ageRecipient);
    const sealer = startSyncFileOpener({ minEntries: 1 });
    const there = await sealer.sealBundle(bundle, alice, recipients);
    const here = await sealBundle(bundle, alice, recipients);
    expect(sealer.stats().thread).toBe(1);
    const expected = { fileName: `${'01JALICE'}/1-7.age`, workspaceId: WS() };
    const a1 = await openBundle(there, bruno.ageIdentity, roster, expected);
    const a2 = await openBundle(here, bruno.ageIdentity, roster, expected);
    expect(a1.ok && a2.ok && a1.digest === a2.digest).toBe(true);
    const body = { format: BUNDLE_FORMAT, schemaVersion: 17, workspaceId: WS(), device: alice.deviceId, epoch: 1, seq: 2, vector: { [alice.deviceId]: 41 }, roster: roster.map((m) => ({ ...m, removedEpoch: null })), entries, blobs: {} } as const;
    const s1 = await openSnapshot(await sealer.sealSnapshot({ ...body, entries: [...body.entries] }, alice, recipients), bruno, roster, { file: 'x', device: '01JALICE', epoch: 1, seq: 2 }, WS());
    const s2 = await openSnapshot(await sealSnapshot({ ...body, entries: [...body.entries] }, alice, recipients), bruno, roster, { file: 'x', device: '01JALICE', epoch: 1, seq: 2 }, WS());
    expect(s1).toEqual(s2);
    expect(s1.ok).toBe(true);
    expect(sealer.stats().thread).toBe(2);
    // Below the threshold: sealed here.
    await startSyncFileOpener().sealBundle({ ...bundle, entries: entries.slice(0, 3) }, alice, recipients);
    sealer.close();
  });
});

describe('the thread answered', () => {
  it('every file above went there, the change-log entries packed', () => {
    expect(opener.stats()).toEqual({ thread: 14, packed: 3 });
  });
});

describe('without the thread', () => {
  it('a thread that cannot start, or that dies, leaves the file opened here', async () => {
    const bytes = await bundleBytes();
    const expected = { fileName: `${'01JALICE'}/1-3.age`, workspaceId: WS() };
    const here = await openBundle(bytes, bruno.ageIdentity, roster, expected);
    const cannot = startSyncFileOpener({
      minBytes: 0,
      create: () => {
        throw new Error('no threads here');
      },
    });
    expect(await cannot.openBundle(bytes, bruno.ageIdentity, roster, expected)).toEqual(here);
    expect(cannot.stats().thread).toBe(0);
    cannot.close();
    const dies = startSyncFileOpener({ minBytes: 0, create: () => new Worker('process.exit(3)', { eval: true }) });
    expect(await dies.openBundle(bytes, bruno.ageIdentity, roster, expected)).toEqual(here);
    expect(await dies.openBundle(bytes, bruno.ageIdentity, roster, expected)).toEqual(here);
    expect(dies.stats().thread).toBe(0);
    dies.close();
  });
});

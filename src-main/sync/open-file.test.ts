/**
 * A snapshot's body in its two layouts (open-file.ts snapshotBytes / parseSnapshot): one canonical
 * JSON document when it fits — byte for byte what every version writes — and lines beyond
 * (a workspace whose log or files pass the longest string the JavaScript engine holds). Both open
 * to the very same body; a damaged or forged body in lines is refused, never half read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, canonicalJson, openSigned, sealSigned, type RosterMember } from './bundle';
import { startSyncFileOpener } from './open-file.thread';
import { ONE_DOCUMENT_MAX_CHARS, openSnapshot, parseSnapshot, sealSnapshot, snapshotBytes, type SnapshotWriteBody } from './open-file';
import { generateDeviceKeys, publicKeysOf, type DeviceKeys } from './crypto';
import { allEntries } from '../db/remote';
import { founder, type Replica } from '../db/test-fixtures/replicas';
import type { LogEntryRow } from '../db/log-format';

let a: Replica;
let entries: LogEntryRow[];
let alice: DeviceKeys, bruno: DeviceKeys;
let roster: RosterMember[];
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const sha = (n: number) => n.toString(16).padStart(64, '0');

beforeAll(async () => {
  a = await founder('snapshot-lines');
  await a.ws.mutate(async (w) => {
    for (let i = 1; i <= 25; i++) {
      await w.write({ op: 'insert', table: 'activities', values: { reference: `T-${i}`, name: `Traitement n° ${i} — l’équipe « RH »\n\t\u0001`, role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: ['p'], notes: '😀 \\ "' } } });
    }
  });
  entries = allEntries(a.ws.raw);
  [alice, bruno] = (await Promise.all(['01JALICE', '01JBRUNO'].map(generateDeviceKeys))) as [DeviceKeys, DeviceKeys];
  roster = [
    { ...publicKeysOf(alice), name: 'Alice', joinedEpoch: 1 },
    { ...publicKeysOf(bruno), name: 'Bruno', joinedEpoch: 1 },
  ];
}, 60_000);

afterAll(async () => {
  await a?.ws.close();
});

const body = (over: Partial<SnapshotWriteBody> = {}): SnapshotWriteBody => ({
  format: BUNDLE_FORMAT,
  schemaVersion: 17,
  workspaceId: a.ws.workspaceId,
  device: alice.deviceId,
  epoch: 1,
  seq: 2,
  vector: { [alice.deviceId]: entries.length },
  roster: roster.map((m) => ({ ...m, removedEpoch: null })),
  entries: [...entries],
  // Not in sha order, one with characters JSON escapes.
  blobs: { [sha(9)]: 'SGVsbG8=', [sha(3)]: 'AAAA', [sha(5)]: 'line\nbreak "quoted" é' },
  ...over,
});
const expected = { file: 'x', device: '01JALICE', epoch: 1, seq: 2 };
const lines = (b: Uint8Array) => text(b).split('\n');

describe('one document, as every version writes it', () => {
  it.each([
    ['the workspace’s log and files', () => body()],
    ['no entry, no file', () => body({ entries: [], blobs: {} })],
    ['an entry missing from the list (written as null)', () => body({ entries: [entries[0], undefined, entries[1]] as never })],
    ['a field left undefined is left out', () => ({ ...body(), extra: undefined }) as SnapshotWriteBody],
  ])('%s: byte for byte canonicalJson(body)', (_what, make) => {
    const b = make();
    expect(text(snapshotBytes(b))).toBe(canonicalJson(b));
  });

  it('below the limit it is one document; above, lines — the limit just below the longest string V8 holds', () => {
    const b = body();
    const doc = canonicalJson(b).length;
    expect(snapshotBytes(b, doc + 100).includes(0x0a)).toBe(false);
    expect(snapshotBytes(b, Math.floor(doc / 2)).includes(0x0a)).toBe(true);
    expect(ONE_DOCUMENT_MAX_CHARS).toBeLessThan(2 ** 29 - 24);
    expect(ONE_DOCUMENT_MAX_CHARS).toBeGreaterThan(500_000_000);
  });
});

describe('lines', () => {
  it('a header, one line per entry in order, one per file in sha order, each ending with a newline', () => {
    const b = body();
    const l = lines(snapshotBytes(b, 0));
    expect(l.at(-1)).toBe('');
    expect(JSON.parse(l[0]!)).toEqual({ ...canonicalHeader(b), layout: 'lines', entryCount: entries.length, blobCount: 3 });
    expect(l.slice(1, 1 + entries.length)).toEqual(entries.map((e) => canonicalJson(e)));
    expect(l.slice(1 + entries.length, -1).map((x) => JSON.parse(x) as unknown)).toEqual([
      [sha(3), 'AAAA'],
      [sha(5), 'line\nbreak "quoted" é'],
      [sha(9), 'SGVsbG8='],
    ]);
    expect(l).toHaveLength(1 + entries.length + 3 + 1);
  });

  it('sealed in lines, a snapshot opens to the very body it opens to as one document — for a member and for a joiner', async () => {
    const recipients = roster.map((m) => m.ageRecipient);
    for (const members of [roster, []]) {
      const one = await openSnapshot(await sealSnapshot(body(), alice, recipients), bruno, members, expected, a.ws.workspaceId);
      const inLines = await openSnapshot(await sealSnapshot(body(), alice, recipients, 0), bruno, members, expected, a.ws.workspaceId);
      expect(one.ok).toBe(true);
      expect(inLines).toEqual(one);
    }
  });

  it('sealed in lines on the sync file thread, it opens to the same body (the limit goes with the request)', async () => {
    const recipients = roster.map((m) => m.ageRecipient);
    const thread = startSyncFileOpener({ minEntries: 1 });
    try {
      const sealed = await thread.sealSnapshot(body(), alice, recipients, 0);
      expect(thread.stats().thread).toBe(1);
      const there = await openSnapshot(sealed, bruno, roster, expected, a.ws.workspaceId);
      expect(there).toEqual(await openSnapshot(await sealSnapshot(body(), alice, recipients), bruno, roster, expected, a.ws.workspaceId));
      // In lines: its plaintext holds a newline past the signed envelope's header.
      const opened = await openSigned(sealed, bruno.ageIdentity);
      expect(opened.ok && opened.body.includes(0x0a)).toBe(true);
    } finally {
      thread.close();
    }
  });

  it('with no entry and no file', () => {
    const b = body({ entries: [], blobs: {} });
    expect(parseSnapshot(snapshotBytes(b, 0))).toEqual(parseSnapshot(snapshotBytes(b)));
  });

  const good = () => lines(snapshotBytes(body(), 0)).slice(0, -1);
  const join = (l: string[]) => utf8(l.map((x) => `${x}\n`).join(''));
  const header = (l: string[], change: (h: Record<string, unknown>) => void) => {
    const h = JSON.parse(l[0]!) as Record<string, unknown>;
    change(h);
    return [JSON.stringify(h), ...l.slice(1)];
  };
  it.each([
    ['the last line cut short (no newline)', () => utf8(good().join('\n'))],
    ['an entry line missing', () => join(good().filter((_, i) => i !== 3))],
    ['a file line missing', () => join(good().slice(0, -1))],
    ['a line more than the header announces', () => join([...good(), '{"a":1}'])],
    ['bytes after the last line', () => new Uint8Array([...join(good()), 0x7b])],
    ['more entries announced than there are lines', () => join(header(good(), (h) => (h.entryCount = 10_000_000)))],
    ['a header without its layout', () => join(header(good(), (h) => delete h.layout))],
    ['a layout this version does not know', () => join(header(good(), (h) => (h.layout = 'chunks')))],
    ['a header that also holds the entries', () => join(header(good(), (h) => (h.entries = [])))],
    ['a header missing a field', () => join(header(good(), (h) => delete h.workspaceId))],
    ['files out of order', () => {
      const l = good();
      return join([...l.slice(0, -3), l.at(-2)!, l.at(-3)!, l.at(-1)!]);
    }],
    ['the same file twice', () => {
      const l = good();
      return join([...l.slice(0, -1), l.at(-2)!]);
    }],
    ['a file named by no sha256', () => {
      const l = good();
      return join([...l.slice(0, -1), JSON.stringify(['zz', 'AAAA'])]);
    }],
    ['a file line that is not a pair', () => {
      const l = good();
      return join([...l.slice(0, -1), JSON.stringify([sha(11), 'AAAA', 'more'])]);
    }],
    ['a line that is not JSON', () => join(good().map((x, i) => (i === 2 ? x.slice(0, -3) : x)))],
    ['a line that is not UTF-8', () => {
      const l = good();
      const before = join(l.slice(0, 2));
      const after = join(l.slice(3));
      return new Uint8Array([...before, 0x22, 0xff, 0x22, 0x0a, ...after]);
    }],
  ])('refused: %s', async (_what, make) => {
    const bytes = make();
    expect(parseSnapshot(bytes)).toBeUndefined();
    const sealed = await sealSigned('snapshot', bytes, alice, roster.map((m) => m.ageRecipient));
    expect(await openSnapshot(sealed, bruno, roster, expected, a.ws.workspaceId)).toMatchObject({ ok: false, next: 'reject', reason: 'invalid_payload' });
    // A joiner does not take it either.
    expect(await openSnapshot(sealed, bruno, [], expected, a.ws.workspaceId)).toEqual({ ok: false, next: 'skip' });
  });

  it('the good lines themselves are taken (the refusals above are the changes, not the layout)', () => {
    expect(parseSnapshot(join(good()))).toEqual(parseSnapshot(snapshotBytes(body())));
  });
});

function canonicalHeader(b: SnapshotWriteBody): Record<string, unknown> {
  const { entries: _e, blobs: _b, ...rest } = b;
  return JSON.parse(canonicalJson(rest)) as Record<string, unknown>;
}

import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';
import { canonicalJson } from './canonical';
import { hashV3, type LogEntryRow } from './log-format';
import { LOG_DICTIONARY_V1 } from './log-dictionary';
import { LOG_PHRASES_V1 } from './log-phrases';
import { CODEC_DEFLATE_V1, CODEC_RAW, DEFLATE_MIN_BYTES, packFields, packHex, storedStampColumns, TOKEN_MARK, UNREADABLE_FIELDS, unpackFields, unpackHex } from './log-store';
import { insertEntry } from './write';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open';
import { allEntries, entriesOf, newestStamp } from './remote';
import { previousVersionCopy as copyAsPreviousVersion } from './test-fixtures/previous-version';
import { packFields as previousPackFields } from './test-fixtures/log-store-previous';

const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});
const dir = () => mkdtempSync(join(tmpdir(), 'vigie-log-store-'));

async function create(path = join(dir(), 'w.vigie')): Promise<Workspace> {
  const ws = await Workspace.create(path, PASS, { actor: 'Test DPO' });
  open.push(ws);
  return ws;
}

/** An activity whose insert entry is stored coded (tokens); `long` makes it long enough to be deflated. */
const bigActivity = (n: number, long = false) => ({
  reference: `T-${String(n).padStart(3, '0')}`,
  name: `Recrutement ${n}`,
  role: 'controller',
  status: 'draft',
  owner: 'Jean Dupont',
  review_date: null,
  details: { purposes: Array.from({ length: long ? 40 : 8 }, (_, i) => ({ description: `Gestion des candidatures — étape ${i} « entretien » ${long ? String(i * 7919).repeat(i % 5) : ''}`, legalBasis: 'contract' })) },
});
const coded = (v: string | Buffer) => Buffer.isBuffer(v) || v.charCodeAt(0) === 31;
const storedLength = (v: string | Buffer) => (Buffer.isBuffer(v) ? v.length : Buffer.byteLength(v));

type StoreRow = { seq: number; fields: string | Buffer; hash: string | Buffer; prev_hash: string | Buffer; salt: string | Buffer | null };
const stored = (ws: Workspace, seq: number) => ws.raw.prepare('SELECT seq, fields, hash, prev_hash, salt FROM change_log_store WHERE seq = ?').get(seq) as StoreRow;
const logRows = (ws: Workspace) => ws.raw.prepare('SELECT * FROM change_log ORDER BY seq').all() as Array<LogEntryRow & { seq: number }>;

async function broken(ws: Workspace) {
  const r = await ws.verifyAudit();
  expect(r.ok).toBe(false);
  return r.firstBroken!;
}

describe('stored forms (db/log-store.ts)', () => {
  it('the dictionary is frozen: compressed values already stored need these exact bytes', () => {
    expect(createHash('sha256').update(LOG_DICTIONARY_V1, 'utf8').digest('hex')).toBe('fff4c59aa55c2c40e389bdd34862456322ced79e427d788f35091bd79bc87c2b');
    expect(createHash('sha256').update(JSON.stringify(LOG_PHRASES_V1), 'utf8').digest('hex')).toBe('fc5e6a961b386eac058ea096b64324c4b52036c6b17e5b9445bdff460d72cd11');
  });

  it('a fields text reads back byte for byte, and is never stored longer', () => {
    const texts = fc.oneof(
      fc.jsonValue().map((v) => canonicalJson(v)),
      fc.array(fc.oneof(fc.constantFrom(...LOG_PHRASES_V1), fc.string({ maxLength: 30 }), fc.jsonValue().map((v) => canonicalJson(v))), { maxLength: 60 }).map((xs) => xs.join('')),
      fc.string({ maxLength: 3000 }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const p = packFields(text);
        expect(unpackFields(p)).toBe(text);
        expect(storedLength(p)).toBeLessThanOrEqual(Buffer.byteLength(text) + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('stores every value with the very bytes of the previous implementation (random texts, phrases cut and joined)', () => {
    // Pieces that make the phrase scan work: whole phrases, their prefixes and suffixes (a match
    // that fails late, overlapping candidates), phrases glued together, JSON around them,
    // non-ASCII and astral characters, control characters (the raw codec) and long texts (deflate).
    const cut = fc.tuple(fc.constantFrom(...LOG_PHRASES_V1), fc.nat(), fc.nat()).map(([p, a, b]) => p.slice(Math.min(a, b) % (p.length + 1), Math.max(a, b) % (p.length + 1)));
    const piece = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...LOG_PHRASES_V1) },
      { weight: 4, arbitrary: cut },
      { weight: 2, arbitrary: fc.constantFrom('"', ',', '{', '}', ':', '[', ']', '"id":"', '","', '\\u001f', 'é', '😀', ' ', 'null') },
      { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => canonicalJson(v)) },
      { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0001!', '\u001f', '\n') },
    );
    const texts = fc.oneof(
      fc.array(piece, { maxLength: 80 }).map((xs) => xs.join('')),
      fc.array(piece, { minLength: 100, maxLength: 400 }).map((xs) => xs.join('')),
      fc.jsonValue().map((v) => canonicalJson(v)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const now = packFields(text);
        const before = previousPackFields(text);
        expect(typeof now).toBe(typeof before);
        expect(Buffer.isBuffer(now) ? now.equals(before as Buffer) : now === before).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // The workspaces' own values: every insert entry of the demo-like activity and case shapes.
    for (let n = 0; n < 50; n++) {
      const text = canonicalJson(bigActivity(n, n % 7 === 0));
      expect(packFields(text)).toEqual(previousPackFields(text));
    }
  });

  it('each codec: tokens for a case, deflate for a long value, raw bytes for a text that starts like a coded one', () => {
    const task = LOG_PHRASES_V1[0]!;
    const text = `{"tasks":[${task},${task}]}`;
    const p = packFields(text);
    expect(typeof p === 'string' && p.startsWith(TOKEN_MARK) && p.length < 20).toBe(true);
    const long = canonicalJson({ notes: Array.from({ length: 300 }, (_, i) => `note ${i * 31337}`).join(' ') });
    const z = packFields(long);
    expect(Buffer.isBuffer(z) && z[0] === CODEC_DEFLATE_V1 && z.length < long.length / 2).toBe(true);
    expect(Buffer.byteLength(long)).toBeGreaterThan(DEFLATE_MIN_BYTES);
    for (const odd of [`${TOKEN_MARK}{"a":1}`, '\u0001!', '\u0000']) {
      const r = packFields(odd);
      expect(Buffer.isBuffer(r) && r[0] === CODEC_RAW).toBe(true);
      expect(unpackFields(r)).toBe(odd);
    }
    expect(packFields('{"a":1}')).toBe('{"a":1}');
  });

  it('hex texts are stored as bytes only when that reads back the same text', () => {
    const h = 'ab'.repeat(32);
    expect(unpackHex(packHex(h, 64))).toBe(h);
    expect(Buffer.isBuffer(packHex(h, 64))).toBe(true);
    for (const t of ['AB'.repeat(32), 'ab'.repeat(31), 'zz'.repeat(32), '']) expect(packHex(t, 64)).toBe(t);
    expect(packHex(null, 32)).toBe(null);
  });

  it('a coded value that does not decode reads as unreadable, never as JSON', () => {
    expect(unpackFields(Buffer.from([CODEC_DEFLATE_V1, 1, 2, 3, 4, 5]))).toBe(UNREADABLE_FIELDS);
    expect(() => JSON.parse(unpackFields(`${TOKEN_MARK}{"a":\u001d~}`))).toThrow();
    expect(() => JSON.parse(unpackFields(`${TOKEN_MARK}{"a":\u0005}`))).toThrow();
    expect(unpackFields(Buffer.from([9, ...deflateRawSync('{}')]))).toBe(UNREADABLE_FIELDS);
    expect(() => JSON.parse(UNREADABLE_FIELDS)).toThrow();
  });
});

describe('the change log view over its store', () => {
  it('stores fields coded and hashes as bytes; the view shows what was hashed, and verify passes', async () => {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(1) }));
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Jeanne Dupont' } }));
    const rows = logRows(ws);
    const insert = rows[1]!;
    const s = stored(ws, insert.seq);
    expect(coded(s.fields)).toBe(true);
    expect(storedLength(s.fields)).toBeLessThan(Buffer.byteLength(insert.fields));
    expect(stored(ws, rows[2]!.seq).fields).toBe(rows[2]!.fields);
    for (const r of rows) {
      const st = stored(ws, r.seq);
      expect(st.hash).toEqual(Buffer.from(r.hash, 'hex'));
      expect(st.prev_hash).toEqual(Buffer.from(r.prev_hash, 'hex'));
      expect(st.salt).toEqual(Buffer.from(r.salt!, 'hex'));
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.parse(insert.fields)).toMatchObject({ name: 'Recrutement 1', owner: 'Jean Dupont' });
    // Bundles carry the texts the entries were hashed with.
    for (const e of entriesOf(ws.raw, ws.deviceId, 0)) expect(hashV3(e)).toBe(e.hash);
    expect((await ws.verifyAudit()).ok).toBe(true);
  });

  it('a purge scrubs a compressed entry: the value is gone from the store and verify passes', async () => {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(2, true) }));
    expect(Buffer.isBuffer(stored(ws, 2).fields)).toBe(true);
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { owner: '' }, reason: 'erasure request' }));
    expect(JSON.stringify(logRows(ws))).not.toContain('Jean Dupont');
    expect(unpackFields(stored(ws, 2).fields)).not.toContain('Jean Dupont');
    expect((await ws.verifyAudit()).ok).toBe(true);
  });

  describe.each([
    ['tokens', false],
    ['deflate', true],
  ])('tampering with the stored form (%s) is detected', (_codec, long) => {
    async function populated() {
      const ws = await create();
      await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(3, long) }));
      await ws.updateProfile({ dpo_name: 'Camille Martin' });
      expect(Buffer.isBuffer(stored(ws, 2).fields)).toBe(long);
      expect(coded(stored(ws, 2).fields)).toBe(true);
      expect((await ws.verifyAudit()).ok).toBe(true);
      return ws;
    }
    const setStored = (ws: Workspace, column: string, value: unknown, seq = 2) => ws.raw.prepare(`UPDATE change_log_store SET ${column} = ? WHERE seq = ?`).run(value, seq);
    /** The stored value with one character (a token's index) or byte changed. */
    function altered(v: string | Buffer): string | Buffer {
      if (Buffer.isBuffer(v)) {
        const z = Buffer.from(v);
        z[Math.floor(z.length / 2)]! ^= 0x40;
        return z;
      }
      const i = [...v].findIndex((c, k) => k > 0 && c.charCodeAt(0) < 32);
      return v.slice(0, i + 1) + String.fromCharCode(v.charCodeAt(i + 1) === 126 ? 125 : v.charCodeAt(i + 1) + 1) + v.slice(i + 2);
    }

    it('a token or a byte of the coded value changed', async () => {
      const ws = await populated();
      setStored(ws, 'fields', altered(stored(ws, 2).fields));
      expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/unreadable|hash mismatch|altered/) });
    });

    it('a value rewritten and coded again (the stored form is valid, the text is not the one hashed)', async () => {
      const ws = await populated();
      const text = unpackFields(stored(ws, 2).fields).replace('Jean Dupont', 'Paul Durand');
      const again = packFields(text);
      expect(coded(again)).toBe(true);
      setStored(ws, 'fields', again);
      expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/hash mismatch/) });
    });

    it('a coded value with an unknown codec or token', async () => {
      const ws = await populated();
      const v = stored(ws, 2).fields;
      setStored(ws, 'fields', Buffer.isBuffer(v) ? Buffer.concat([Buffer.from([7]), v.subarray(1)]) : `${v.slice(0, -1)}\u001d~}`);
      expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/unreadable|hash mismatch/) });
    });

    it('the coded value replaced by its plain text is the same entry (not a change)', async () => {
      const ws = await populated();
      setStored(ws, 'fields', unpackFields(stored(ws, 2).fields));
      expect((await ws.verifyAudit()).ok).toBe(true);
    });

    it('a stored hash (bytes) altered', async () => {
      const ws = await populated();
      const h = Buffer.from(stored(ws, 2).hash as Buffer);
      h[0]! ^= 1;
      setStored(ws, 'hash', h);
      expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/hash mismatch|link/) });
    });

    it('a stored previous hash (bytes) altered', async () => {
      const ws = await populated();
      const h = Buffer.from(stored(ws, 3).prev_hash as Buffer);
      h[31]! ^= 1;
      setStored(ws, 'prev_hash', h, 3);
      expect((await ws.verifyAudit()).ok).toBe(false);
    });

    it('a stored salt (bytes) altered', async () => {
      const ws = await populated();
      const s = Buffer.from(stored(ws, 2).salt as Buffer);
      s[0]! ^= 1;
      setStored(ws, 'salt', s);
      expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/hash mismatch|altered/) });
    });

    it('the same hash stored as text instead of bytes is the same entry (not a change)', async () => {
      const ws = await populated();
      setStored(ws, 'hash', unpackHex(stored(ws, 2).hash));
      expect((await ws.verifyAudit()).ok).toBe(true);
    });

    it('writes through the view store the same forms (a tamper test written against change_log still tampers)', async () => {
      const ws = await populated();
      ws.raw.exec(`UPDATE change_log SET fields = replace(fields, 'Jean Dupont', 'Paul Durand') WHERE seq = 2`);
      expect(Buffer.isBuffer(stored(ws, 2).hash)).toBe(true);
      expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/hash mismatch/) });
    });
  });
});

describe('values the store derives from the stamp', () => {
  it('device and time equal to what the stamp says are stored as NULL and read back; others are kept as written', async () => {
    const ws = await create();
    await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(7) }));
    const rows = logRows(ws);
    const st = ws.raw.prepare('SELECT seq, device_id, at FROM change_log_store ORDER BY seq').all() as Array<{ seq: number; device_id: string | null; at: string | null }>;
    for (const [i, r] of rows.entries()) {
      expect(r.device_id).toBe(ws.deviceId);
      expect(st[i]!.device_id).toBeNull();
      const fromStamp = new Date(Number(r.hlc.slice(0, 13))).toISOString();
      expect(st[i]!.at).toBe(r.at === fromStamp ? null : r.at);
    }
    // Written through the view with a device and a time the stamp does not say: kept as they are.
    const odd = { ...rows[1]!, seq: 99, id: '01ODDENTRY0000000000000000', device_id: 'SOMEONE-ELSE', at: '2026-01-01T00:00:00Z', device_seq: 1 };
    ws.raw.prepare(`INSERT INTO change_log (${Object.keys(odd).join(', ')}) VALUES (${Object.keys(odd).map((k) => `@${k}`).join(', ')})`).run(odd);
    expect(ws.raw.prepare('SELECT * FROM change_log WHERE seq = 99').get()).toEqual(odd);
    expect(ws.raw.prepare('SELECT device_id, at FROM change_log_store WHERE seq = 99').get()).toEqual({ device_id: 'SOMEONE-ELSE', at: '2026-01-01T00:00:00Z' });
  });

  it('the time the view derives is the ISO instant of the stamp, to the millisecond', async () => {
    const ws = await create();
    for (const ms of [0, 1, 999, 1_000, 1_796_187_924_251, 1_796_187_924_999, 4_102_444_799_999]) {
      const hlc = `${String(ms).padStart(13, '0')}-0000-DEV`;
      const derived = ws.raw.prepare(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(?, 1, 13) AS INTEGER) / 1000.0, 'unixepoch')`).pluck().get(hlc);
      expect(derived).toBe(new Date(ms).toISOString());
    }
  });

  it('a stamp altered in the store (which moves the derived device and time) is detected', async () => {
    const ws = await create();
    await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(8) }));
    const hlc = ws.raw.prepare('SELECT hlc FROM change_log_store WHERE seq = 2').pluck().get() as string;
    ws.raw.prepare('UPDATE change_log_store SET hlc = ? WHERE seq = 2').run(`${String(Number(hlc.slice(0, 13)) + 5)}${hlc.slice(13)}`);
    expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/hash mismatch/) });
  });

  it('newestStamp equals MAX(hlc) over the whole log, with several devices', async () => {
    const { founder, joiner, deliver } = await import('./test-fixtures/replicas');
    const a = await founder('A');
    const b = await joiner(a, 'B');
    open.push(a.ws, b.ws);
    for (let i = 0; i < 5; i++) {
      const [x, y] = i % 2 ? [a, b] : [b, a];
      await x.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(10 + i) }));
      await deliver(x, y);
      for (const r of [a, b]) expect(newestStamp(r.ws.raw)).toBe(r.ws.raw.prepare('SELECT max(hlc) FROM change_log').pluck().get());
    }
    const empty = await openDatabase({ path: join(dir(), 'empty.vigie'), passphrase: PASS, mode: 'create' });
    expect(newestStamp(empty.raw)).toBeNull();
    await empty.db.destroy();
  });
});

describe('migration 0014 on a workspace written by the previous version', () => {
  /** A workspace as the previous build stored it: the same entries in the change_log TABLE (no store, no view). */
  async function previousVersionCopy(): Promise<{ path: string; before: Array<LogEntryRow & { seq: number }>; bundle: LogEntryRow[]; sequence: number }> {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(4) }));
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Jeanne Dupont', details: { purposes: [] } } }));
    const b = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(5, true) }));
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id: b.id, values: { owner: '' }, reason: 'erasure request' }));
    await ws.updateProfile({ dpo_name: 'Camille Martin' });
    const before = logRows(ws);
    const bundle = allEntries(ws.raw);
    const path = join(dir(), 'old.vigie');
    await copyAsPreviousVersion(ws.raw, path, PASS, '0014');
    const old = await openDatabase({ path, passphrase: PASS, mode: 'open', migrations: MIGRATIONS.filter((m) => m.name < '0014') });
    expect(old.raw.prepare(`SELECT type FROM sqlite_master WHERE name = 'change_log'`).pluck().get()).toBe('table');
    const sequence = old.raw.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'change_log'`).pluck().get() as number;
    expect(sequence).toBe(before.length);
    expect(old.raw.prepare(`SELECT typeof(hash) FROM change_log WHERE seq = 2`).pluck().get()).toBe('text');
    await old.db.destroy();
    await ws.close();
    open.splice(open.indexOf(ws), 1);
    return { path, before, bundle, sequence };
  }

  it('opens, shows every entry exactly as before, verifies, exports the same bundle entries, and continues the sequence', async () => {
    const { path, before, bundle, sequence } = await previousVersionCopy();
    const ws = await Workspace.open(path, PASS, { actor: 'Test DPO' });
    open.push(ws);
    expect(ws.raw.prepare(`SELECT type FROM sqlite_master WHERE name = 'change_log'`).pluck().get()).toBe('view');
    expect(logRows(ws)).toEqual(before);
    expect(coded(stored(ws, 2).fields)).toBe(true);
    expect(Buffer.isBuffer(stored(ws, 2).hash)).toBe(true);
    expect(allEntries(ws.raw)).toEqual(bundle);
    // Compacted after the upgrade: the old table's pages are not left free in the file.
    expect(ws.raw.pragma('freelist_count', { simple: true })).toBe(0);
    expect((await ws.verifyAudit()).ok).toBe(true);
    const { entryId } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: bigActivity(6) }));
    const next = ws.raw.prepare('SELECT seq FROM change_log WHERE id = ?').pluck().get(entryId) as number;
    expect(next).toBe(sequence + 1);
    expect(ws.raw.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'change_log_store'`).pluck().get()).toBe(sequence + 1);
    expect((await ws.verifyAudit()).ok).toBe(true);
  });

  it('a bundle of the previous version applies to a migrated workspace (same entries, same texts)', async () => {
    const { bundle } = await previousVersionCopy();
    const joined = await Workspace.createJoined(join(dir(), 'joined.vigie'), PASS, bundle[0]!.id, { actor: 'Colleague' });
    open.push(joined);
    // What a colleague's older build sends: the same rows (the bundle format did not change).
    await joined.applyRemote(bundle);
    expect(allEntries(joined.raw)).toEqual(bundle);
    expect((await joined.verifyAudit()).ok).toBe(true);
  });
});

describe('device_id and at stored as the SQL rule stores them, decided in JavaScript for the usual stamps', () => {
  it('gives the SQL rule’s stored values wherever it decides (random stamps, devices and instants), and the view reads every entry back as written', async () => {
    const ws = await create();
    const sqlRule = ws.raw.prepare(
      `SELECT CASE WHEN @d = substr(@h, 15 + instr(substr(@h, 15), '-')) THEN NULL ELSE @d END AS device, CASE WHEN @a = strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(@h, 1, 13) AS INTEGER) / 1000.0, 'unixepoch') THEN NULL ELSE @a END AS at`,
    );
    const piece = fc.string({ unit: fc.constantFrom('-', '0', '9', 'a', 'f', 'Z', '_', 'é', ' '), maxLength: 24 });
    const stamp = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 9_999_999_999_999 }), piece).map(([ms, rest]) => `${String(ms).padStart(13, '0')}${rest}`),
      fc.tuple(fc.integer({ min: 0, max: 9_999_999_999_999 }), fc.integer({ min: 0, max: 0xffff }), piece).map(([ms, n, dev]) => `${String(ms).padStart(13, '0')}-${n.toString(16).padStart(4, '0')}-${dev}`),
      piece,
    );
    const instantOf = (h: string) => (/^\d{13}/.test(h) ? new Date(Number(h.slice(0, 13))).toISOString() : '2026-01-01T00:00:00.000Z');
    let decided = 0;
    fc.assert(
      fc.property(stamp, fc.option(piece), fc.boolean(), fc.boolean(), fc.option(fc.constant(null)), (h, dev, sameDevice, sameAt, nullAt) => {
        const device = sameDevice ? h.slice(14 + h.slice(14).indexOf('-') + 1) : dev;
        const at = nullAt === null ? null : sameAt ? instantOf(h) : `${instantOf(h).slice(0, -1)}1Z`;
        const js = storedStampColumns(h, device, at);
        if (!js) return;
        decided++;
        expect(js).toEqual(sqlRule.get({ h, d: device, a: at }));
      }),
      { numRuns: 5000 },
    );
    expect(decided).toBeGreaterThan(1000);
    // Entries written with odd stamps and values go through either rule and read back as written.
    const seqs = (ws.raw.prepare('SELECT seq FROM change_log_store ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    const first = ws.raw.prepare('SELECT * FROM change_log WHERE seq = ?').get(seqs[0]!) as LogEntryRow & { seq: number };
    const odd: Array<Partial<LogEntryRow>> = [
      { hlc: 'é' + first.hlc, device_id: first.device_id, at: first.at },
      { hlc: first.hlc, device_id: 'other-device', at: '2020-01-01T00:00:00.000Z' },
      { hlc: '123', device_id: '', at: '' },
      { hlc: first.hlc, device_id: first.device_id, at: first.at },
    ];
    for (const [i, o] of odd.entries()) {
      const e = { ...first, ...o, id: `01ODD${String(i).padStart(21, '0')}`, device_id: o.device_id!, device_seq: 1_000_000 + i };
      insertEntry(ws.raw, e);
      expect(ws.raw.prepare('SELECT hlc, device_id, at FROM change_log WHERE id = ?').get(e.id)).toEqual({ hlc: e.hlc, device_id: e.device_id, at: e.at });
    }
  });
});

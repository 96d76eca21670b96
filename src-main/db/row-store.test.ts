import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../services/demo';
import { RequestsService } from '../services/requests';
import { Workspace } from '../services/workspace';
import { seededRandom } from '../domain/seeded-random';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open';
import { allEntries } from './remote';
import { createHash } from 'node:crypto';
import { packRowText, ROW_PHRASES_V1, rowOrderSource, rowText, storageTable } from './row-store';
import { autoEventSummary } from '../domain/requests/event-summary';
import { previousVersionCopy } from './test-fixtures/previous-version';

/**
 * Rights requests stored smaller (migration 0015, db/row-store.ts): the `requests` view gives back
 * every row exactly as written, however it was written (the write path, sync, SQL through the view),
 * a previous version's workspace upgrades to the same rows, and a stored form altered outside Vigie
 * is reported by `audit verify` like any other change.
 */
const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});
const dir = () => mkdtempSync(join(tmpdir(), 'vigie-row-store-'));

async function create(): Promise<Workspace> {
  const ws = await Workspace.create(join(dir(), 'w.vigie'), PASS, { actor: 'Test DPO' });
  open.push(ws);
  return ws;
}

type Row = Record<string, unknown>;
const viewRows = (ws: Workspace) => ws.raw.prepare('SELECT * FROM requests ORDER BY id').all() as Row[];
/** Stored rows, integers exact (`hlc_at` is beyond 2^53). */
const storeRows = (ws: Workspace) => ws.raw.prepare('SELECT rowid AS r, * FROM requests_store ORDER BY id').safeIntegers(true).all() as Row[];
const INSTANT = (hlc: string) => new Date(Number(hlc.slice(0, 13))).toISOString();
/** FROZEN (db/row-store.ts ROW_PHRASES_V1). */
const PHRASES_SHA256 = '817a7fc2ffac8957814d03186fdba9d04de63214c6b639870d10e69afd7f5a46';
/** A stored row as the view gives it: stamps, hlc and coded texts read back. */
function readBack(ws: Workspace, s: Row): Row {
  const { hlc, hlc_at, hlc_device, r: _rowid, ...rest } = s;
  const at = hlc_at as bigint;
  const text = (hlc as string | null) ?? `${String(at >> 16n).padStart(13, '0')}-${(at & 65535n).toString(16).padStart(4, '0')}-${ws.raw.prepare('SELECT device FROM row_devices WHERE n = ?').pluck().get(hlc_device) as string}`;
  const out: Row = { ...rest, hlc: text, created_at: s.created_at ?? INSTANT(text), updated_at: s.updated_at ?? INSTANT(text) };
  for (const c of ['details', 'summary']) if (c in out) out[c] = rowText(out[c]);
  return out;
}

/** Everything a person sees of the cases: every page of the list, each case, the CSV register and the calendar. */
async function whatAPersonSees(ws: Workspace) {
  const svc = new RequestsService(ws, { now: () => new Date('2026-11-30T10:00:00Z') });
  const pages: unknown[] = [];
  for (const sort of ['deadline', 'received'] as const) {
    let cursor: string | undefined;
    do {
      const p = await svc.list({ limit: 7, sort, ...(cursor ? { cursor } : {}) });
      pages.push(p);
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
  }
  const all = await svc.list();
  const cases = [];
  for (const c of all.items) cases.push(await svc.get(c.id, 'fr'));
  return { pages, all, cases, csv: await svc.exportCsv('fr'), ics: (await svc.ics()).content.replace(/^DTSTAMP:.*$/gm, ''), summary: await svc.summary() };
}

describe('the stored form of a text (codec)', () => {
  it('reads back every text as written: random texts, control characters, phrases, long notes', () => {
    const phrases = ['{"done":false,"doneOn":null,"id":"', '","label":"Vérifier', 'Identifier le fondement', '\u001f', '\u0000', 'é', '« »'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...phrases)), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(rowText(packRowText(text))).toBe(text);
      }),
      { numRuns: 400 },
    );
    const long = `{"notes":"${'Le demandeur conteste la réponse du 3 mars et demande copie de ses données. '.repeat(80)}"}`;
    expect(Buffer.isBuffer(packRowText(long))).toBe(true);
    expect(rowText(packRowText(long))).toBe(long);
    expect(packRowText(null)).toBeNull();
    // Vigie's own timeline sentences, alone or followed by a detail, are stored as their number.
    for (const lang of ['fr', 'en'] as const) {
      for (const e of [{ key: 'received', channel: 'web' }, { key: 'response-sent', detail: 'Courriel' }, { key: 'response-sent' }, { key: 'identity-requested', detail: 'Pièce d’identité' }, { key: 'extension-notified' }] as const) {
        const text = autoEventSummary(e, lang);
        const stored = packRowText(text) as string;
        expect(stored.charCodeAt(0)).toBe(30);
        expect(Buffer.byteLength(stored)).toBeLessThan(Buffer.byteLength(text) / 2);
        expect(rowText(stored)).toBe(text);
      }
    }
    expect(rowText(packRowText('\u001eDemande reçue par courriel'))).toBe('\u001eDemande reçue par courriel');
    expect(rowText('\u001e\u007fplus')).toMatch(/unreadable/);
    expect(() => packRowText(42)).toThrow(/TEXT column/);
  });

  it('keeps its frozen phrase list (a stored summary needs this exact list to be read)', () => {
    expect(ROW_PHRASES_V1.length).toBeLessThanOrEqual(95);
    expect(createHash('sha256').update(JSON.stringify(ROW_PHRASES_V1)).digest('hex')).toBe(PHRASES_SHA256);
  });

  it('names the store of a table read through a view, and how to walk it in insertion order', () => {
    expect(storageTable('requests')).toBe('requests_store');
    expect(storageTable('breaches')).toBe('breaches');
    expect(rowOrderSource('requests')).toEqual({ from: 'requests_rows', rowid: '__vigie_rowid' });
    expect(rowOrderSource('request_events')).toEqual({ from: 'request_events_rows', rowid: '__vigie_rowid' });
    expect(rowOrderSource('breaches')).toEqual({ from: 'breaches', rowid: 'rowid' });
  });
});

describe('requests read through their view (migration 0015)', () => {
  it('gives back the demo workspace’s cases as written, stored coded, and audit verify passes', async () => {
    const ws = await create();
    await seedDemoWorkspace(ws);
    const rows = viewRows(ws);
    expect(rows.length).toBeGreaterThan(10);
    const stored = new Map(storeRows(ws).map((r) => [r.id, r]));
    let coded = 0;
    let derivedStamps = 0;
    for (const r of rows) {
      const s = stored.get(r.id)!;
      // The details read back as the canonical JSON the write path logged.
      expect(JSON.stringify(JSON.parse(r.details as string))).toBe(r.details);
      expect(readBack(ws, s)).toEqual(r);
      if (typeof s.details !== 'string' || s.details.charCodeAt(0) === 31) coded++;
      if (s.created_at === null) derivedStamps++;
      expect(s.hlc).toBeNull();
    }
    expect(coded).toBe(rows.length);
    expect(derivedStamps).toBeGreaterThan(0);
    // The events: their stamps read from the hlc when they are its instant.
    const events = ws.raw.prepare('SELECT * FROM request_events ORDER BY id').all() as Row[];
    const storedEvents = new Map((ws.raw.prepare('SELECT * FROM request_events_store').safeIntegers(true).all() as Row[]).map((r) => [r.id, r]));
    expect(storedEvents.size).toBe(events.length);
    for (const e of events) expect(readBack(ws, storedEvents.get(e.id)!)).toEqual(e);
    expect([...storedEvents.values()].filter((s) => s.created_at === null).length).toBeGreaterThan(events.length / 2);
    expect([...storedEvents.values()].filter((s) => typeof s.summary === 'string' && (s.summary as string).charCodeAt(0) === 30).length).toBeGreaterThan(events.length / 2);
    expect(ws.raw.prepare('SELECT count(*) FROM row_devices').pluck().get()).toBe(1);
    // Each case's logged values are what the view shows (the change log keeps the words).
    const logged = ws.raw.prepare(`SELECT row_id, fields FROM change_log WHERE table_name = 'requests' AND op = 'insert'`).all() as Array<{ row_id: string; fields: string }>;
    expect(logged.length).toBe(rows.length);
    expect((await ws.verifyAudit()).ok).toBe(true);
  });

  it('keeps random cases’ rows exact through inserts, edits, trash and restore (write path and SQL through the view)', async () => {
    const ws = await create();
    const svc = new RequestsService(ws);
    const rnd = seededRandom(15);
    const ids: string[] = [];
    const words = ['Jean « JJ » Dupont', 'Zoë Ørsted', 'O’Brien', 'Łukasz', '李雷', 'x'.repeat(190), 'Ärger & Söhne', 'ß ‘quote’ \\ "dq"'];
    for (let i = 0; i < 25; i++) {
      const rights = (['access', 'erasure', 'rectification', 'objection', 'portability', 'restriction'] as const).filter(() => rnd() < 0.4);
      const c = await svc.create({
        requester: { name: words[i % words.length]!, email: `p${i}@example.org` },
        rights: rights.length ? rights : ['access'],
        channel: (['email', 'letter', 'web'] as const)[i % 3],
        receivedOn: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
        notes: i === 0 ? 'Le demandeur conteste la réponse du 3 mars. '.repeat(70) : rnd() < 0.3 ? words[(i + 3) % words.length]!.repeat(1 + Math.floor(rnd() * 40)) : '',
      });
      ids.push(c.id);
    }
    for (const id of ids.slice(1).filter(() => rnd() < 0.5)) await svc.update(id, { ...(await svc.get(id)).case, notes: `revu ${id} « relancé »` });
    await ws.mutate((w) => w.write({ op: 'delete', table: 'requests', id: ids[1]! }));
    await ws.mutate((w) => w.write({ op: 'delete', table: 'requests', id: ids[2]! }));
    await ws.mutate((w) => w.write({ op: 'restore', table: 'requests', id: ids[2]! }));
    for (const r of viewRows(ws)) expect(readBack(ws, ws.raw.prepare('SELECT * FROM requests_store WHERE id = ?').safeIntegers(true).get(r.id) as Row)).toEqual(r);
    // Long notes are deflated (BLOB), the others token-coded.
    expect(ws.raw.prepare(`SELECT count(*) FROM requests_store WHERE typeof(details) = 'blob'`).pluck().get()).toBeGreaterThan(0);
    // Written through the view with SQL: stamps that are not the hlc's instant are kept as written.
    const one = viewRows(ws)[0]!;
    ws.raw.prepare(`UPDATE requests SET created_at = '2020-01-01T00:00:00.000Z', hlc = '1' || substr(hlc, 2) WHERE id = ?`).run(one.id);
    const after = ws.raw.prepare('SELECT * FROM requests WHERE id = ?').get(one.id) as Row;
    expect(after).toEqual({ ...one, created_at: '2020-01-01T00:00:00.000Z', hlc: `1${(one.hlc as string).slice(1)}` });
    // Stamps of another form, and of other devices, are kept as written.
    for (const hlc of ['1796197811315-00ff-AUTRE', '1796197811315-0000-', '1796197811315-00FF-X', 'x', '179619781131-0000-Y', '01796197811315-0000-Z', '1796197811315-0000-ÉQUIPE 2']) {
      ws.raw.prepare(`UPDATE requests SET hlc = ? WHERE id = ?`).run(hlc, one.id);
      expect(ws.raw.prepare('SELECT * FROM requests WHERE id = ?').get(one.id)).toEqual({ ...after, hlc });
    }
    expect(ws.raw.prepare('SELECT device FROM row_devices ORDER BY n').pluck().all()).toEqual([expect.any(String), 'AUTRE', 'ÉQUIPE 2']);
    expect(ws.raw.prepare('SELECT details FROM requests_store WHERE id = ?').pluck().get(one.id)).not.toBe(one.details);
  });

  it('refuses what the table refused, through the view', async () => {
    const ws = await create();
    await seedDemoWorkspace(ws);
    const before = viewRows(ws);
    const r = before[0]!;
    const cols = Object.keys(r);
    const insert = (over: Row) => ws.raw.prepare(`INSERT INTO requests (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run({ ...r, id: 'NEWROW', reference: 'DSAR-2026-9999', ...over });
    expect(() => insert({ created_at: null })).toThrow(/NOT NULL constraint failed: requests.created_at/);
    expect(() => insert({ updated_at: null })).toThrow(/NOT NULL constraint failed: requests.updated_at/);
    expect(() => insert({ details: null })).toThrow(/NOT NULL/);
    expect(() => insert({ details: Buffer.from('{}') })).toThrow(/TEXT column/);
    expect(() => insert({ channel: 'pigeon' })).toThrow(/CHECK/);
    expect(() => insert({ id: r.id })).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }));
    // The events keep their foreign key to the stored cases.
    expect(() => ws.raw.prepare(`UPDATE request_events SET request_id = 'NOPE' WHERE id = (SELECT min(id) FROM request_events)`).run()).toThrow(/FOREIGN KEY/);
    expect(() => ws.raw.prepare(`DELETE FROM requests WHERE id = (SELECT request_id FROM request_events LIMIT 1)`).run()).toThrow(/FOREIGN KEY/);
    expect(viewRows(ws)).toEqual(before);
    // A number is stored as its text, as the STRICT table did.
    insert({ details: 42 });
    expect(ws.raw.prepare(`SELECT details FROM requests WHERE id = 'NEWROW'`).get()).toEqual({ details: ws.raw.prepare('SELECT CAST(? AS TEXT)').pluck().get(42) });
    ws.raw.prepare(`DELETE FROM requests WHERE id = 'NEWROW'`).run();
    expect(viewRows(ws)).toEqual(before);
  });

  const TAMPERINGS: Array<[string, string]> = [
    ['a coded details replaced by another case’s', `UPDATE requests_store SET details = (SELECT details FROM requests_store s WHERE s.id <> requests_store.id AND s.details <> requests_store.details LIMIT 1) WHERE rowid = (SELECT min(rowid) FROM requests_store)`],
    ['a token of the coded details changed', `UPDATE requests_store SET details = substr(details, 1, 3) || char(unicode(substr(details, 4, 1)) + 1) || substr(details, 5) WHERE rowid = (SELECT min(rowid) FROM requests_store WHERE details < ' ')`],
    ['a coded details cut short', `UPDATE requests_store SET details = substr(details, 1, length(details) - 3) WHERE rowid = (SELECT max(rowid) FROM requests_store WHERE details < ' ')`],
    ['details stored as plain text with white space', `UPDATE requests_store SET details = vigie_row_text(details) || ' ' WHERE rowid = (SELECT min(rowid) FROM requests_store)`],
    ['a stamp left out that was not the hlc’s instant', `UPDATE requests_store SET updated_at = NULL WHERE rowid = (SELECT min(rowid) FROM requests_store WHERE updated_at IS NOT NULL)`],
    ['the hlc changed (the stamps read from it move too)', `UPDATE requests_store SET hlc_at = hlc_at + 65536000 WHERE rowid = (SELECT min(rowid) FROM requests_store WHERE created_at IS NULL)`],
    ['the hlc’s counter changed', `UPDATE requests_store SET hlc_at = hlc_at + 1 WHERE rowid = (SELECT max(rowid) FROM requests_store)`],
    ['the device of a stamp renamed', `UPDATE row_devices SET device = device || 'X'`],
    ['the device of a stamp removed', `DELETE FROM row_devices`],
    ['an event’s summary coded as another sentence', `UPDATE request_events_store SET summary = char(30, unicode(substr(summary, 2, 1)) + 1) || substr(summary, 3) WHERE rowid = (SELECT min(rowid) FROM request_events_store WHERE summary < ' ')`],
    ['an event’s hlc changed (its stamps read from it move too)', `UPDATE request_events_store SET hlc_at = hlc_at - 65536 WHERE rowid = (SELECT min(rowid) FROM request_events_store WHERE created_at IS NULL)`],
    ['an event’s stamp stored when it was the hlc’s instant, another instant', `UPDATE request_events_store SET updated_at = '2020-01-01T00:00:00.000Z' WHERE rowid = (SELECT max(rowid) FROM request_events_store WHERE updated_at IS NULL)`],
    ['a stored event removed', `DELETE FROM request_events_store WHERE rowid = (SELECT max(rowid) FROM request_events_store)`],
    ['a stored case removed', `DELETE FROM requests_store WHERE rowid = (SELECT max(rowid) FROM requests_store)`],
  ];

  it.each(TAMPERINGS)('audit verify reports %s', async (_what, statement) => {
    const ws = await create();
    await seedDemoWorkspace(ws);
    // A later edit of a case, so some rows keep stamps that are not their hlc's instant.
    const id = viewRows(ws)[0]!.id as string;
    const svc = new RequestsService(ws);
    await svc.update(id, { ...(await svc.get(id)).case, notes: 'relance' });
    expect((await ws.verifyAudit()).ok).toBe(true);
    ws.raw.pragma('foreign_keys = OFF');
    const changed = ws.raw.prepare(statement).run().changes;
    ws.raw.pragma('foreign_keys = ON');
    expect(changed).toBeGreaterThanOrEqual(1);
    const report = await ws.verifyAudit();
    expect(report.ok).toBe(false);
    expect(report).toMatchObject({ firstBroken: { reason: expect.stringMatching(/outside Vigie|missing|changed/) } });
  });
});

describe('migration 0015 on a workspace written by the previous version', () => {
  it('upgrades to the very same rows, lists, case files, register and calendar; verifies; keeps the log and the rowids', async () => {
    const ws = await create();
    await seedDemoWorkspace(ws);
    const id = viewRows(ws)[3]!.id as string;
    const svc = new RequestsService(ws);
    await svc.update(id, { ...(await svc.get(id)).case, notes: 'relance' });
    await ws.mutate((w) => w.write({ op: 'delete', table: 'requests', id: viewRows(ws)[5]!.id as string }));
    const rows = viewRows(ws);
    const order = ws.raw.prepare('SELECT id FROM requests_rows ORDER BY __vigie_rowid').pluck().all();
    const events = ws.raw.prepare('SELECT * FROM request_events ORDER BY id').all();
    const eventOrder = ws.raw.prepare('SELECT id FROM request_events_rows ORDER BY __vigie_rowid').pluck().all();
    const seen = await whatAPersonSees(ws);
    const bundle = allEntries(ws.raw);
    const path = join(dir(), 'old.vigie');
    await previousVersionCopy(ws.raw, path, PASS, '0015');
    // The previous version's file: a plain table holding the texts.
    const old = await openDatabase({ path, passphrase: PASS, mode: 'open', migrations: MIGRATIONS.filter((m) => m.name < '0015') });
    expect(old.raw.prepare(`SELECT type FROM sqlite_master WHERE name = 'requests'`).pluck().get()).toBe('table');
    expect(old.raw.prepare('SELECT * FROM requests ORDER BY id').all()).toEqual(rows);
    expect(old.raw.prepare('SELECT * FROM request_events ORDER BY id').all()).toEqual(events);
    await old.db.destroy();

    const up = await Workspace.open(path, PASS, { actor: 'Test DPO' });
    open.push(up);
    expect(up.raw.prepare(`SELECT type FROM sqlite_master WHERE name = 'requests'`).pluck().get()).toBe('view');
    expect(viewRows(up)).toEqual(rows);
    expect(up.raw.prepare('SELECT id FROM requests_rows ORDER BY __vigie_rowid').pluck().all()).toEqual(order);
    expect(up.raw.prepare('SELECT * FROM request_events ORDER BY id').all()).toEqual(events);
    expect(up.raw.prepare('SELECT id FROM request_events_rows ORDER BY __vigie_rowid').pluck().all()).toEqual(eventOrder);
    expect(up.raw.prepare('SELECT count(*) FROM request_events_store WHERE created_at IS NULL AND updated_at IS NULL').pluck().get()).toBeGreaterThan(0);
    expect(storeRows(up).every((s) => typeof s.details !== 'string' || (s.details as string).charCodeAt(0) === 31)).toBe(true);
    expect(storeRows(up).every((s) => s.hlc === null)).toBe(true);
    expect(up.raw.prepare('SELECT count(*) FROM requests_store WHERE created_at IS NULL').pluck().get()).toBeGreaterThan(0);
    expect(up.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(up.raw.prepare('SELECT count(*) FROM pragma_foreign_key_check').pluck().get()).toBe(0);
    expect(up.raw.pragma('freelist_count', { simple: true })).toBe(0);
    expect(allEntries(up.raw)).toEqual(bundle);
    expect(await whatAPersonSees(up)).toEqual(seen);
    expect((await up.verifyAudit()).ok).toBe(true);
    // And it goes on: a new case, an edit, both verified.
    const usvc = new RequestsService(up);
    const c = await usvc.create({ requester: { name: 'Nouvelle Personne' }, rights: ['access'], channel: 'email', receivedOn: '2026-11-02' });
    await usvc.update(c.id, { ...(await usvc.get(c.id)).case, notes: 'appel' });
    expect((await up.verifyAudit()).ok).toBe(true);
  });
});

describe('the indexes of the stored cases and events (migration 0015)', () => {
  it('each query of the repositories reads the index it needs (EXPLAIN QUERY PLAN), and no index is left that none reads', async () => {
    const ws = await create();
    await seedDemoWorkspace(ws);
    const plan = (q: string) => (ws.raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    // A case, its events (repositories/requests.ts, retention.ts), by id through the write path.
    expect(plan(`SELECT * FROM requests WHERE id = 'x'`)).toMatch(/USING INDEX sqlite_autoindex_requests_store_1 \(id=\?\)/);
    expect(plan(`SELECT * FROM request_events WHERE id = 'x'`)).toMatch(/USING INDEX sqlite_autoindex_request_events_store_1 \(id=\?\)/);
    expect(plan(`SELECT * FROM request_events WHERE request_id = 'x' AND deleted_at IS NULL ORDER BY occurred_on, created_at`)).toMatch(/USING (COVERING )?INDEX request_events_request \(request_id=\?\)/);
    expect(plan(`SELECT id FROM request_events WHERE request_id = 'x'`)).toMatch(/USING (COVERING )?INDEX request_events_request \(request_id=\?\)/);
    // A live case by reference; a reference taken (db/references.ts).
    expect(plan(`SELECT id FROM requests WHERE reference = 'x' AND deleted_at IS NULL`)).toMatch(/USING (COVERING )?INDEX requests_reference \(reference=\?\)/);
    expect(plan(`SELECT 1 FROM "requests" WHERE reference = 'x' LIMIT 1`)).toMatch(/USING (COVERING )?INDEX requests_reference \(reference=\?\)/);
    // Retention: the cases answered before a day.
    expect(plan(`SELECT id, reference, response_sent_on, details, deleted_at FROM requests WHERE response_sent_on <= '2026-01-01'`)).toMatch(/USING INDEX requests_response \(response_sent_on<\?\)/);
    // The trash.
    expect(plan(`SELECT * FROM requests WHERE deleted_at IS NOT NULL`)).toMatch(/USING INDEX requests_trash/);
    // The live list reads every case: a scan, not an index plus a lookup per case.
    expect(plan(`SELECT * FROM requests WHERE deleted_at IS NULL ORDER BY received_on DESC, reference DESC`)).toMatch(/^SCAN s \| SEARCH d USING INTEGER PRIMARY KEY/);
    // The device of a stamp, by its number.
    expect(plan(`SELECT hlc FROM requests WHERE id = 'x'`)).toMatch(/SEARCH d USING INTEGER PRIMARY KEY/);
    const indexes = ws.raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('requests_store', 'request_events_store', 'request_index') AND sql IS NOT NULL ORDER BY name`).pluck().all();
    expect(indexes).toEqual(['request_events_request', 'request_index_page', 'request_index_pending', 'request_index_received', 'request_index_rights', 'request_index_today', 'requests_reference', 'requests_response', 'requests_trash']);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';
import { verifyAudit } from './audit';
import { sha256Hex } from './canonical';
import { canonicalJson } from './canonical';
import { TABLES, type DomainTable } from './tables';
import { entryHashInput, fieldDigest, saltDigest } from './write';
import { digestsOf, hashV3, type LogEntryRow } from './log-format';
import { entriesOf } from './remote';

/**
 * Attacks by someone who holds the passphrase and edits the file with plain SQL (issue 12, item 4).
 * Each must make `audit verify` fail and name where.
 */
const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});
async function create(): Promise<Workspace> {
  const ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-audit-')), 'w.vigie'), PASS, { actor: 'Test DPO' });
  open.push(ws);
  return ws;
}
const activity = (over: Record<string, unknown> = {}) => ({ reference: 'T-001', name: 'Recrutement', role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: {}, ...over });

type LogRow = { seq: number; id: string; op: string; fields: string; field_digests: string; salt: string | null; hash: string; prev_hash: string };
const log = (ws: Workspace) => ws.raw.prepare('SELECT * FROM change_log ORDER BY seq').all() as LogRow[];

/**
 * Rewrites the log as a workspace from before migration 0009 holds it (format 2: one global chain,
 * whole columns, JSON columns as text, hash version 2). Only for logs without key cells.
 */
function legacyize(ws: Workspace) {
  let prev = '0'.repeat(64);
  for (const e of ws.raw.prepare('SELECT * FROM change_log ORDER BY seq').all() as Array<Parameters<typeof entryHashInput>[0] & { seq: number; fields: string; salt: string }>) {
    const spec = TABLES[e.table_name as DomainTable];
    const fields = JSON.parse(e.fields) as Record<string, unknown>;
    for (const k of Object.keys(fields)) {
      if (k.includes('.')) throw new Error('legacyize: key cells have no format 2 form');
      if (spec.jsonColumns.includes(k)) fields[k] = canonicalJson(fields[k]);
    }
    const digests = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fieldDigest(e.salt, k, v)]));
    const row = { ...e, field_digests: canonicalJson(digests), prev_hash: prev };
    const hash = sha256Hex(entryHashInput(row, 2, saltDigest(e.salt)));
    ws.raw.prepare('UPDATE change_log SET fields = ?, field_digests = ?, prev_hash = ?, hash = ?, format = 2, schema_version = 0 WHERE seq = ?').run(canonicalJson(fields), row.field_digests, prev, hash, e.seq);
    prev = hash;
  }
}

/** Row 2 = insert of an activity, 3 = update of its owner and status, 4 = profile edit. */
async function populated(legacy = false): Promise<{ ws: Workspace; id: string }> {
  const ws = await create();
  const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ owner: 'Jean Dupont' }) }));
  await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Jeanne Dupont', status: 'active' } }));
  await ws.updateProfile({ dpo_name: 'Camille Martin' });
  if (legacy) legacyize(ws);
  return { ws, id };
}

async function broken(ws: Workspace) {
  const r = await ws.verifyAudit();
  expect(r.ok).toBe(false);
  return r.firstBroken!;
}

describe('entries written before migration 0009: the salt is covered by the entry hash (format 2)', () => {
  it('every new entry is hashed with format 2 (salt digest included), not format 1', async () => {
    const { ws } = await populated(true);
    for (const e of ws.raw.prepare('SELECT * FROM change_log').all() as (Parameters<typeof entryHashInput>[0] & { salt: string; hash: string })[]) {
      expect(e.hash).not.toBe(sha256Hex(entryHashInput(e, 1)));
      expect(e.hash).toBe(sha256Hex(entryHashInput(e, 2, saltDigest(e.salt))));
    }
    expect((await ws.verifyAudit()).ok).toBe(true);
  });

  it('detects a nulled salt with a rewritten value (the attack verify used to miss)', async () => {
    const { ws } = await populated(true);
    ws.raw.exec(`UPDATE change_log SET salt = NULL, fields = replace(fields, 'Jean Dupont', 'Paul Durand') WHERE seq = 2`);
    expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/salt was removed outside a purge/) });
  });

  it('detects a nulled salt even when no value was touched', async () => {
    const { ws } = await populated(true);
    ws.raw.exec(`UPDATE change_log SET salt = NULL WHERE seq = 4`);
    expect(await broken(ws)).toMatchObject({ seq: 4, reason: expect.stringMatching(/salt was removed/) });
  });

  it('detects a replaced salt', async () => {
    const { ws } = await populated(true);
    ws.raw.exec(`UPDATE change_log SET salt = '00112233445566778899aabbccddeeff' WHERE seq = 3`);
    expect(await broken(ws)).toMatchObject({ seq: 3, reason: expect.stringMatching(/hash mismatch/) });
  });
});

describe('entries written before migration 0009: a purge names what it scrubbed, so verify tells a purge from tampering', () => {
  async function purged() {
    const { ws, id } = await populated(true);
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { owner: '' }, reason: 'erasure request' }));
    return { ws, id };
  }

  it('records the scrubbed entries in the purge entry, and verify passes', async () => {
    const { ws } = await purged();
    const entries = log(ws);
    const purge = entries.at(-1)!;
    expect(purge.op).toBe('purge');
    const records = JSON.parse(purge.field_digests)['@scrubbed'];
    expect(Object.keys(records).sort()).toEqual([entries[1]!.id, entries[2]!.id].sort());
    expect(entries[1]!.salt).toBeNull();
    expect(entries[3]!.salt).not.toBeNull(); // the profile edit is another row: untouched
    expect(JSON.stringify(entries)).not.toContain('Dupont');
    expect((await ws.verifyAudit()).ok).toBe(true);
    // The purge does not show in the history as a changed field.
    const history = await ws.history({ table: 'activities' });
    expect(Object.keys(history[0]!.fields)).toEqual(['owner']);
  });

  it('detects a rewritten value that survived the purge in a scrubbed entry (the row replay cannot see it)', async () => {
    const { ws } = await purged();
    // status 'draft' in the insert was overwritten later, so only the purge's record can tell.
    ws.raw.exec(`UPDATE change_log SET fields = replace(fields, '"draft"', '"retired"') WHERE seq = 2`);
    expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/recorded value of “status” was altered/) });
  });

  it('detects a field added to or removed from a scrubbed entry', async () => {
    const { ws } = await purged();
    ws.raw.exec(`UPDATE change_log SET fields = json_remove(fields, '$.status') WHERE seq = 3`);
    expect(await broken(ws)).toMatchObject({ seq: 3, reason: expect.stringMatching(/fields left in this purged entry were altered/) });
  });

  it('detects a nulled salt on an entry of a purged row that the purge did not name', async () => {
    const { ws, id } = await purged();
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'Recrutement 2027' } }));
    const last = log(ws).at(-1)!;
    ws.raw.prepare(`UPDATE change_log SET salt = NULL, fields = replace(fields, '2027', '2030') WHERE seq = ?`).run(last.seq);
    expect(await broken(ws)).toMatchObject({ seq: last.seq, reason: expect.stringMatching(/salt was removed outside a purge/) });
  });

  it('detects an edited list of scrubbed entries', async () => {
    const { ws } = await purged();
    const purge = log(ws).at(-1)!;
    const digests = JSON.parse(purge.field_digests);
    delete digests['@scrubbed'][log(ws)[1]!.id];
    ws.raw.prepare('UPDATE change_log SET field_digests = ? WHERE seq = ?').run(JSON.stringify(digests), purge.seq);
    expect(await broken(ws)).toMatchObject({ reason: expect.stringMatching(/salt was removed outside a purge|hash mismatch/) });
  });

  it('a second purge of another column scrubs the first purge’s records too, and verify still passes', async () => {
    const { ws, id } = await purged();
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'Dossier de Jean Dupont' } }));
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { name: '[effacé]' }, reason: 'second erasure' }));
    const entries = log(ws);
    const firstPurge = entries.find((e) => e.op === 'purge')!;
    // The first purge held a digest of "name" (salted with its own salt): that salt is gone now.
    expect(firstPurge.salt).toBeNull();
    expect(JSON.stringify(entries)).not.toContain('Dupont');
    expect((await ws.verifyAudit()).ok).toBe(true);
    ws.raw.prepare(`UPDATE change_log SET fields = replace(fields, '"active"', '"retired"') WHERE seq = 3`).run();
    expect(await broken(ws)).toMatchObject({ seq: 3 });
  });
});

describe('every column and the meta rows are checked', () => {
  it.each([
    ['created_at', `UPDATE activities SET created_at = '2020-01-01T00:00:00.000Z'`, /“created_at”/],
    ['updated_at', `UPDATE activities SET updated_at = '2020-01-01T00:00:00.000Z'`, /“updated_at”/],
    ['hlc', `UPDATE activities SET hlc = '0000000000000-0000-X'`, /“hlc”/],
    ['deleted_at', `UPDATE activities SET deleted_at = '2026-01-01T00:00:00.000Z'`, /“deleted_at”/],
    ['the profile’s updated_at', `UPDATE org_profile SET updated_at = '2020-01-01T00:00:00.000Z'`, /“updated_at”/],
  ])('detects an edited %s', async (_label, tamper, reason) => {
    const { ws } = await populated();
    ws.raw.exec(tamper);
    expect(await broken(ws)).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  it('detects a column never written (added by a later migration) that no longer holds its default', async () => {
    const { ws } = await populated();
    ws.raw.exec(`ALTER TABLE activities ADD COLUMN added_later TEXT NOT NULL DEFAULT 'it''s new'`);
    expect((await ws.verifyAudit()).ok).toBe(true);
    ws.raw.exec(`UPDATE activities SET added_later = 'forged'`);
    expect(await broken(ws)).toMatchObject({ table: 'activities', reason: expect.stringMatching(/“added_later”/) });
  });

  it.each([
    ['workspace id', `UPDATE meta SET value = '01ARZ3NDEKTSV4RRFFQ69G5FAV' WHERE key = 'workspace_id'`, /workspace id/],
    ['format version', `UPDATE meta SET value = '7' WHERE key = 'format_version'`, /format version/],
    ['creation date', `UPDATE meta SET value = '2099-01-01T00:00:00.000Z' WHERE key = 'created_at'`, /creation date/],
    ['device id', `UPDATE meta SET value = '../../etc' WHERE key = 'device_id'`, /device id/],
  ])('detects an edited meta %s', async (_label, tamper, reason) => {
    const { ws } = await populated();
    expect(ws.raw.prepare(`SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get()).toBe(log(ws)[0]!.id);
    ws.raw.exec(tamper);
    expect(await broken(ws)).toMatchObject({ reason: expect.stringMatching(reason) });
  });
});

describe('entries written before format 2 keep verifying', () => {
  /** Rewrites the whole chain as format 1 (what a workspace from before 2026-12-01 holds). */
  function downgrade(ws: Workspace) {
    let prev = '0'.repeat(64);
    for (const e of ws.raw.prepare('SELECT * FROM change_log ORDER BY seq').all() as Parameters<typeof entryHashInput>[0][] & { seq: number }[]) {
      const row = { ...(e as unknown as Parameters<typeof entryHashInput>[0]), prev_hash: prev };
      const hash = sha256Hex(entryHashInput(row, 1));
      ws.raw.prepare('UPDATE change_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, (e as unknown as { seq: number }).seq);
      prev = hash;
    }
  }

  it('a format 1 chain passes, and a format 1 purge (which named nothing) still accepts the salts it removed', async () => {
    const { ws, id } = await populated(true);
    // A purge as Vigie wrote it before: salts nulled, no list of scrubbed entries.
    ws.raw.prepare(`UPDATE change_log SET salt = NULL, fields = json_remove(fields, '$.owner') WHERE seq IN (2, 3)`).run();
    ws.raw.prepare(`UPDATE activities SET owner = '' WHERE id = ?`).run(id);
    const salt = 'ab'.repeat(16);
    const fields = JSON.stringify({ owner: '' });
    const digest = sha256Hex(`${salt}\u0000owner\u0000""`);
    const last = log(ws).at(-1)!;
    const row = ws.raw.prepare('SELECT updated_at, hlc FROM activities WHERE id = ?').get(id) as { updated_at: string; hlc: string };
    ws.raw
      .prepare(`INSERT INTO change_log (id, table_name, row_id, op, fields, field_digests, salt, hlc, device_id, device_seq, tx_id, actor, at, reason, prev_hash, hash) VALUES ('01LEGACYPURGE0000000000000', 'activities', ?, 'purge', ?, ?, ?, ?, ?, ?, 'tx', 'x', ?, 'legacy', ?, 'h')`)
      .run(id, fields, JSON.stringify({ owner: digest }), salt, row.hlc, ws.deviceId, 5, row.updated_at, last.hash);
    downgrade(ws);
    expect(await ws.verifyAudit()).toMatchObject({ ok: true });
    // …but a salt nulled on a row without any purge is still refused.
    ws.raw.exec(`UPDATE change_log SET salt = NULL WHERE seq = 4`);
    expect(await broken(ws)).toMatchObject({ seq: 4, reason: expect.stringMatching(/salt was removed/) });
  });
});

describe('streamed verify and the quick check since the last check point', () => {
  async function many(): Promise<{ ws: Workspace; ids: string[] }> {
    const ws = await create();
    const ids: string[] = [];
    await ws.mutate(async (w) => {
      for (let i = 0; i < 12; i++) ids.push((await w.write({ op: 'insert', table: 'activities', values: activity({ reference: `T-${100 + i}` }) })).id);
    });
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: ids[3]!, values: { owner: 'DAF' } }));
    return { ws, ids };
  }

  it('gives the same answers in chunks of any size (rows before, between and after the logged ranges included)', async () => {
    const { ws, ids } = await many();
    for (const chunk of [1, 2, 5, 1000]) expect((await verifyAudit(ws.db, { chunk })).ok, `chunk ${chunk}`).toBe(true);
    ws.raw.prepare(`INSERT INTO activities (id, created_at, updated_at, deleted_at, hlc, reference, name, role, status, owner, review_date, details) SELECT '${ids[5]}X', created_at, updated_at, deleted_at, hlc, 'T-999', name, role, status, owner, review_date, details FROM activities WHERE id = ?`).run(ids[5]);
    for (const chunk of [1, 2, 5, 1000]) expect((await verifyAudit(ws.db, { chunk })).firstBroken, `chunk ${chunk}`).toMatchObject({ rowId: `${ids[5]}X`, reason: expect.stringMatching(/written outside Vigie/) });
    ws.raw.prepare(`DELETE FROM activities WHERE id = ?`).run(`${ids[5]}X`);
    ws.raw.prepare(`DELETE FROM activities WHERE id = ?`).run(ids[11]);
    for (const chunk of [1, 3, 1000]) expect((await verifyAudit(ws.db, { chunk })).firstBroken, `chunk ${chunk}`).toMatchObject({ rowId: ids[11], reason: expect.stringMatching(/removed outside Vigie/) });
  });

  it('a full check records a check point; a quick check covers what came after it and says so', async () => {
    const { ws, ids } = await many();
    const full = await ws.verifyAudit('full');
    expect(full).toMatchObject({ ok: true, scope: 'full', checkpoint: { seq: full.entries } });
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: ids[0]!, values: { owner: 'DRH' } }));
    expect(await ws.verifyAudit('quick')).toMatchObject({ ok: true, scope: 'since-checkpoint' });
    // A change after the check point is caught by the quick check…
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: ids[1]!, values: { owner: 'DSI' } }));
    ws.raw.prepare(`UPDATE activities SET owner = 'forged' WHERE id = ?`).run(ids[1]);
    expect(await ws.verifyAudit('quick')).toMatchObject({ ok: false, firstBroken: { rowId: ids[1] } });
    ws.raw.prepare(`UPDATE activities SET owner = 'DSI' WHERE id = ?`).run(ids[1]);
    // …a row changed before it is only for the full check, which always looks at everything.
    ws.raw.prepare(`UPDATE activities SET owner = 'forged' WHERE id = ?`).run(ids[7]);
    expect((await ws.verifyAudit('quick')).ok).toBe(true);
    expect(await ws.verifyAudit('full')).toMatchObject({ ok: false, firstBroken: { rowId: ids[7] } });
  });

  it('a quick check refuses a log whose check point entry was rewritten', async () => {
    const { ws } = await many();
    const full = await ws.verifyAudit('full');
    ws.raw.prepare(`UPDATE change_log SET hash = ? WHERE seq = ?`).run('e'.repeat(64), full.checkpoint!.seq);
    expect(await ws.verifyAudit('quick')).toMatchObject({ ok: false, firstBroken: { reason: expect.stringMatching(/run the full check/) } });
  });
});

describe('stored digests: only what cannot be recomputed from a held value and its salt', () => {
  const fullForm = (ws: Workspace) => {
    for (const e of ws.raw.prepare('SELECT * FROM change_log ORDER BY seq').all() as LogEntryRow[]) ws.raw.prepare('UPDATE change_log SET field_digests = ? WHERE id = ?').run(digestsOf(e), e.id);
  };

  it('an entry stores no digest of a value it holds; bundles and verify read the digests it was hashed with', async () => {
    const { ws } = await populated();
    const rows = log(ws);
    expect(rows[1]!.field_digests).toBe('{}'); // the insert: every value held with its salt
    expect(Object.keys(JSON.parse(rows[2]!.field_digests))).toEqual(['@base']); // the update keeps what its writer had seen
    const sent = entriesOf(ws.raw, ws.deviceId, 0);
    expect(sent).toHaveLength(4);
    for (const e of sent) expect(hashV3(e)).toBe(e.hash);
    expect(Object.keys(JSON.parse(sent[2]!.field_digests)).sort()).toEqual(['@base', 'owner', 'status']);
    expect((await ws.verifyAudit()).ok).toBe(true);
  });

  it('entries stored with every digest (before migration 0013) still verify, and an altered value is named', async () => {
    const { ws } = await populated();
    fullForm(ws);
    expect(JSON.parse(log(ws)[1]!.field_digests)).toHaveProperty('owner');
    expect((await ws.verifyAudit()).ok).toBe(true);
    ws.raw.exec(`UPDATE change_log SET fields = replace(fields, 'Jeanne Dupont', 'Paul Durand') WHERE seq = 3`);
    expect(await broken(ws)).toMatchObject({ seq: 3, reason: expect.stringMatching(/recorded value of “owner” was altered/) });
  });

  it.each([
    ['a held value removed (no digest stored for it)', `UPDATE change_log SET fields = json_remove(fields, '$.owner') WHERE seq = 3`, /hash mismatch/],
    ['a value changed', `UPDATE change_log SET fields = replace(fields, 'Jeanne Dupont', 'Paul Durand') WHERE seq = 3`, /hash mismatch/],
    ['a value added', `UPDATE change_log SET fields = json_set(fields, '$.name', 'Paie') WHERE seq = 3`, /hash mismatch/],
    ['the stored @base removed', `UPDATE change_log SET field_digests = '{}' WHERE seq = 3`, /hash mismatch/],
    ['a value rewritten in another (non-canonical) text of the same value', `UPDATE change_log SET fields = replace(fields, '"status":"active"', '"status":"\\u0061ctive"') WHERE seq = 3`, /hash mismatch/],
    ['white space added', `UPDATE change_log SET fields = replace(fields, '":', '": ') WHERE seq = 3`, /unreadable|hash mismatch/],
    ['a stored digest that does not match its value', `UPDATE change_log SET field_digests = json_set(field_digests, '$.owner', '${'0'.repeat(64)}') WHERE seq = 3`, /hash mismatch/],
    ['the salt removed', `UPDATE change_log SET salt = NULL WHERE seq = 3`, /salt was removed/],
  ])('detects %s', async (_label, tamper, reason) => {
    const { ws } = await populated();
    expect((await ws.verifyAudit()).ok).toBe(true);
    ws.raw.exec(tamper);
    expect(await broken(ws)).toMatchObject({ seq: 3, reason: expect.stringMatching(reason) });
  });

  it('a purge stores the digests of the values it removes; without them verify fails', async () => {
    const { ws, id } = await populated();
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { owner: '' }, reason: 'erasure request' }));
    const rows = log(ws);
    expect(JSON.stringify(rows)).not.toContain('Dupont');
    const insert = rows[1]!;
    expect(JSON.parse(insert.fields)).not.toHaveProperty('owner');
    expect(Object.keys(JSON.parse(insert.field_digests))).toEqual(['owner']);
    expect(Object.keys(JSON.parse(rows[2]!.field_digests)).sort()).toEqual(['@base', 'owner']);
    expect((await ws.verifyAudit()).ok).toBe(true);
    // Bundles carry what the entries were hashed with.
    for (const e of entriesOf(ws.raw, ws.deviceId, 0)) expect(hashV3(e)).toBe(e.hash);
    ws.raw.exec(`UPDATE change_log SET field_digests = '{}' WHERE seq = 2`);
    expect(await broken(ws)).toMatchObject({ seq: 2, reason: expect.stringMatching(/hash mismatch/) });
  });

  it('a held value removed with its stored digest kept is only accepted under a later purge', async () => {
    const { ws } = await populated();
    fullForm(ws);
    ws.raw.exec(`UPDATE change_log SET fields = json_remove(fields, '$.owner') WHERE seq = 3`);
    expect(await broken(ws)).toMatchObject({ seq: 3, reason: expect.stringMatching(/“owner” was removed outside a purge/) });
  });
});

import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { Workspace } from '../services/workspace';
import { openDatabase, WRONG_PASSPHRASE_OR_DAMAGED } from './open';
import { MIGRATIONS } from './migrations';
import { dumpTables } from './test-fixtures/dump';

const PASS = 'correct horse battery';
const open: Workspace[] = [];
function tmp(name = 'w.vigie'): string {
  return join(mkdtempSync(join(tmpdir(), 'vigie-test-')), name);
}
async function create(path = tmp()): Promise<Workspace> {
  const ws = await Workspace.create(path, PASS, { actor: 'Test DPO' });
  open.push(ws);
  return ws;
}
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});

/** Everything a person could see in the workspace: every table's rows, in a stable order. */
function dump(ws: Workspace): string {
  return dumpTables(ws.raw);
}

const activity = (over: Record<string, unknown> = {}) => ({
  reference: 'T-001',
  name: 'Recrutement',
  role: 'controller',
  status: 'draft',
  owner: 'RH',
  review_date: null,
  details: { purposes: [{ description: 'Gérer les candidatures', legalBasis: 'contract' }] },
  ...over,
});

describe('the one write path', () => {
  it('writes the row and one change-log entry with actor, device, HLC and changed fields only', async () => {
    const ws = await create();
    const r = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    const row = ws.raw.prepare('SELECT * FROM activities WHERE id = ?').get(r.id) as Record<string, unknown>;
    expect(row.name).toBe('Recrutement');
    expect(JSON.parse(String(row.details))).toEqual({ purposes: [{ description: 'Gérer les candidatures', legalBasis: 'contract' }] });

    const u = await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: r.id, values: { name: 'Recrutement des stagiaires', owner: 'RH' } }));
    expect(u.changed).toEqual(['name']);
    const log = ws.raw.prepare('SELECT * FROM change_log ORDER BY seq').all() as Record<string, string>[];
    expect(log).toHaveLength(3); // org profile + insert + update
    const last = log[2]!;
    expect(last).toMatchObject({ table_name: 'activities', row_id: r.id, op: 'update', actor: 'Test DPO', device_id: ws.deviceId });
    expect(JSON.parse(last.fields!)).toEqual({ name: 'Recrutement des stagiaires' });
    expect(last.hlc > log[1]!.hlc).toBe(true);
    expect(last.prev_hash).toBe(log[1]!.hash);
    expect(last.hlc.endsWith(ws.deviceId)).toBe(true);
  });

  it('history names the structured keys an update changed', async () => {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { details: { purposes: [{ description: 'Autre', legalBasis: 'contract' }], dataSubjects: ['candidates'] } } }));
    const [last] = await ws.history({ table: 'activities', rowId: id });
    expect(last!.changedKeys).toEqual({ details: ['dataSubjects', 'purposes'] });
  });

  it('an update that changes nothing writes no entry', async () => {
    const ws = await create();
    const before = (await ws.changeLogStats()).entries;
    const r = await ws.updateProfile({ jurisdiction: 'FR' });
    expect(r.changed).toEqual([]);
    expect((await ws.changeLogStats()).entries).toBe(before);
  });

  it.each([
    ['missing name', { name: '' }, /name: A name is required/],
    ['unknown role', { role: 'owner' }, /role/],
    ['bad review date', { review_date: '31/12/2026' }, /review_date: Use a date as YYYY-MM-DD/],
  ])('rejects an invalid insert (%s) and leaves the database unchanged', async (_label, over, message) => {
    const ws = await create();
    const before = dump(ws);
    await expect(ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity(over) }))).rejects.toThrow(message);
    expect(dump(ws)).toBe(before);
  });

  it('rolls back the whole transaction when a later write in it fails', async () => {
    const ws = await create();
    const before = dump(ws);
    await expect(
      ws.mutate(async (w) => {
        await w.write({ op: 'insert', table: 'activities', values: activity() });
        await w.write({ op: 'update', table: 'org_profile', id: 'org', values: { siren: '12' } });
      }),
    ).rejects.toThrow(/SIREN number has 9 digits/);
    expect(dump(ws)).toBe(before);
  });

  it('rejects unknown fields and bad profile values with specific messages, nothing changed', async () => {
    const ws = await create();
    const before = dump(ws);
    await expect(ws.mutate((w) => w.write({ op: 'update', table: 'org_profile', id: 'org', values: { nonsense: 1 } }))).rejects.toThrow(/unknown field\(s\) nonsense/);
    await expect(ws.updateProfile({ time_zone: 'Mars/Olympus' })).rejects.toThrow(/time_zone: Not a known time zone/);
    await expect(ws.updateProfile({ dpo_email: 'dpo-at-example' })).rejects.toThrow(/dpo_email: Not an e-mail address/);
    expect(dump(ws)).toBe(before);
  });

  it('tombstones deletes into the trash and restores them, both logged', async () => {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await ws.moveToTrash('activities', id, 'duplicate');
    expect(await ws.listTrash()).toEqual([expect.objectContaining({ table: 'activities', id, label: 'T-001 — Recrutement' })]);
    await expect(ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'x' } }))).rejects.toThrow(/in the trash/);
    await ws.restore('activities', id);
    expect(await ws.listTrash()).toEqual([]);
    const ops = (await ws.history({ table: 'activities', rowId: id })).map((e) => e.op);
    expect(ops).toEqual(['restore', 'delete', 'insert']);
    await expect(ws.moveToTrash('org_profile', 'org')).rejects.toThrow(/cannot be deleted/);
    expect((await ws.verifyAudit()).ok).toBe(true);
  });
});

describe('the Writer a service gets', () => {
  it('offers the write path and repository reads bound to the transaction, never the transaction itself', async () => {
    const ws = await create();
    await ws.mutate(async (w) => {
      expect(Object.keys(w).sort()).toEqual(['caseInserted', 'claimReference', 'read', 'reference', 'write']);
      // @ts-expect-error: no raw transaction to write around the write path with
      expect(w.trx).toBeUndefined();
      expect(Object.values(w.read).every((f) => typeof f === 'function')).toBe(true);
      await w.write({ op: 'insert', table: 'activities', values: activity({ reference: 'T-042' }) });
      // Reads see the transaction's own uncommitted writes.
      expect(await w.read.usedActivityReferences()).toEqual(['T-042']);
    });
  });
});

describe('file contents (digest-only columns)', () => {
  it('stores the file once: the log keeps its digest, and audit verify checks the row against it', async () => {
    const ws = await create();
    const content = Buffer.from('%PDF-1.7 contrat de sous-traitance '.repeat(2000)).toString('base64');
    const values = { vendor_id: 'v1', name: 'dpa.pdf', mime: 'application/pdf', size: 70_000, sha256: 'a'.repeat(64), content };
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'vendor_files', values }));
    const entry = ws.raw.prepare(`SELECT fields FROM change_log WHERE row_id = ?`).get(id) as { fields: string };
    expect(entry.fields.length).toBeLessThan(1000);
    expect(JSON.parse(entry.fields).content).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), length: content.length });
    expect((await ws.verifyAudit()).ok).toBe(true);
    ws.raw.prepare(`UPDATE vendor_files SET content = ? WHERE id = ?`).run(Buffer.from('forged').toString('base64'), id);
    expect((await ws.verifyAudit()).firstBroken).toMatchObject({ table: 'vendor_files', reason: expect.stringMatching(/content/) });
  });
});

describe('purge (GDPR erasure inside the history)', () => {
  it('blanks the row and every earlier value in the log, records why, and audit verify still passes', async () => {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ name: 'Demande de Jean Dupont', owner: 'Jean Dupont' }) }));
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Jeanne Dupont', status: 'active' } }));
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { name: '[effacé]', owner: '' }, reason: 'durée de conservation échue' }));
    const row = ws.raw.prepare('SELECT name, owner, status FROM activities WHERE id = ?').get(id);
    expect(row).toEqual({ name: '[effacé]', owner: '', status: 'active' });
    const log = JSON.stringify(ws.raw.prepare('SELECT * FROM change_log').all());
    expect(log).not.toContain('Dupont');
    const history = await ws.history({ table: 'activities', rowId: id });
    expect(history.map((e) => e.op)).toEqual(['purge', 'update', 'insert']);
    expect(history[0]).toMatchObject({ reason: 'durée de conservation échue', actor: 'Test DPO' });
    expect(history[1]!.fields).toEqual({ status: 'active' });
    expect(await ws.verifyAudit()).toMatchObject({ ok: true, entries: 4 });
  });

  it('refuses a purge without a reason or without columns, changing nothing', async () => {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    const before = dump(ws);
    await expect(ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { owner: '' }, reason: ' ' }))).rejects.toThrow(/must say why/);
    await expect(ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: {}, reason: 'x' }))).rejects.toThrow(/name the columns/);
    expect(dump(ws)).toBe(before);
  });

  it('a value forged into a purged entry is still caught by the row replay', async () => {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ owner: 'Jean' }) }));
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { owner: '' }, reason: 'erasure request' }));
    ws.raw.exec(`UPDATE activities SET owner = 'Forged'`);
    expect((await ws.verifyAudit()).firstBroken).toMatchObject({ table: 'activities', reason: expect.stringMatching(/owner/) });
  });
});

describe('audit verify (hash chain + replay)', () => {
  async function populated(): Promise<Workspace> {
    const ws = await create();
    const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await ws.updateProfile({ controller_name: 'Smart Tribune', dpo_name: 'Camille Martin' });
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { status: 'active' } }));
    return ws;
  }

  it('exports the change log as CSV a spreadsheet opens (BOM, ;, quoted JSON)', async () => {
    const ws = await populated();
    const r = await ws.exportAuditCsv();
    const text = Buffer.from(r.contentBase64, 'base64').toString('utf8');
    expect(r.entries).toBe(4);
    expect(text.startsWith('\ufeffseq;at;actor;device_id;hlc;table;row_id;op;fields;reason;prev_hash;hash\r\n')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(5);
    expect(text).toContain('"{""controller_name"":""Smart Tribune"",""dpo_name"":""Camille Martin""}"');
  });

  it('passes on an untouched workspace', async () => {
    const ws = await populated();
    expect(await ws.verifyAudit()).toMatchObject({ ok: true, entries: 4 });
  });

  it.each([
    ['a row edited outside Vigie', `UPDATE activities SET name = 'forged'`, { table: 'activities', reason: expect.stringMatching(/“name” was changed outside Vigie/) }],
    ['a row inserted outside Vigie', `INSERT INTO activities (id, created_at, updated_at, hlc, reference, name, role, status) VALUES ('x','t','t','h','R','N','controller','draft')`, { rowId: 'x', reason: expect.stringMatching(/no change-log entry/) }],
    ['a row deleted outside Vigie', `DELETE FROM activities`, { reason: expect.stringMatching(/removed outside Vigie/) }],
    ['a log value edited', `UPDATE change_log SET fields = replace(fields, 'Camille Martin', 'Someone Else') WHERE seq = 3`, { seq: 3, reason: expect.stringMatching(/hash mismatch/) }], // its digest is recomputed from the value (log-format.ts readCells), so the hash no longer matches
    ['a log entry re-attributed', `UPDATE change_log SET actor = 'Mallory' WHERE seq = 2`, { seq: 2, reason: expect.stringMatching(/hash mismatch/) }],
    ['a log entry removed', `DELETE FROM change_log WHERE seq = 2`, { seq: 3, reason: expect.stringMatching(/Entry 2 of the change log is missing/) }],
  ])('detects %s', async (_label, tamper, expected) => {
    const ws = await populated();
    ws.raw.exec(tamper);
    const report = await ws.verifyAudit();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject(expected);
  });
});

describe('encrypted workspace file', () => {
  it('holds no plaintext: no SQLite header and no marker string in the file or its WAL', async () => {
    const path = tmp();
    const ws = await create(path);
    const marker = 'MARKER-7f3a9c-Recrutement-confidentiel';
    await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ name: marker }) }));
    for (const f of [path, `${path}-wal`]) {
      if (!existsSync(f)) continue;
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    }
    await ws.close();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from(marker))).toBe(false);
  });

  it('refuses a wrong passphrase with the exact message, and an empty one', async () => {
    const path = tmp();
    await (await Workspace.create(path, PASS, { actor: 'a' })).close();
    await expect(Workspace.open(path, 'wrong passphrase', { actor: 'a' })).rejects.toMatchObject({ code: 'wrong_passphrase', message: WRONG_PASSPHRASE_OR_DAMAGED });
    await expect(Workspace.open(path, '', { actor: 'a' })).rejects.toThrow('Wrong passphrase for this workspace');
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    open.push(ws);
    expect((await ws.getProfile()).profile.jurisdiction).toBe('FR');
  });

  it('refuses weak passphrases, existing files, unencrypted databases and wrong extensions', async () => {
    await expect(Workspace.create(tmp(), 'short', { actor: 'a' })).rejects.toThrow(/at least 8 characters/);
    const path = tmp();
    await (await Workspace.create(path, PASS, { actor: 'a' })).close();
    await expect(Workspace.create(path, PASS, { actor: 'a' })).rejects.toThrow(/already exists/);
    const plain = tmp('plain.vigie');
    new Database(plain).exec('CREATE TABLE t(x)');
    await expect(Workspace.open(plain, PASS, { actor: 'a' })).rejects.toThrow(/unencrypted SQLite database/);
    await expect(Workspace.open(tmp('x.db'), PASS, { actor: 'a' })).rejects.toThrow(/must end with .vigie/);
  });
});

describe('migrations', () => {
  it('a new workspace gets every migration, each with its hash recorded', async () => {
    const ws = await create();
    const rows = ws.raw.prepare('SELECT name, hash FROM vigie_migration_hashes ORDER BY name').all() as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('an existing workspace from an older build is backed up, then upgraded, keeping its data', async () => {
    const path = tmp();
    const older = await openDatabase({ path, passphrase: PASS, mode: 'create', migrations: MIGRATIONS.slice(0, 1) });
    older.raw.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'OLD-DEVICE')`).run();
    await older.db.destroy();

    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    open.push(ws);
    expect(ws.migrated).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
    expect(ws.deviceId).toBe('OLD-DEVICE');
    expect(ws.backup).toBeDefined();
    // The backup is an encrypted copy that opens with the same passphrase and holds the old schema.
    const copy = await openDatabase({ path: ws.backup!, passphrase: PASS, mode: 'open', migrations: MIGRATIONS.slice(0, 1) });
    expect(copy.migrated).toEqual([]);
    await copy.db.destroy();
    expect(readdirSync(join(path, '..', 'w.backups')).filter((f) => f.endsWith('.vigie'))).toHaveLength(1);
  });

  it('opening an up-to-date workspace makes no backup', async () => {
    const path = tmp();
    await (await Workspace.create(path, PASS, { actor: 'a' })).close();
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    open.push(ws);
    expect(ws.backup).toBeUndefined();
    expect(existsSync(join(path, '..', 'w.backups'))).toBe(false);
  });

  it('refuses a workspace written by a newer Vigie, changing nothing', async () => {
    const path = tmp();
    const future = [...MIGRATIONS, { name: '9999_from_the_future', statements: ['CREATE TABLE future (x TEXT)'] }];
    await (await openDatabase({ path, passphrase: PASS, mode: 'create', migrations: future })).db.destroy();
    await expect(Workspace.open(path, PASS, { actor: 'a' })).rejects.toThrow(/newer version of Vigie .*9999_from_the_future/);
  });

  it('refuses a workspace whose applied migration was edited afterwards', async () => {
    const path = tmp();
    const edited = [{ ...MIGRATIONS[0]!, statements: [...MIGRATIONS[0]!.statements, 'CREATE TABLE sneaky (x TEXT)'] }, ...MIGRATIONS.slice(1)];
    await (await openDatabase({ path, passphrase: PASS, mode: 'create', migrations: edited })).db.destroy();
    await expect(Workspace.open(path, PASS, { actor: 'a' })).rejects.toThrow(/0001_foundation .* does not match this build/);
  });
});

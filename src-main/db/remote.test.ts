import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';
import { canonicalJson } from './canonical';
import { cellDigest, cellSalt, hashV3 } from './log-format';
import { allEntries, deviceHeads, entriesOf, newestStamp, RemoteRejection, versionVector } from './remote';
import { deviceHead, insertEntry, newUlid } from './write';
import { bundleFor, deliver, founder, joiner, joinerAhead, PASS, tablesOf, type Replica } from './test-fixtures/replicas';

const open: Replica[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.ws.close().catch(() => undefined);
});
async function pair(): Promise<[Replica, Replica]> {
  const a = await founder('A');
  open.push(a);
  const b = await joiner(a, 'B');
  open.push(b);
  return [a, b];
}
const TABLES = ['org_profile', 'activities', 'requests', 'request_events', 'vendors', 'breaches'];
const activity = (over: Record<string, unknown> = {}) => ({ reference: 'T-001', name: 'Recrutement', role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: ['hiring'], notes: '' }, ...over });

async function ok(r: Replica) {
  const report = await r.ws.verifyAudit();
  expect(report, `${r.name}: ${JSON.stringify(report.firstBroken)}`).toMatchObject({ ok: true });
}
function conflicts(r: Replica) {
  return r.ws.raw.prepare('SELECT kind, table_name, cell, kept_value, lost_value, resolved_at FROM sync_conflicts ORDER BY detected_at').all() as Array<{ kind: string; cell: string; kept_value: string; lost_value: string; resolved_at: string | null }>;
}

describe('per-device chains', () => {
  it('every entry carries device, device_seq 1,2,3…, transaction and schema version, and links to the previous entry of its device', async () => {
    const a = await founder('A');
    open.push(a);
    await a.ws.mutate(async (w) => {
      await w.write({ op: 'insert', table: 'activities', values: activity() });
      await w.write({ op: 'insert', table: 'activities', values: activity({ reference: 'T-002' }) });
    });
    const log = a.ws.raw.prepare('SELECT device_id, device_seq, tx_id, schema_version, format, prev_hash, hash FROM change_log ORDER BY seq').all() as Array<{ device_id: string; device_seq: number; tx_id: string; schema_version: number; format: number; prev_hash: string; hash: string }>;
    expect(log.map((e) => e.device_seq)).toEqual([1, 2, 3]);
    expect(new Set(log.map((e) => e.device_id))).toEqual(new Set([a.ws.deviceId]));
    expect(log[1]!.tx_id).toBe(log[2]!.tx_id);
    expect(log[0]!.tx_id).not.toBe(log[1]!.tx_id);
    expect(log.every((e) => e.format === 3 && e.schema_version === a.ws.schemaVersion)).toBe(true);
    expect(log[2]!.prev_hash).toBe(log[1]!.hash);
    expect(versionVector(a.ws.raw)).toEqual({ [a.ws.deviceId]: 3 });
    await ok(a);
  });

  it('a colleague receives the whole workspace and both end identical, each verifying two chains', async () => {
    const [a, b] = await pair();
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await deliver(a, b);
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Service RH' } }));
    await deliver(b, a);
    expect(tablesOf(a, TABLES)).toBe(tablesOf(b, TABLES));
    expect(versionVector(a.ws.raw)).toEqual(versionVector(b.ws.raw));
    await ok(a);
    await ok(b);
  });

  it('duplicates are skipped; a gap, a rewritten history, a tampered entry are refused whole and change nothing', async () => {
    const [a, b] = await pair();
    await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    const first = bundleFor(a, b);
    await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ reference: 'T-002' }) }));
    const both = bundleFor(a, b);
    const before = tablesOf(b, [...TABLES, 'change_log', 'cell_clock']);
    // A gap: the second entry without the first.
    await expect(b.ws.applyRemote(both.entries.slice(1))).rejects.toMatchObject({ reason: 'gap' });
    // A tampered value.
    const tampered = both.entries.map((e, i) => (i === 1 ? { ...e, fields: e.fields.replace('T-002', 'T-666') } : e));
    await expect(b.ws.applyRemote(tampered)).rejects.toBeInstanceOf(RemoteRejection);
    // A re-hashed forgery still breaks the link to the next entry or the digests.
    const relinked = both.entries.map((e, i) => (i === 0 ? { ...e, prev_hash: '1'.repeat(64) } : e));
    await expect(b.ws.applyRemote(relinked)).rejects.toMatchObject({ reason: 'chain_break' });
    expect(tablesOf(b, [...TABLES, 'change_log', 'cell_clock'])).toBe(before);
    await b.ws.applyRemote(first.entries);
    const again = await b.ws.applyRemote(both.entries);
    expect(again).toMatchObject({ duplicates: 1, applied: 1 });
    // The same device_seq with another content: a fork.
    const fork = { ...both.entries[1]!, hash: 'f'.repeat(64) };
    await expect(b.ws.applyRemote([fork])).rejects.toMatchObject({ reason: 'fork' });
    await ok(b);
  });
});

describe('merge per field', () => {
  it('two colleagues editing different parts of one record both keep their edit', async () => {
    const [a, b] = await pair();
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await deliver(a, b);
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { details: { purposes: ['hiring', 'onboarding'], notes: '' } } }));
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { details: { purposes: ['hiring'], notes: 'Vu avec la DRH' } } }));
    await deliver(a, b);
    await deliver(b, a);
    const details = JSON.parse((a.ws.raw.prepare('SELECT details FROM activities WHERE id = ?').get(id) as { details: string }).details);
    expect(details).toEqual({ purposes: ['hiring', 'onboarding'], notes: 'Vu avec la DRH' });
    expect(tablesOf(a, TABLES)).toBe(tablesOf(b, TABLES));
    expect(conflicts(a)).toEqual([]);
    expect(conflicts(b)).toEqual([]);
    await ok(a);
    await ok(b);
  });

  it('the same field edited on both sides: the later stamp wins everywhere and the loser is shown as a conflict on both', async () => {
    const [a, b] = await pair();
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await deliver(a, b);
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Alice' } }));
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Bruno' } }));
    await deliver(a, b);
    await deliver(b, a);
    expect(tablesOf(a, TABLES)).toBe(tablesOf(b, TABLES));
    const owner = (a.ws.raw.prepare('SELECT owner FROM activities WHERE id = ?').get(id) as { owner: string }).owner;
    expect(owner).toBe('Bruno'); // B wrote last
    expect(conflicts(a)).toMatchObject([{ kind: 'value', cell: 'owner', kept_value: '"Bruno"', lost_value: '"Alice"' }]);
    expect(conflicts(b)).toMatchObject([{ kind: 'value', cell: 'owner', kept_value: '"Bruno"', lost_value: '"Alice"' }]);
    await ok(a);
    await ok(b);
  });

  it('an edit made after seeing the other is not a conflict', async () => {
    const [a, b] = await pair();
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await deliver(a, b);
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Alice' } }));
    await deliver(a, b);
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Bruno' } }));
    await deliver(b, a);
    expect(conflicts(a)).toEqual([]);
    expect(conflicts(b)).toEqual([]);
    expect(tablesOf(a, TABLES)).toBe(tablesOf(b, TABLES));
  });

  it('a colleague whose clock runs ahead repeats a value, then changes it: the first writer\'s value is a conflict, whatever the order', async () => {
    // Found by the replicas property test (seed 889266515): B's computer is a day fast. C sets the name;
    // B, not having seen it, sets the same name (no conflict: nothing differs), then another. B's
    // stamps are all newer than C's, so "B had seen a newer stamp" proved nothing: C's value was lost
    // in silence. Each order of delivery must show it.
    const DAY = 24 * 3600 * 1000;
    for (const order of ['c-then-b', 'b-then-c', 'b-to-c'] as const) {
      const a = await founder('A');
      open.push(a);
      const b = await joinerAhead(a, 'B', DAY);
      open.push(b);
      const c = await joiner(a, 'C');
      open.push(c);
      const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
      await deliver(a, b);
      await deliver(a, c);
      const lost = await c.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'Formation' } }));
      await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'Formation' } }));
      await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'Paie' } }));
      const at = order === 'b-to-c' ? c : a;
      if (order === 'c-then-b') {
        await deliver(c, a);
        await deliver(b, a);
      } else if (order === 'b-then-c') {
        await deliver(b, a);
        await deliver(c, a);
      } else await deliver(b, c);
      expect((at.ws.raw.prepare('SELECT name FROM activities WHERE id = ?').get(id) as { name: string }).name, order).toBe('Paie');
      const named = at.ws.raw.prepare("SELECT kept_value, lost_value FROM sync_conflicts WHERE cell = 'name' AND (lost_entry = ? OR kept_entry = ?)").all(lost.entryId, lost.entryId);
      expect(named, order).toEqual([{ kept_value: '"Paie"', lost_value: '"Formation"' }]);
      await ok(at);
    }
  });

  it('an older value arriving late never overwrites a newer one, whatever the order', async () => {
    const [a, b] = await pair();
    const c = await joiner(a, 'C');
    open.push(c);
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await deliver(a, b);
    await deliver(a, c);
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Alice' } }));
    await deliver(a, b);
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Bruno' } }));
    // C gets B's (newer) edit first, then A's older one.
    await deliver(b, c);
    await deliver(a, c);
    expect((c.ws.raw.prepare('SELECT owner FROM activities WHERE id = ?').get(id) as { owner: string }).owner).toBe('Bruno');
    expect(conflicts(c)).toEqual([]); // B had seen A's edit
    await ok(c);
  });
});

describe('deletes, restores and purges', () => {
  it('an edit the deleter had not seen keeps the row deleted and is flagged "edited while deleted"', async () => {
    const [a, b] = await pair();
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await deliver(a, b);
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Bruno' } }));
    await a.ws.mutate((w) => w.write({ op: 'delete', table: 'activities', id }));
    await deliver(b, a);
    await deliver(a, b);
    for (const r of [a, b]) {
      expect((r.ws.raw.prepare('SELECT deleted_at FROM activities WHERE id = ?').get(id) as { deleted_at: string | null }).deleted_at).not.toBeNull();
      expect(conflicts(r).map((c) => c.kind)).toContain('edited-while-deleted');
      await ok(r);
    }
    expect(tablesOf(a, TABLES)).toBe(tablesOf(b, TABLES));
  });

  it('a purge travels as a change of its own; older entries that arrive later are scrubbed on receipt', async () => {
    const [a, b] = await pair();
    const c = await joiner(a, 'C');
    open.push(c);
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ owner: 'Jean Dupont' }) }));
    await deliver(a, b);
    await deliver(a, c);
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Jean Dupont (RH)' } }));
    await a.ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { owner: '' }, reason: 'erasure request' }));
    await deliver(a, c); // C gets the purge first…
    await deliver(b, c); // …then B's older edit
    await deliver(a, b);
    await deliver(b, a);
    for (const r of [a, b, c]) {
      const dump = JSON.stringify(r.ws.raw.prepare('SELECT * FROM change_log').all());
      expect(dump, r.name).not.toContain('Dupont');
      expect((r.ws.raw.prepare('SELECT owner FROM activities WHERE id = ?').get(id) as { owner: string }).owner).toBe('');
      await ok(r);
    }
    expect(tablesOf(a, TABLES)).toBe(tablesOf(c, TABLES));
    expect(tablesOf(b, TABLES)).toBe(tablesOf(c, TABLES));
  });
});

describe('device identity and references', () => {
  it('a copied workspace file gets a new device id before its first write; the original keeps its own', async () => {
    const home = mkdtempSync(join(tmpdir(), 'vigie-home-'));
    const dir = mkdtempSync(join(tmpdir(), 'vigie-copy-'));
    const path = join(dir, 'w.vigie');
    const ws = await Workspace.create(path, PASS, { actor: 'A', home });
    const original = ws.deviceId;
    await ws.close();
    copyFileSync(path, join(dir, 'copy.vigie'));
    const again = await Workspace.open(path, PASS, { actor: 'A', home });
    expect(again.deviceId).toBe(original);
    await again.close();
    const copy = await Workspace.open(join(dir, 'copy.vigie'), PASS, { actor: 'A', home });
    expect(copy.deviceId).not.toBe(original);
    await copy.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    const devices = copy.raw.prepare('SELECT DISTINCT device_id FROM change_log').pluck().all();
    expect(devices.sort()).toEqual([original, copy.deviceId].sort());
    expect((await copy.verifyAudit()).ok).toBe(true);
    await copy.close();
    // On another computer (another installation folder) the same file is another device too.
    const elsewhere = await Workspace.open(path, PASS, { actor: 'A', home: mkdtempSync(join(tmpdir(), 'vigie-home2-')) });
    expect(elsewhere.deviceId).not.toBe(original);
    await elsewhere.close();
  });

  it('two offline colleagues creating a request the same day get distinct references, and references never change', async () => {
    const [a, b] = await pair();
    // B is an approved member with a member code (what approval writes).
    await a.ws.mutate((w) =>
      w.write({ op: 'insert', table: 'sync_members', id: b.ws.deviceId, values: { name: 'Camille Martin', age_recipient: `age1${'q'.repeat(58)}`, signing_public_key: 'A'.repeat(43), member_code: 'CM', status: 'active', joined_epoch: 1, removed_epoch: null, approved_by: a.ws.deviceId } }),
    );
    await deliver(a, b);
    const refs: string[] = [];
    for (const r of [a, b]) {
      const ref = await r.ws.mutate(async (w) => w.reference('DSAR', 2026));
      refs.push(ref);
    }
    expect(refs[0]).toBe('DSAR-2026-0001');
    expect(refs[1]).toBe('DSAR-2026-CM-0001');
    expect(await a.ws.mutate(async (w) => w.reference('DSAR', 2026))).toBe('DSAR-2026-0002');
  });
});

describe('entries from a newer version', () => {
  it('an entry for a table this version does not know waits in the pending table, the chain goes on, and verify still passes', async () => {
    const [a, b] = await pair();
    // What a colleague on a newer Vigie writes: a well-formed entry of A's chain naming a future table.
    const head = deviceHead(a.ws.raw, a.ws.deviceId);
    const salt = 'ab'.repeat(16);
    const cells = { label: 'Registre des sous-traitants' };
    const digests = { label: cellDigest(cellSalt(salt, 'label'), 'label', cells.label) };
    const base = {
      id: newUlid(),
      table_name: 'future_things',
      row_id: 'F1',
      op: 'insert' as const,
      field_digests: canonicalJson(digests),
      hlc: a.ws.clock.now(),
      device_id: a.ws.deviceId,
      device_seq: head.seq + 1,
      tx_id: 'tx1',
      schema_version: 99,
      format: 3,
      actor: 'DPO A',
      at: new Date().toISOString(),
      reason: null,
      prev_hash: head.hash,
    };
    const entry = { ...base, fields: canonicalJson(cells), salt, cell_salts: null, hash: hashV3(base) };
    const r = await b.ws.applyRemote([entry]);
    expect(r).toMatchObject({ pending: 1, applied: 0 });
    expect(b.ws.raw.prepare('SELECT reason FROM sync_pending').pluck().all()).toEqual(['unknown_table:future_things']);
    await ok(b);
    // The chain continues after it: A's next entry applies.
    insertEntry(a.ws.raw, entry);
    await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    const next = entriesOf(a.ws.raw, a.ws.deviceId, head.seq + 1);
    expect(await b.ws.applyRemote(next)).toMatchObject({ applied: 1 });
    expect(allEntries(b.ws.raw).length).toBe(allEntries(a.ws.raw).length);
  });
});

describe('device heads without reading the whole log', () => {
  it('the version vector and the newest stamp equal the full GROUP BY and MAX(hlc) over the log, with three devices, one a day ahead', async () => {
    const DAY = 24 * 3600 * 1000;
    const a = await founder('A');
    open.push(a);
    const b = await joinerAhead(a, 'B', DAY);
    open.push(b);
    const c = await joiner(a, 'C');
    open.push(c);
    const full = (r: Replica) => ({
      vector: Object.fromEntries((r.ws.raw.prepare('SELECT device_id, MAX(device_seq) AS n FROM change_log GROUP BY device_id').all() as Array<{ device_id: string; n: number }>).map((x) => [x.device_id, x.n])),
      newest: r.ws.raw.prepare('SELECT MAX(hlc) FROM change_log').pluck().get(),
    });
    const check = (r: Replica) => expect({ vector: versionVector(r.ws.raw), newest: newestStamp(r.ws.raw) }, r.name).toEqual(full(r));
    check(a);
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    for (const [from, to] of [[a, b], [a, c]] as const) await deliver(from, to);
    for (let i = 0; i < 3; i++) {
      await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: `B${i}` } }));
      await c.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: `C${i}` } }));
      await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ reference: `T-1${i}` }) }));
    }
    for (const [from, to] of [[b, a], [c, a], [a, c], [b, c]] as const) await deliver(from, to);
    for (const r of [a, b, c]) check(r);
    expect(Object.keys(versionVector(a.ws.raw))).toHaveLength(3);
    // B's clock runs a day ahead: its newest entry holds the workspace's newest stamp, on every replica that has it.
    expect(newestStamp(a.ws.raw)).toBe(deviceHeads(a.ws.raw).find((h) => h.device_id === b.ws.deviceId)!.hlc);
  });
});

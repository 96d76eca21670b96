/**
 * In the app, the sync snapshot of the whole log (written when a colleague is approved or removed)
 * is read and sealed by the `snapshot` job on its own connection (issue 11: at 100,000 requests the
 * log takes seconds to read and seal, the window frozen meanwhile when done in the main process).
 * The job's snapshot holds exactly what the main process would have written, and a colleague
 * approved through the API starts from it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionJobRunner } from '../api/handlers/jobs';
import { tablesOf } from '../db/test-fixtures/replicas';
import { RequestsService } from '../services/requests';
import type { Session } from '../services/session';
import { apiSession } from './test-fixtures/api-session';
import { SyncService } from '../services/sync';
import { Workspace } from '../services/workspace';
import { recipientsForEpoch } from '../sync/bundle';
import { deviceKeys, memberRecords, snapshotBody, snapshotRoster } from '../sync/engine';
import { openSnapshot } from '../sync/open-file';

const PASS = 'snapshot job test passphrase';
const sessions: Session[] = [];
const others: Workspace[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const w of others.splice(0)) await w.close();
});

async function setup() {
  const { dir, session, call } = apiSession('vigie-snapshot-job-', 'Alice', sessions);
  await call('workspace.create', { path: 'alice.vigie', passphrase: PASS, controllerName: 'Instantanés SAS' });
  const ws = session.workspace;
  await ws.mutate(async (w) => {
    for (let i = 1; i <= 30; i++) await w.write({ op: 'insert', table: 'activities', values: { reference: `T-${i}`, name: `Traitement ${i}`, role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: ['p'], notes: '' } } });
  });
  // A file kept in the workspace: its content travels inside the snapshot.
  const requests = new RequestsService(ws);
  const c = await requests.create({ requester: { name: 'Marie Martin', email: 'marie@example.org' }, rights: ['access'], channel: 'email', receivedOn: '2026-03-05' });
  await requests.addEvent(c.id, { occurredOn: '2026-03-06', kind: 'letter-in', direction: 'in', summary: 'Pièce', attachment: { fileName: 'id.txt', contentBase64: Buffer.from('pièce d’identité').toString('base64') } });
  return { dir, session, call, ws };
}

describe('the sync snapshot as a job', () => {
  it('holds what the main process would write: the same entries, vector, members and file contents, sealed with this device’s keys', async () => {
    const { session, ws } = await setup();
    const keys = await deviceKeys(ws);
    const roster = snapshotRoster([{ deviceId: ws.deviceId, name: 'Alice', ageRecipient: keys.ageRecipient, signingPublicKey: keys.signingPublicKey, joinedEpoch: 1 }]);
    const runner = sessionJobRunner(session);
    const input = { epoch: 1, seq: 4, roster, recipients: [keys.ageRecipient], schemaVersion: Math.max(1, ws.schemaVersion) };
    const out = await runner.run('snapshot', input);
    const here = snapshotBody(ws.raw, ws, 1, 4, roster);
    expect(out.vector).toEqual(here.vector);
    const opened = await openSnapshot(out.sealed, keys, [{ ...roster[0]!, removedEpoch: null }], { file: 'f', device: ws.deviceId, epoch: 1, seq: 4 }, ws.workspaceId);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.body).toEqual(here);
    expect(Object.keys(here.blobs)).toHaveLength(1);
    // A bad input is refused before the worker starts.
    await expect(runner.run('snapshot', { ...input, recipients: [] })).rejects.toMatchObject({ code: 'invalid_input' });
  }, 120_000);

  it('a colleague approved through the API starts from the snapshot the job wrote', async () => {
    const { dir, call, ws } = await setup();
    const folder = mkdtempSync(join(tmpdir(), 'vigie-snapshot-job-folder-'));
    await call('sync.setFolder', { folder });
    await call('sync.now', {});
    const path = join(dir, 'bob.vigie');
    const j = await SyncService.join({ path, passphrase: PASS, folder, name: 'Bob' });
    await call('sync.now', {});
    await call('sync.approve', { deviceId: j.deviceId });
    const bob = await Workspace.open(path, PASS, { actor: 'Bob' });
    others.push(bob);
    const r = await new SyncService(bob, { settleMs: 0 }).syncNow();
    expect(r.rejected).toEqual([]);
    expect(memberRecords(bob).map((m) => m.name).sort()).toEqual(['Alice', 'Bob']);
    const tables = ['activities', 'requests', 'request_events', 'request_attachments'];
    expect(tablesOf({ name: '', ws: bob }, tables)).toEqual(tablesOf({ name: '', ws }, tables));
    expect((await bob.verifyAudit()).ok).toBe(true);
    expect(recipientsForEpoch(memberRecords(ws), 1)).toHaveLength(2);
  }, 180_000);
});

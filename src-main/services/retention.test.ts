import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../db/test-fixtures/dump';
import { RequestsService } from './requests';
import { RetentionService } from './retention';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-retention-')), 'w.vigie'), 'retention test passphrase', {
    actor: 'dpo',
    profile: { controller_name: 'ACME SAS', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' },
  });
  opened.push(w);
  return w;
}
function dump(w: Workspace): string {
  return dumpTables(w.raw);
}
const at = (iso: string) => () => new Date(`${iso}T10:00:00Z`);
const PASSPORT = Buffer.from('%PDF-1.4 passport of Marie Martin, n° 12AB34567').toString('base64');

async function closedCase(w: Workspace, now: string) {
  const s = new RequestsService(w, { now: at(now) });
  const c = await s.create({ requester: { name: 'Marie Martin', email: 'marie@example.org', address: '1 rue de Paris' }, rights: ['access'], channel: 'email', receivedOn: '2020-03-02' });
  await s.addEvent(c.id, { occurredOn: '2020-03-03', kind: 'letter-in', direction: 'in', summary: 'Courrier de Marie Martin avec sa pièce d’identité', attachment: { fileName: 'passeport.pdf', contentBase64: PASSPORT, purpose: 'identity-document' } });
  const got = await s.get(c.id);
  await s.update(c.id, { ...got.case, identity: { requestedOn: '2020-03-02', receivedOn: '2020-03-03', outcome: 'verified', method: 'Passeport n° 12AB34567' }, outcome: { result: 'fulfilled' }, response: { sentOn: '2020-03-20', how: 'courriel' }, notes: 'Appel de Marie le 5 mars' });
  return c;
}

describe('retention service', () => {
  it('proposes the identity document as soon as the check is recorded, and the closed case after five years', async () => {
    const w = await ws();
    const c = await closedCase(w, '2020-03-25');
    const early = await new RetentionService(w, { now: at('2020-03-25') }).due();
    expect(early.items.map((i) => [i.rule, i.table])).toEqual([['identity-document', 'request_attachments']]);
    expect(early.items[0]).toMatchObject({ dueOn: '2020-03-03', link: { area: 'requests', id: c.id } });
    const later = await new RetentionService(w, { now: at('2025-03-20') }).due();
    expect(later.items.map((i) => i.rule).sort()).toEqual(['identity-document', 'request-closed']);
    const dayBefore = await new RetentionService(w, { now: at('2025-03-19') }).due();
    expect(dayBefore.items.map((i) => i.rule)).toEqual(['identity-document']);
  });

  it('purges a closed case: personal data leave the row, its history and its files; the accountability record stays; audit verify stays green', async () => {
    const w = await ws();
    const c = await closedCase(w, '2020-03-25');
    const r = new RetentionService(w, { now: at('2026-12-01') });
    const due = await r.due();
    const out = await r.purge(due.items.map((i) => i.id), 'Durée de conservation échue');
    expect(out.purged).toHaveLength(2);
    const all = dump(w);
    for (const gone of ['Marie', 'marie@example.org', 'rue de Paris', '12AB34567', 'Appel de Marie', PASSPORT.slice(0, 20)]) expect(all).not.toContain(gone);
    const got = await new RequestsService(w, { now: at('2026-12-01') }).get(c.id);
    expect(got.case).toMatchObject({ rights: ['access'], receivedOn: '2020-03-02', outcome: { result: 'fulfilled' }, response: { sentOn: '2020-03-20' }, identity: { outcome: 'verified' }, purge: { on: '2026-12-01', rule: 'request-closed', by: 'dpo' } });
    expect(got.reference).toBe(c.reference);
    expect(got.attachments.every((a) => a.purged)).toBe(true);
    expect((await w.verifyAudit()).ok).toBe(true);
    // The purge is logged with who, when and which rule.
    const purges = w.raw.prepare(`SELECT actor, reason FROM change_log WHERE op = 'purge'`).all() as Array<{ actor: string; reason: string }>;
    expect(purges.length).toBeGreaterThan(0);
    expect(purges.every((p) => p.actor === 'dpo' && /retention rule (request-closed|identity-document)/.test(p.reason))).toBe(true);
    // Nothing is proposed twice.
    expect((await r.due()).items).toEqual([]);
    await expect(new RequestsService(w).getAttachment(got.attachments[0]!.id)).rejects.toThrow(/deleted under a retention rule/);
  });

  it('a held item is never proposed nor purged; releasing the hold brings it back', async () => {
    const w = await ws();
    const c = await closedCase(w, '2020-03-25');
    const r = new RetentionService(w, { now: at('2026-12-01') });
    const { holdId } = await r.hold(c.id, 'Contentieux prud’homal en cours');
    expect((await r.due()).items.map((i) => i.rule)).toEqual(['identity-document']);
    const held = (await r.due({ includeHeld: true })).items.find((i) => i.rule === 'request-closed')!;
    expect(held.hold).toMatchObject({ reason: 'Contentieux prud’homal en cours', placedOn: '2026-12-01' });
    const before = dump(w);
    await expect(r.purge([c.id], 'x')).rejects.toThrow(/on hold/);
    expect(dump(w)).toBe(before);
    expect((await new RequestsService(w, { now: at('2026-12-01') }).get(c.id)).holds).toEqual([{ id: holdId, reason: 'Contentieux prud’homal en cours', placedOn: '2026-12-01' }]);
    await r.release(holdId, 'Jugement définitif');
    expect((await r.due()).items.map((i) => i.rule).sort()).toEqual(['identity-document', 'request-closed']);
  });

  it('refuses bad input and changes nothing', async () => {
    const w = await ws();
    const c = await closedCase(w, '2020-03-25');
    const r = new RetentionService(w, { now: at('2021-01-01') });
    const before = dump(w);
    await expect(r.purge([c.id], 'too early')).rejects.toThrow(/not due/);
    await expect(r.purge([], 'x')).rejects.toThrow(/at least one/);
    await expect(r.purge([c.id], '  ')).rejects.toThrow(/say why/);
    await expect(r.hold('nope', 'x')).rejects.toThrow(/No record/);
    await expect(r.setRule('request-closed', { value: 6, unit: 'years' }, ' ')).rejects.toThrow(/Say why/);
    await expect(r.recordPurge({ activityId: 'x', categoryId: 'y', performedOn: '2020-01-01', performedBy: 'a', system: 'b' })).rejects.toThrow(/No data category/);
    expect(dump(w)).toBe(before);
  });

  it('a DPO setting changes a period with its reason; the case is not proposed before the new period ends', async () => {
    const w = await ws();
    await closedCase(w, '2020-03-25');
    const r = new RetentionService(w, { now: at('2025-06-01') });
    expect((await r.due()).items.map((i) => i.rule).sort()).toEqual(['identity-document', 'request-closed']);
    const rule = await r.setRule('request-closed', { value: 6, unit: 'years' }, 'Prescription de l’action publique (art. 8 CPP)');
    expect(rule).toMatchObject({ overridden: true, period: { value: 6, unit: 'years' }, overrideReason: 'Prescription de l’action publique (art. 8 CPP)' });
    expect((await r.due()).items.map((i) => i.rule)).toEqual(['identity-document']);
    expect((await r.resetRule('request-closed', 'retour au défaut')).overridden).toBe(false);
  });

  it('internal response targets: target beside the legal deadline, "target missed" distinct from overdue', async () => {
    const w = await ws();
    const r = new RetentionService(w, { now: at('2026-11-20') });
    expect(await r.setTargets({ defaultDays: 7, perRight: { erasure: 3 } })).toEqual({ defaultDays: 7, perRight: { erasure: 3 } });
    const s = new RequestsService(w, { now: at('2026-11-20') });
    const a = await s.create({ requester: { name: 'A' }, rights: ['access'], channel: 'email', receivedOn: '2026-11-10' });
    expect(a).toMatchObject({ target: { days: 7, on: '2026-11-17' }, targetMissed: true, status: 'on-track' });
    const list = await s.list({ status: 'target-missed' });
    expect(list.items.map((i) => i.id)).toEqual([a.id]);
    expect((await s.list({ status: 'overdue' })).items).toEqual([]);
    expect(await r.setTargets({ defaultDays: null, perRight: {} })).toEqual({ defaultDays: null, perRight: {} });
    expect((await s.list({})).items[0]!.target).toBeNull();
  });
});

describe('the demo workspace practises storage limitation', () => {
  it('has closed cases past retention, an identity document to delete, an overdue business-system purge and a 7-day target', async () => {
    const { seedDemoWorkspace } = await import('./demo');
    const w = await ws();
    await seedDemoWorkspace(w);
    const r = new RetentionService(w);
    const due = await r.due();
    expect(due.items.filter((i) => i.rule === 'request-closed').length).toBeGreaterThanOrEqual(2);
    expect(due.items.filter((i) => i.rule === 'identity-document')).toHaveLength(1);
    const overdue = (await r.schedule()).items.find((i) => i.overdue && i.lastPerformed)!;
    expect(overdue).toBeTruthy();
    // The overdue business-system purge is a completeness warning on its activity.
    const { RegisterService } = await import('./register');
    const record = await new RegisterService(w).get(overdue.activityId);
    expect(record.completeness.issues.find((i) => i.code === 'retention_purge_overdue')?.message.fr).toMatch(/la purge des systèmes métier était due le \d{1,2}(er)?\s\S+\s\d{4}/);
    expect((await r.targets()).defaultDays).toBe(7);
    // The management report's figures carry the same storage-limitation facts, and its action plan the overdue purge.
    const { workspaceFigures } = await import('./figures');
    const fig = await workspaceFigures(w);
    expect(fig.storage).toMatchObject({ vigieDue: due.items.length, vigieHeld: 0, targetDays: 7 });
    expect(fig.storage!.businessOverdue.length).toBeGreaterThan(0);
    expect(fig.actionPlan.some((a) => a.article === 'Art. 5(1)(e)')).toBe(true);
    // Purging everything due keeps the audit trail green.
    await r.purge(due.items.map((i) => i.id), 'Durée de conservation échue (démo)');
    expect((await w.verifyAudit()).ok).toBe(true);
  }, 60_000);
});

describe('vendor contact persons', () => {
  it('are proposed once the relationship has ended, and the purge keeps the vendor record', async () => {
    const { VendorsService } = await import('./vendors');
    const w = await ws();
    const v = await new VendorsService(w).create({
      name: 'Ancien prestataire',
      legalEntity: 'Ancien SAS',
      country: 'FR',
      role: 'processor',
      contacts: [{ name: 'Paul Lemaire', role: 'Chef de projet', email: 'paul.lemaire@ancien.fr', phone: '' }],
      relationshipEndedOn: '2026-10-31',
    });
    const r = new RetentionService(w, { now: at('2026-12-01') });
    const due = await r.due();
    expect(due.items).toMatchObject([{ rule: 'vendor-contacts', table: 'vendors', reference: 'Ancien prestataire', dueOn: '2026-10-31', link: { area: 'vendors' } }]);
    await r.purge([due.items[0]!.id], 'Fin de la relation');
    expect(dump(w)).not.toContain('Lemaire');
    const got = await new VendorsService(w).get((v as { id: string }).id);
    expect(got.vendor).toMatchObject({ name: 'Ancien prestataire', contacts: [], purge: { rule: 'vendor-contacts' } });
    expect((await w.verifyAudit()).ok).toBe(true);
    expect((await r.due()).items).toEqual([]);
  });
});

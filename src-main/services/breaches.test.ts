import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../db/test-fixtures/dump';
import { BreachesService } from './breaches';
import { RegisterService } from './register';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(profile: Record<string, unknown> = {}): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-breach-')), 'w.vigie'), 'breaches test passphrase', {
    actor: 'test',
    profile: { controller_name: 'ACME SAS', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr', ...profile },
  });
  opened.push(w);
  return w;
}
function dump(w: Workspace): string {
  return dumpTables(w.raw);
}
const at = (iso: string) => () => new Date(iso);
// Typography (no-break spaces, non-breaking hyphens) normalised so the checks read as plain text.
const documentXml = (b64: string) => strFromU8(unzipSync(new Uint8Array(Buffer.from(b64, 'base64')))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');
const base = { title: 'Hameçonnage de la messagerie', awareAt: '2026-10-23T10:00', nature: ['confidentiality'] };

describe('breaches service', () => {
  it('creates BR-YYYY-NNN with the clock from aware-at in the workspace zone, using the hour setting (DST end)', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now: at('2026-10-24T08:00:00Z') });
    const a = await s.create(base);
    expect(a.reference).toBe('BR-2026-001');
    const g = await s.get(a.id);
    expect(g.breach.awareAt).toBe('2026-10-23T08:00:00Z');
    expect(g.breach.timeZone).toBe('Europe/Paris');
    expect(g.computed).toMatchObject({ notifyBy: '2026-10-26T09:00:00+01:00', hours: 72, clockRunning: true, overdue: false, processor: false });
    expect((await s.create(base)).reference).toBe('BR-2026-002');
    await w.updateProfile({ breach_notification_hours: 96 });
    expect((await s.get(a.id)).computed.notifyBy).toBe('2026-10-27T09:00:00+01:00');
    const sum = await s.summary();
    expect(sum).toMatchObject({ open: 2, overdueNotifications: 0, byStatus: { open: 2, contained: 0, closed: 0 } });
    expect(sum.clocksRunning).toHaveLength(2);
  });

  it('a late notification without reasons is refused and leaves the database unchanged', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now: at('2026-10-30T08:00:00Z') });
    const { id } = await s.create(base);
    const before = dump(w);
    const g = await s.get(id);
    const late = { ...g.breach, notifications: [{ phase: 'initial', sentAt: '2026-10-27T10:00' }] };
    await expect(s.update(id, late)).rejects.toMatchObject({ code: 'delay_reasons_required', message: expect.stringContaining('give the reasons for the delay (Art. 33(1)') });
    await expect(s.create({ ...base, notifications: [{ phase: 'initial', sentAt: '2026-10-27T10:00' }] })).rejects.toMatchObject({ code: 'delay_reasons_required' });
    await expect(s.update(id, { ...g.breach, decisions: { authority: { decision: 'not-notify', decidedBy: 'DPO', decidedAt: '2026-10-24T10:00' } } })).rejects.toMatchObject({ code: 'decision_reason_required' });
    expect(dump(w)).toBe(before);
    await s.update(id, { ...late, notifications: [{ phase: 'initial', sentAt: '2026-10-27T10:00', delayReasons: 'Analyse forensique nécessaire', authorityReference: 'CNIL-123' }] });
    const after = await s.get(id);
    expect(after.computed).toMatchObject({ notifiedLate: true, clockRunning: false, firstNotifiedAt: '2026-10-27T09:00:00Z' });
  });

  it('stores the severity recomputed from its factors, with its justification', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now: at('2026-10-24T08:00:00Z') });
    const { id } = await s.create({ ...base, severity: { dpc: 4, ei: 'maximum', confidentiality: 'unknown', malicious: true, justification: 'Données de santé publiées', score: 0.1, level: 'low' } });
    const g = await s.get(id);
    expect(g.breach.severity).toMatchObject({ score: 5, level: 'very-high', justification: 'Données de santé publiées' });
    expect(g.summary.severity).toEqual({ score: 5, level: 'very-high' });
  });

  it('processor case: linked processor activity → controller notice, clients suggested, no CNIL clock rule', async () => {
    const w = await ws();
    const reg = new RegisterService(w);
    const { id: act } = await reg.create({ name: 'Hébergement pour le compte de clients', role: 'processor', clientControllers: [{ name: 'Clinique du Lac' }] });
    const s = new BreachesService(w, { now: at('2026-10-24T08:00:00Z') });
    const { id } = await s.create({ ...base, activityIds: [act] });
    const g = await s.get(id);
    expect(g.computed.processor).toBe(true);
    expect(g.clientControllers).toEqual(['Clinique du Lac']);
    expect(g.computed.warnings).toContain('controllers-not-informed');
    const d = await s.draft(id);
    expect(d.kind).toBe('controller-notice');
    expect(d.fileName).toBe('BR-2026-001-notification-responsable-traitement.docx');
    await s.update(id, { ...g.breach, controllersInformed: [{ name: 'Clinique du Lac', informedAt: '2026-10-23T15:00', means: 'courriel au DPO' }] });
    expect((await s.get(id)).computed).toMatchObject({ clockRunning: false, warnings: expect.not.arrayContaining(['controllers-not-informed']) });
  });

  it('processor case: the contract’s notice hours from the client record set the deadline; the controller’s 72 h start when it is informed', async () => {
    const w = await ws();
    const reg = new RegisterService(w);
    const { id: act } = await reg.create({ name: 'Hébergement', role: 'processor', clientControllers: [{ name: 'Clinique du Lac', contact: 'dpo@clinique.example', breachNotificationHours: 24 }] });
    const s = new BreachesService(w, { now: at('2026-10-23T12:00:00Z') });
    const { id } = await s.create({ ...base, activityIds: [act] });
    let g = await s.get(id);
    // Aware 23 Oct 10:00 (UTC+02:00): inform the client by 24 Oct 10:00, not the authority by 26 Oct.
    expect(g.computed).toMatchObject({ clock: 'controller', notifyBy: '2026-10-24T10:00:00+02:00', hours: 24, clockRunning: true, overdue: false });
    expect(g.summary).toMatchObject({ clock: 'controller', deadlineKnown: true });
    await s.update(id, { ...g.breach, controllersInformed: [{ name: 'Clinique du Lac', informedAt: '2026-10-23T18:00', means: 'courriel au DPO' }] });
    g = await s.get(id);
    expect(g.computed.controllerNotices).toEqual([
      { name: 'Clinique du Lac', contractHours: 24, informBy: '2026-10-24T10:00:00+02:00', informedAt: '2026-10-23T16:00:00Z', late: false, controllerNotifyBy: '2026-10-26T17:00:00+01:00' },
    ]);
    expect(g.computed.clockRunning).toBe(false);
  });

  it('CNIL draft: text, missing fields and a DOCX with the red markers; letter and register', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now: at('2026-10-24T08:00:00Z') });
    const { id } = await s.create({ ...base, description: 'Compte de messagerie compromis.', consequences: 'Risque d’hameçonnage ciblé.', measuresTaken: 'Mot de passe réinitialisé.' });
    const d = await s.draft(id);
    expect(d.kind).toBe('cnil');
    expect(d.missing.map((m) => m.field)).toEqual(expect.arrayContaining(['organisation.siren', 'data.peopleCount', 'harms.gravity']));
    expect(d.text).toContain('[À COMPLÉTER : Numéro SIREN]');
    const xml = documentXml(d.contentBase64);
    expect(xml).toContain('[À COMPLÉTER : Numéro SIREN]');
    expect(xml).toContain('C00000');
    const fr = await s.letter(id, 'fr');
    expect(documentXml(fr.contentBase64)).toContain('Compte de messagerie compromis.');
    expect(fr.missing).toContain('conseils aux personnes (mots de passe, vigilance…)');
    const en = await s.letter(id, 'en');
    expect(documentXml(en.contentBase64)).toContain('What happened');
    const csv = Buffer.from((await s.register('csv')).contentBase64, 'base64').toString('utf8');
    expect(csv.split('\r\n')[1]).toContain('BR-2026-001;Hameçonnage de la messagerie;open;2026-10-23T08:00:00Z');
    const docx = await s.register('docx');
    expect(documentXml(docx.contentBase64)).toContain('Registre des violations de données personnelles');
  });
});

describe('demo breaches', () => {
  it('seeds the three realistic cases: not notified with reasoning, two-phase notification, processor reported late', async () => {
    const { seedDemoBreaches } = await import('./breaches');
    const w = await ws();
    await seedDemoBreaches(w);
    const s = new BreachesService(w, { now: at('2026-11-23T10:00:00Z') });
    const list = await s.list();
    expect(list.items.map((i) => [i.reference, i.decisions.authority, i.notifications, i.status])).toEqual([
      ['BR-2026-003', 'notify', 1, 'contained'],
      ['BR-2026-002', 'notify', 2, 'closed'],
      ['BR-2026-001', 'not-notify', 0, 'closed'],
    ]);
    expect(list.items.every((i) => !i.overdue && !i.clockRunning)).toBe(true);
    expect(list.items[1]!.severity).toEqual({ score: 2.5, level: 'medium' });
  });
});

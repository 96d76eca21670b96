import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BreachesService } from './breaches';
import { RegisterService } from './register';
import { RequestsService } from './requests';
import { SearchService } from './search';
import { contract } from '../api/contract';
import { seedDemoWorkspace } from './demo';
import { decodeTodayCursor, encodeTodayCursor, TodayService } from './today';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-today-')), 'w.vigie'), 'today test passphrase', { actor: 'test', profile: { controller_name: 'ACME SAS' } });
  opened.push(w);
  return w;
}
const now = () => new Date('2026-12-01T09:00:00Z');

describe('Today service', () => {
  it('lists the actions of every area, the overdue breach notification first, each pointing at its record', async () => {
    const w = await ws();
    const late = await new RequestsService(w, { now }).create({ requester: { name: 'Élodie Martin' }, rights: ['access'], channel: 'email', receivedOn: '2026-10-01' });
    await new RequestsService(w, { now }).create({ requester: { name: 'Paul Durand' }, rights: ['erasure'], channel: 'email', receivedOn: '2026-11-25' });
    const breaches = new BreachesService(w, { now });
    const overdue = await breaches.create({ title: 'Ordinateur portable volé', awareAt: '2026-11-20T10:00', followUps: [{ action: 'Chiffrer les disques', owner: 'DSI', due: '2026-11-28' }] });
    const running = await breaches.create({ title: 'Courriel mal adressé', awareAt: '2026-11-30T10:00' });
    const activity = await new RegisterService(w).create({ name: 'Vidéosurveillance', status: 'active', reviewDate: '2026-06-30' });

    const r = await new TodayService(w, { now }).list();
    expect(r.today).toBe('2026-12-01');
    expect(r.items[0]).toMatchObject({ kind: 'breach-notification-overdue', area: 'breaches', recordId: overdue.id, urgency: 'overdue' });
    const byKey = (k: string) => r.items.find((i) => i.key === k);
    expect(byKey(`request:${late.id}`)).toMatchObject({ kind: 'request-overdue', urgency: 'overdue', label: 'Élodie Martin' });
    expect(byKey(`clock:${running.id}`)).toMatchObject({ kind: 'breach-clock', urgency: 'soon' });
    expect(byKey(`follow-up:${overdue.id}:0`)).toMatchObject({ kind: 'breach-follow-up', urgency: 'overdue', detail: 'Chiffrer les disques (DSI)' });
    expect(byKey(`activity-review:${activity.id}`)).toMatchObject({ kind: 'activity-review', urgency: 'overdue' });
    // The request received last week is not due yet: not in the list.
    expect(r.items.filter((i) => i.area === 'requests')).toHaveLength(1);
    // Overdue items are all before the others.
    const firstNotOverdue = r.items.findIndex((i) => i.urgency !== 'overdue');
    expect(r.items.slice(firstNotOverdue).every((i) => i.urgency !== 'overdue')).toBe(true);
    expect(r.counts.overdue).toBe(4);
  });

  it('search finds a case by requester (accents ignored), a breach by reference, an activity by name', async () => {
    const w = await ws();
    const c = await new RequestsService(w, { now }).create({ requester: { name: 'Élodie Martin' }, rights: ['access'], channel: 'email', receivedOn: '2026-10-01' });
    const b = await new BreachesService(w, { now }).create({ title: 'Ordinateur portable volé', awareAt: '2026-11-20T10:00' });
    const a = await new RegisterService(w).create({ name: 'Gestion de la paie', status: 'active' });
    const s = new SearchService(w);
    expect((await s.query('elodie')).map((h) => [h.area, h.id])).toEqual([['requests', c.id]]);
    expect((await s.query('BR-2026-001')).map((h) => h.id)).toEqual([b.id]);
    expect((await s.query('paie')).map((h) => h.id)).toEqual([a.id]);
    expect(await s.query('nobody')).toEqual([]);
  });

  it('pages of the demo workspace (plus 120 overdue cases) are the whole list, in its order, each page within the contract', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const requests = new RequestsService(w, { now });
    for (let i = 0; i < 120; i++) await requests.create({ requester: { name: `Personne ${i % 7}` }, rights: ['access'], channel: 'email', receivedOn: `2026-09-${String(1 + (i % 28)).padStart(2, '0')}` });
    const t = new TodayService(w, { now });
    const full = await t.list();
    expect(full.counts.overdue).toBeGreaterThan(120);
    for (const urgency of [undefined, 'overdue', 'soon', 'undated'] as const) {
      for (const limit of [1, 17, 50]) {
        const keys: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const p = await t.page({ ...(urgency ? { urgency } : {}), limit, ...(cursor ? { cursor } : {}) });
          expect(contract['dashboard.today'].output.safeParse(p).success).toBe(true);
          expect(p.counts).toEqual(full.counts);
          expect(p.items.length).toBeLessThanOrEqual(limit);
          keys.push(...p.items.map((i) => i.key));
          if (!p.nextCursor) break;
          cursor = p.nextCursor;
        }
        const want = full.items.filter((i) => urgency === undefined || i.urgency === urgency);
        expect(keys, `${urgency ?? 'all'} by ${limit}`).toEqual(want.map((i) => i.key));
      }
    }
    // Without a page size, the first 50 (the contract's default) and the total.
    const input = contract['dashboard.today'].input.parse({});
    const first = await t.page(input);
    expect(first.items).toEqual(full.items.slice(0, 50));
    expect(first.total).toBe(full.items.length);
  });

  it('refuses a cursor it did not give, and reads back one it gave', async () => {
    const w = await ws();
    const t = new TodayService(w, { now });
    for (const bad of ['x', Buffer.from('["today","late","request-due","","",""]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      await expect(t.page({ limit: 5, cursor: bad })).rejects.toMatchObject({ code: 'invalid_input' });
    }
    const pos = ['overdue', 'request-overdue', '2026-11-01', 'DSAR-2026-0001', 'request:1'] as const;
    expect(decodeTodayCursor(encodeTodayCursor(pos))).toEqual(pos);
  });
});

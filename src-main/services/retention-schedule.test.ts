/**
 * The business-purge schedule asked up to a day (`schedule({ dueBy })`, Today's look-ahead) skips the
 * categories that cannot be due before converting their activity's creation day to the workspace's
 * zone: it must give exactly the runs of the whole schedule due by that day, whatever the zone (the
 * extremes of ±14 hours included), the creation instant (around midnight UTC), the period and the
 * recorded purges.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, compareDates } from '../domain/calendar';
import { seededRandom } from '../domain/seeded-random';
import { RetentionService } from './retention';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const w of opened.splice(0)) await w.close();
});

const ZONES = ['UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'Europe/Paris', 'America/St_Johns'];
const UNITS = ['days', 'months', 'years'] as const;

describe('RetentionService.schedule({ dueBy })', () => {
  it('equals the whole schedule cut at dueBy, for random creation instants, periods, zones and recorded purges', async () => {
    let clock = new Date('2024-01-31T23:30:00Z');
    const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-retention-schedule-')), 'w.vigie'), 'retention schedule test passphrase', {
      actor: 'test',
      now: () => clock,
      profile: { controller_name: 'ACME' },
    });
    opened.push(w);
    const r = seededRandom(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const ids: Array<{ id: string; categories: string[] }> = [];
    for (let i = 0; i < 60; i++) {
      // Creation instants near midnight UTC, where the zone's day differs from the UTC one.
      const day = addDays('2024-01-31', Math.floor(r() * 700));
      clock = new Date(`${day}T${pick(['00:05', '00:55', '11:30', '12:30', '23:10', '23:59'])}:00Z`);
      const categories = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
        id: `c${k}`,
        label: `Catégorie ${k}`,
        retention:
          r() < 0.15
            ? pick<unknown>([{}, null, 'texte', 3, { activePeriod: null }, { activePeriod: { unit: 'weeks', value: 2 } }, { activePeriod: { unit: 'months', value: '3' } }])
            : r() < 0.15
              ? { activePeriod: { unit: pick(UNITS), value: pick([-2, -13, 5000, 400]) } }
              : { activePeriod: { unit: pick(UNITS), value: pick([0, 1, 6, 12, 29, 30, 31, 2, 3]) }, finalFate: 'deletion' },
      }));
      const { id } = await w.mutate((tx) =>
        tx.write({ op: 'insert', table: 'activities', values: { reference: `T-${String(i).padStart(3, '0')}`, name: `Traitement ${i}`, role: 'controller', status: r() < 0.1 ? 'retired' : 'active', owner: 'RH', review_date: null, details: { purposes: ['x'], notes: '', status: r() < 0.1 ? 'retired' : 'active', dataCategories: r() < 0.05 ? 'aucune' : categories } } }),
      );
      ids.push({ id, categories: categories.map((c) => c.id) });
    }
    clock = new Date('2026-06-15T10:00:00Z');
    const svc = new RetentionService(w, { now: () => clock });
    for (let k = 0; k < 12; k++) {
      const a = pick(ids);
      await svc.recordPurge({ activityId: a.id, categoryId: pick(a.categories), performedOn: addDays('2025-01-01', Math.floor(r() * 500)), performedBy: 'DSI', system: 'ERP' }).catch(() => undefined);
    }
    let compared = 0;
    for (const zone of ZONES) {
      await w.updateProfile({ time_zone: zone });
      const whole = (await svc.schedule()).items;
      expect(whole.length).toBeGreaterThan(20);
      for (const dueBy of [...new Set(whole.map((p) => p.dueOn))].flatMap((d) => [addDays(d, -1), d]).concat(['2024-01-30', '2030-01-01'])) {
        const cut = (await svc.schedule({ dueBy })).items;
        expect(cut, `${zone} ${dueBy}`).toEqual(whole.filter((p) => compareDates(p.dueOn, dueBy) <= 0));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});

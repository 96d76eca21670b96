import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { seedDemoWorkspace } from './demo';
import { loadFacts, resolvePeriod, workspaceFigures } from './figures';
import { RegisterService } from './register';
import { Workspace } from './workspace';

let ws: Workspace;
beforeAll(async () => {
  ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-figures-')), 'w.vigie'), 'correct horse battery staple', { actor: 'test' });
  await seedDemoWorkspace(ws);
}, 60_000);
afterAll(() => ws.close());

describe('workspace figures (demo workspace)', () => {
  it('agree with the register list the screen shows and cover every area', async () => {
    const fig = await workspaceFigures(ws);
    const list = await new RegisterService(ws).list();
    expect(fig.register.score).toBe(list.score);
    expect(fig.register.activities).toBe(list.items.filter((a) => a.status !== 'retired').length);
    expect(Object.values(fig.register.byRole).reduce((a, b) => a + b, 0)).toBe(fig.register.activities);
    expect(fig.requests.perMonth.length).toBeGreaterThanOrEqual(12);
    expect(fig.requests.received).toBeGreaterThan(0);
    expect(fig.breaches.count).toBeGreaterThan(0);
    expect(fig.vendors.vendors).toBeGreaterThan(0);
    expect(fig.keyFigures).toHaveLength(8);
    expect(fig.actionPlan.length).toBeGreaterThan(0);
    for (const a of fig.actionPlan) expect(a.owner).not.toBe('');
  });

  it('reads every request into the register lines with French-ready fields', async () => {
    const facts = await loadFacts(ws);
    expect(facts.requestLines.length).toBe(facts.requests.length);
    expect(facts.requestLines.every((l) => /^DSAR-\d{4}-\d{4}$/.test(l.reference))).toBe(true);
  });

  it.each([
    [undefined, '2026-01-01', 'Give the start'],
    ['2026-02-30', '2026-03-01', 'real date'],
    ['2026-05-01', '2026-04-01', 'starts (2026-05-01) after it ends'],
  ])('refuses the period %s → %s', (from, to, msg) => {
    expect(() => resolvePeriod('2026-12-01', from, to)).toThrow(DomainError);
    expect(() => resolvePeriod('2026-12-01', from, to)).toThrow(msg);
  });
});

import { describe, expect, it } from 'vitest';
import demo from '../../resources/demo/smart-tribune.json';
import { parseActivityInput, type ActivityInput } from '../domain/register/activity';
import { checkActivity, checkRegister } from '../domain/register/completeness';

/** Fixed date so the review-date rule does not depend on the machine clock (review dates are in 2027). */
const ctx = { today: '2026-11-23' };

const raw = demo.activities as unknown[];
const activities: ActivityInput[] = raw.map((a) => parseActivityInput(a));

describe('Smart Tribune demo register (resources/demo/smart-tribune.json)', () => {
  it('every activity parses with the domain schema', () => {
    for (const a of raw) expect(() => parseActivityInput(a)).not.toThrow();
  });

  it('has at least 12 activities, in both roles, all active and reviewed in 2027', () => {
    expect(activities.length).toBeGreaterThanOrEqual(12);
    const roles = new Set(activities.map((a) => a.role));
    expect(roles.has('controller')).toBe(true);
    expect(roles.has('processor')).toBe(true);
    for (const a of activities) {
      expect(a.status).toBe('active');
      expect(a.reviewDate?.startsWith('2027-')).toBe(true);
      expect(a.owner ?? '').not.toBe('');
      expect(a.department ?? '').not.toBe('');
    }
  });

  it('has unique, non-empty references', () => {
    const refs = activities.map((a) => a.reference);
    for (const r of refs) expect(r).toMatch(/^ST-T\d{2}$/);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('gives every controller purpose a legal basis and every data category a retention', () => {
    const controllers = activities.filter((a) => a.role === 'controller');
    expect(controllers.length).toBeGreaterThan(0);
    for (const a of controllers) {
      expect(a.purposes.length, a.reference).toBeGreaterThan(0);
      for (const p of a.purposes) {
        expect(p.legalBasis, `${a.reference}: ${p.description}`).toBeTruthy();
        if (p.legalBasis === 'legitimate-interests') expect(p.legitimateInterest ?? '').not.toBe('');
      }
      expect(a.dataCategories.length, a.reference).toBeGreaterThan(0);
      for (const c of a.dataCategories) expect(c.retention, `${a.reference}: ${c.label}`).not.toBeNull();
    }
  });

  it('names the client controllers on every processor activity', () => {
    for (const a of activities.filter((x) => x.role === 'processor')) {
      expect(a.clientControllers.length, a.reference).toBeGreaterThan(0);
    }
  });

  it('is nearly complete: register score ≥ 85 and most activities ≥ 90', () => {
    const register = checkRegister(activities, ctx);
    expect(register.score).toBeGreaterThanOrEqual(85);
    expect(register.counts.withErrors).toBe(0);
    const scores = activities.map((a) => checkActivity(a, ctx).score);
    expect(scores.filter((s) => s >= 90).length).toBeGreaterThan(activities.length / 2);
  });
});

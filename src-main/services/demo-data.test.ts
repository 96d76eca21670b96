import { describe, expect, it } from 'vitest';
import demo from '../../resources/demo/smart-tribune.json';
import demoVendors from '../../resources/demo/smart-tribune-vendors.json';
import { parseActivityInput, type ActivityInput } from '../domain/register/activity';
import { checkActivity, checkRegister } from '../domain/register/completeness';
import { registerTransfers, type RegisterVendor } from '../domain/register/vendor-links';
import { parseVendor } from '../domain/vendors/vendor';

/** Fixed date so the review-date rule does not depend on the machine clock (review dates are in 2027). */
const ctx = { today: '2026-11-23' };

/** In the demo, a processor names its vendor by key; the seeding turns keys into ids (here: the key itself). */
const raw = (demo.activities as Array<Record<string, unknown>>).map((a) => ({
  ...a,
  processors: ((a.processors as Array<{ vendorKey?: string }> | undefined) ?? []).map(({ vendorKey, ...p }) => (vendorKey ? { ...p, vendorId: vendorKey } : p)),
}));
const activities: ActivityInput[] = raw.map((a) => parseActivityInput(a));
/** The demo vendor file as the register sees it: ids are keys, activity ids are references. */
const vendors: RegisterVendor[] = (demoVendors.vendors as Array<{ key: string; activityRefs?: string[]; vendor: unknown }>).map((x) => {
  const v = parseVendor(x.vendor);
  return { id: x.key, name: v.name, role: v.role, country: v.country, activityIds: x.activityRefs ?? [], transfers: v.transfers };
});

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

  it('every processor is a link to a vendor of the demo vendor file (no free text left)', () => {
    const keys = new Set(vendors.map((v) => v.id));
    for (const a of activities) for (const p of a.processors) expect(keys.has(p.vendorId ?? ''), `${a.reference}: ${p.name}`).toBe(true);
  });

  it('never contradicts the vendor file: each linked vendor’s third-country transfer is in the activity', () => {
    const withVendors = { ...ctx, vendors };
    for (const a of activities) {
      const issues = checkActivity(a, { ...withVendors, activityId: a.reference }).issues;
      expect(issues.filter((i) => ['vendor_transfer_not_recorded', 'processor_not_linked', 'processor_vendor_missing'].includes(i.code)), a.reference).toEqual([]);
    }
  });

  it.each([
    ['ST-T01', ['États-Unis']],
    ['ST-T08', ['États-Unis']],
    ['ST-T12', ['États-Unis']],
    ['ST-T09', []],
    ['ST-T14', []],
  ])('%s: transfers outside the EEA in its Art. 30 record: %j', (ref, countries) => {
    const a = activities.find((x) => x.reference === ref)!;
    expect([...new Set(registerTransfers(ref, a, vendors).map((t) => t.countryName.fr))]).toEqual(countries);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityInputSchema, type ActivityInput } from './activity';
import { checkActivity, checkRegister } from './completeness';
import type { RegisterVendor } from './vendor-links';

/**
 * checkRegister gives each activity only the vendors it names or that list it (issue 11: 1,000
 * activities × 1,000 vendors). The issues must be exactly those checkActivity finds against the whole
 * vendor register: random links from both sides, dangling names, duplicates, unsaved drafts.
 */
const TODAY = '2026-11-22';
const COUNTRIES = ['FR', 'DE', 'US', 'IN', 'GB', 'CH'];

function activity(i: number, processors: Array<{ vendorId?: string; name?: string }>, transfers: string[]): ActivityInput {
  return activityInputSchema.parse({
    name: `Traitement ${i}`,
    reference: `T-${i}`,
    purposes: [{ description: 'Suivi des clients', legalBasis: 'contract' }],
    dataSubjects: ['customers'],
    dataCategories: [{ id: 'id', label: 'Identité', retention: { activePeriod: { value: 3, unit: 'years' }, finalFate: 'deletion' } }],
    recipients: [{ type: 'internal-service', name: 'Ventes' }],
    securityMeasures: { catalogue: ['access-logging'] },
    processors: processors.map((p) => (p.vendorId ? { vendorId: p.vendorId } : { name: p.name ?? 'Prestataire' })),
    transfers: transfers.map((c) => ({ country: c, recipient: `Destinataire ${c}`, tool: 'scc', sccModule: 2 })),
    status: i % 7 === 0 ? 'retired' : 'active',
  });
}

describe('checkRegister against each activity’s linked vendors only', () => {
  it('finds the same issues as checkActivity against the whole vendor register (property)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.tuple(fc.nat(20), fc.nat(20), fc.constantFrom(...COUNTRIES), fc.boolean()), { maxLength: 40 }),
        fc.boolean(),
        (nActivities, nVendors, links, withDraft) => {
          const vendors: RegisterVendor[] = Array.from({ length: nVendors }, (_, v) => ({
            id: `v${v % 6}`, // some ids repeat: duplicates in the register stay possible
            name: `Prestataire ${v}`,
            role: v % 2 ? 'processor' : 'sub-processor',
            country: COUNTRIES[v % COUNTRIES.length]!,
            activityIds: links.filter(([, vv, , side]) => side && vv % Math.max(1, nVendors) === v).map(([a]) => `a${a % (nActivities + 1)}`),
            transfers: links.filter(([a, vv]) => (a + vv) % 3 === 0 && vv % Math.max(1, nVendors) === v).map(([, , c]) => ({ country: c, recipient: `R${c}`, tool: c === 'US' ? null : 'scc', sccModule: 2 })),
          }));
          const activities: Array<ActivityInput & { id?: string }> = Array.from({ length: nActivities }, (_, a) => {
            const named = links.filter(([aa, , , side]) => !side && aa % nActivities === a).map(([, vv]) => ({ vendorId: `v${vv % 8}` }));
            const input = activity(a, [...named, ...(a % 3 === 0 ? [{ name: 'Texte libre' }] : [])], links.filter(([aa, , c]) => aa % nActivities === a && c !== 'FR').map(([, , c]) => c).slice(0, 2));
            return withDraft && a === 0 ? input : { ...input, id: `a${a}` };
          });
          const reg = checkRegister(activities, { today: TODAY, vendors });
          activities.forEach((act, i) => {
            const alone = checkActivity(act, { today: TODAY, vendors, ...(act.id !== undefined ? { activityId: act.id } : {}) });
            for (const x of alone.issues) seen.add(x.code);
            expect({ score: reg.byActivity[i]!.score, issues: reg.byActivity[i]!.issues }).toEqual({ score: alone.score, issues: alone.issues });
          });
        },
      ),
      { numRuns: 200 },
    );
    // The generated registers do exercise the vendor checks.
    expect([...seen]).toEqual(expect.arrayContaining(['vendor_transfer_not_recorded', 'processor_vendor_missing', 'processor_not_linked']));
  });
});

import { describe, expect, it } from 'vitest';
import { activityInputSchema, type ActivityInput, type ActivityInputDraft } from './activity';
import { checkActivity, checkRegister, registerScore, type IssueCode } from './completeness';
import { linkedVendors, processorEntries, registerTransfers, vendorsForActivity, type RegisterVendor } from './vendor-links';
import { seededRandom } from '../seeded-random';

const TODAY = '2026-11-22';

const aws: RegisterVendor = { id: 'v-aws', name: 'Amazon Web Services', role: 'sub-processor', country: 'LU', activityIds: ['a1'], transfers: [] };
const crm: RegisterVendor = { id: 'v-crm', name: 'Outils internes', role: 'processor', country: 'FR', activityIds: ['a1'], transfers: [{ country: 'US', recipient: 'Éditeurs', tool: 'scc', sccModule: 2 }] };
const cdn: RegisterVendor = { id: 'v-cdn', name: 'Cloudflare', role: 'sub-processor', country: 'US', activityIds: [], transfers: [{ country: 'US', recipient: 'Cloudflare, Inc.', tool: 'scc', sccModule: 3 }, { country: 'DE', recipient: 'Cloudflare GmbH', tool: null }] };
const vendors = [aws, crm, cdn];

/** A controller activity complete on its own. */
function activity(change: Partial<ActivityInputDraft> = {}): ActivityInput {
  return activityInputSchema.parse({
    name: 'CRM',
    reference: 'T-01',
    purposes: [{ description: 'Suivi des clients', legalBasis: 'contract' }],
    dataSubjects: ['customers'],
    dataCategories: [{ id: 'id', label: 'Identité', retention: { activePeriod: { value: 3, unit: 'years' }, finalFate: 'deletion' } }],
    recipients: [{ type: 'internal-service', name: 'Ventes' }],
    securityMeasures: { catalogue: ['access-logging'] },
    status: 'active',
    ...change,
  });
}

describe('linkedVendors — either side of the link is enough', () => {
  it.each<[string, string | undefined, Partial<ActivityInputDraft>, string[]]>([
    ['the vendors list the activity', 'a1', {}, ['v-aws', 'v-crm']],
    ['the activity names the vendor', 'a2', { processors: [{ vendorId: 'v-cdn' }] }, ['v-cdn']],
    ['both sides, no duplicate', 'a1', { processors: [{ vendorId: 'v-crm' }] }, ['v-aws', 'v-crm']],
    ['an unsaved draft sees only its own links', undefined, { processors: [{ vendorId: 'v-aws' }] }, ['v-aws']],
    ['nothing linked', 'a9', {}, []],
  ])('%s', (_name, id, change, expected) => {
    expect(linkedVendors(id, activity(change), vendors).map((v) => v.id)).toEqual(expected);
  });
});

describe('processorEntries — the register prints the vendor’s current name', () => {
  it('linked, dangling, free text, then vendors that list the activity', () => {
    const a = activity({ processors: [{ vendorId: 'v-aws', name: 'AWS (old label)', detail: 'région eu-west-3' }, { vendorId: 'v-gone', name: 'Ancien prestataire' }, { name: 'Outil de ticketing' }] });
    expect(processorEntries('a1', a, vendors)).toEqual([
      { kind: 'linked', vendorId: 'v-aws', name: 'Amazon Web Services', detail: 'région eu-west-3', index: 0 },
      { kind: 'missing-vendor', vendorId: 'v-gone', name: 'Ancien prestataire', detail: '', index: 1 },
      { kind: 'free-text', name: 'Outil de ticketing', detail: '', index: 2 },
      { kind: 'linked', vendorId: 'v-crm', name: 'Outils internes', detail: '', index: null },
    ]);
  });
});

describe('registerTransfers — the vendor file’s transfers appear in Art. 30(1)(e)', () => {
  it.each<[string, string | undefined, Partial<ActivityInputDraft>, Array<[string, string, string, string | null]>]>([
    ['a vendor’s US transfer, EEA transfers left out', 'a2', { processors: [{ vendorId: 'v-cdn' }] }, [['vendor', 'Cloudflare, Inc.', 'États-Unis', 'Clauses contractuelles types (module 3)']]],
    ['the activity’s own transfer first; same country and recipient not repeated', 'a2', { processors: [{ vendorId: 'v-cdn' }], transfers: [{ recipient: 'Cloudflare, Inc.', country: 'US', tool: 'scc' }] }, [['activity', 'Cloudflare, Inc.', 'États-Unis', 'Clauses contractuelles types']]],
    ['vendors that list the activity count', 'a1', {}, [['vendor', 'Éditeurs', 'États-Unis', 'Clauses contractuelles types (module 2)']]],
    ['no vendor, no transfer', 'a9', {}, []],
  ])('%s', (_name, id, change, expected) => {
    expect(registerTransfers(id, activity(change), vendors).map((t) => [t.source, t.recipient, t.countryName.fr, t.toolLabel?.fr ?? null])).toEqual(expected);
  });
});

describe('completeness — the register must not contradict the vendor file', () => {
  const codes = (a: ActivityInput, id: string | undefined, withVendors = true) =>
    checkActivity(a, { today: TODAY, ...(id ? { activityId: id } : {}), ...(withVendors ? { vendors } : {}) }).issues.map((i) => [i.code, i.article, i.field] as [IssueCode, string, string]);

  it.each<[string, string | undefined, Partial<ActivityInputDraft>, Array<[IssueCode, string, string]>]>([
    ['no transfer recorded while a linked vendor transfers to the US', 'a1', {}, [['vendor_transfer_not_recorded', 'Art. 30(1)(e)', 'transfers']]],
    ['the same transfer recorded in the activity', 'a1', { transfers: [{ recipient: 'Éditeurs', country: 'US', tool: 'scc' }] }, []],
    ['a transfer to another country does not cover the US one', 'a1', { transfers: [{ recipient: 'X', country: 'JP', tool: 'adequacy' }] }, [['vendor_transfer_not_recorded', 'Art. 30(1)(e)', 'transfers']]],
    ['processor register: Art. 30(2)(c)', 'a2', { role: 'processor', clientControllers: [{ name: 'Client SA', contact: 'dpo@client.example' }], processors: [{ vendorId: 'v-cdn' }] }, [['vendor_transfer_not_recorded', 'Art. 30(2)(c)', 'transfers']]],
    ['a free-text processor asks to be linked', 'a9', { processors: [{ name: 'Outil CRM' }] }, [['processor_not_linked', 'Art. 30(1)(d)', 'processors.0']]],
    ['a link to a vendor that is gone', 'a9', { processors: [{ vendorId: 'v-gone', name: 'Ancien' }] }, [['processor_vendor_missing', 'Art. 30(1)(d)', 'processors.0.vendorId']]],
    ['linked processors, no transfer anywhere', 'a9', { processors: [{ vendorId: 'v-aws' }] }, []],
  ])('%s', (_name, id, change, expected) => {
    expect(codes(activity(change), id)).toEqual(expected);
  });

  it('the message names the vendor, the country and the safeguard, in both languages', () => {
    const [issue] = checkActivity(activity(), { today: TODAY, activityId: 'a1', vendors }).issues;
    expect(issue!.message.fr).toBe(
      "La fiche n'indique aucun transfert hors EEE, alors que d'après le registre des sous-traitants, le prestataire « Outils internes », qui lui est rattaché, transfère des données hors EEE (pays : États-Unis ; garantie : clauses contractuelles types (module 2)). Ajoutez ce transfert à la fiche ou corrigez la fiche du prestataire.",
    );
    expect(issue!.message.en).toContain("vendor 'Outils internes', linked to it, transfers data outside the EEA (country: United States; safeguard: Standard contractual clauses (module 2))");
  });

  it('a contradiction costs score: the record no longer scores 100', () => {
    expect(checkActivity(activity(), { today: TODAY }).score).toBe(100);
    expect(checkActivity(activity(), { today: TODAY, activityId: 'a1', vendors }).score).toBeLessThan(100);
  });

  it('without the vendor register (a draft checked alone) the vendor rules do not apply', () => {
    expect(codes(activity({ processors: [{ name: 'Outil CRM' }] }), 'a1', false)).toEqual([]);
  });

  it('checkRegister passes each activity’s id, so vendors that list it are found', () => {
    const reg = checkRegister([{ ...activity(), id: 'a1' }, { ...activity(), id: 'a9' }], { today: TODAY, vendors });
    expect(reg.byActivity.map((a) => a.issues.map((i) => i.code))).toEqual([['vendor_transfer_not_recorded'], []]);
  });
});

describe('vendorsForActivity — the vendors that concern an activity give the same results as all of them', () => {
  /** A small deterministic generator, so a failure can be replayed. */
  const rng = seededRandom;
  it.each([1, 2, 3, 4, 5])('random register (seed %i): linked vendors, processors, transfers, completeness and score', (seed) => {
    const r = rng(seed);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const activityIds = Array.from({ length: 30 }, (_, i) => `a${i}`);
    const roles = ['processor', 'sub-processor', 'joint-controller', 'independent-recipient'] as const;
    const countries = ['FR', 'DE', 'US', 'IN', 'CH', 'GB'];
    const all: RegisterVendor[] = Array.from({ length: 25 }, (_, i) => ({
      id: i === 24 ? 'v3' : `v${i}`, // one id twice: the subset keeps both, as the full list does
      name: `Vendor ${i}`,
      role: pick(roles),
      country: pick(countries),
      activityIds: Array.from({ length: Math.floor(r() * 4) }, () => pick(activityIds)),
      transfers: Array.from({ length: Math.floor(r() * 3) }, () => ({ country: pick(countries), recipient: r() < 0.5 ? '' : `Recipient ${Math.floor(r() * 5)}`, tool: r() < 0.3 ? null : 'scc', sccModule: 2 })),
    }));
    const relevant = vendorsForActivity(all);
    const scores: Array<{ status: string; score: number }> = [];
    const acts = activityIds.map((id) => {
      const a = activity({
        processors: Array.from({ length: Math.floor(r() * 4) }, () => (r() < 0.7 ? { vendorId: r() < 0.9 ? pick(all).id : 'v-gone', name: 'P' } : { name: `Free ${Math.floor(r() * 3)}` })),
        transfers: r() < 0.5 ? [{ recipient: 'Recipient 1', country: pick(countries), tool: 'scc' }] : [],
        status: r() < 0.2 ? 'retired' : 'active',
      });
      return { id, a };
    });
    for (const { id, a } of [...acts, { id: undefined, a: acts[0]!.a }]) {
      const own = relevant(id, a);
      expect(linkedVendors(id, a, own)).toEqual(linkedVendors(id, a, all));
      expect(processorEntries(id, a, own)).toEqual(processorEntries(id, a, all));
      expect(registerTransfers(id, a, own)).toEqual(registerTransfers(id, a, all));
      const ctx = { today: TODAY, ...(id ? { activityId: id } : {}) };
      const c = checkActivity(a, { ...ctx, vendors: own });
      expect(c).toEqual(checkActivity(a, { ...ctx, vendors: all }));
      if (id) scores.push({ status: a.status, score: c.score });
    }
    expect(registerScore(scores)).toBe(checkRegister(acts.map(({ id, a }) => ({ ...a, id })), { today: TODAY, vendors: all }).score);
  });
});

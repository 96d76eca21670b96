import demo from '../../resources/demo/smart-tribune.json' with { type: 'json' };
import { ORG_PROFILE_ID } from '../db/repositories/org-profile';
import { RegisterService } from './register';
import { localDateOf } from '../domain/calendar';
import { seedDemoBreaches } from './breaches';
import { seedDemoRequests } from './requests';
import { demoVendorIds, seedDemoVendors } from './vendors';
import { seedRetentionDemo } from './retention-demo';
import type { Workspace } from './workspace';

/**
 * Fills a new workspace with the Smart Tribune demo (derived from its public notices; data in
 * resources/demo). Everything goes through the write path, so the demo has a complete history.
 */
export async function seedDemoWorkspace(ws: Workspace): Promise<void> {
  const register = new RegisterService(ws);
  // Processors are links to vendor records: the vendors' ids are chosen first, so each activity is
  // stored already linked (the demo's `vendorKey` names the vendor in smart-tribune-vendors.json).
  const vendorIds = demoVendorIds();
  await ws.mutate(async (w) => {
    await w.write({ op: 'update', table: 'org_profile', id: ORG_PROFILE_ID, values: demo.profile, reason: 'demo workspace' });
    const used = await register.usedReferences(w);
    for (const a of demo.activities as Array<Record<string, unknown>>) {
      const processors = ((a.processors as Array<{ vendorKey?: string; detail?: string; name?: string }> | undefined) ?? []).map(({ vendorKey, ...p }) => {
        if (!vendorKey) return p;
        const vendorId = vendorIds.get(vendorKey);
        if (!vendorId) throw new Error(`Demo data: activity ${String(a.reference)} names unknown vendor key ${vendorKey}`);
        return { ...p, vendorId };
      });
      await register.insertWith(w, { ...a, processors }, 'demo workspace', used);
    }
  });
  // A year of rights requests relative to today (answered, extended, overdue, awaiting identity…).
  const { profile } = await ws.getProfile();
  await ws.mutate((w) => seedDemoRequests(w, profile, localDateOf(new Date().toISOString(), profile.time_zone)));
  // Vendors link to the activities by reference, so they come after them.
  await seedDemoVendors(ws, vendorIds);
  // Three breaches drawn from realistic cases (not notified with reasons; two-phase notification; a processor's late report).
  await seedDemoBreaches(ws);
  // Storage limitation: old closed cases past retention, an identity document to delete, an overdue business-system purge, a 7-day target.
  await seedRetentionDemo(ws);
}

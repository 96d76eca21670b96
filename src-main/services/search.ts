/**
 * Global search for the command palette: every live activity, rights request, vendor and breach by
 * name or reference. Matching and ranking are the pure domain's (domain/search.ts).
 */
import { searchRecords, type SearchHit, type Searchable } from '../domain/search';
import { listActivityRows } from '../db/repositories/activities';
import { listBreachRows } from '../db/repositories/breaches';
import { listRequestRows } from '../db/repositories/requests';
import { listVendorRows } from '../db/repositories/vendors';
import type { Workspace } from './workspace';

export class SearchService {
  constructor(private readonly ws: Workspace) {}

  async records(): Promise<Searchable[]> {
    const db = this.ws.db;
    const [activities, requests, vendors, breaches] = await Promise.all([listActivityRows(db), listRequestRows(db), listVendorRows(db), listBreachRows(db)]);
    return [
      ...activities.map((a) => ({ area: 'register' as const, id: a.id, reference: a.reference, label: a.name, detail: a.status })),
      ...requests.map((r) => ({ area: 'requests' as const, id: r.id, reference: r.reference, label: r.requester_name, detail: r.received_on })),
      ...vendors.map((v) => ({ area: 'vendors' as const, id: v.id, reference: v.name, label: v.name, detail: v.country })),
      ...breaches.map((b) => ({ area: 'breaches' as const, id: b.id, reference: b.reference, label: b.title, detail: b.status })),
    ];
  }

  async query(text: string, limit = 20): Promise<SearchHit[]> {
    return searchRecords(text, await this.records(), limit);
  }
}

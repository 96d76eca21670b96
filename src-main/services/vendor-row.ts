/** A vendor row as the vendor register reads it: its details and columns parsed with the vendor schema. */
import type { VendorsTable } from '../db/schema';
import { vendorInputSchema, type Vendor } from '../domain/vendors/vendor';

export function rowToVendor(row: Pick<VendorsTable, 'details' | 'name' | 'role' | 'country' | 'risk' | 'next_review_on'>): Vendor {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  return vendorInputSchema.parse({ ...details, name: row.name, role: row.role, country: row.country, risk: row.risk, nextReviewOn: row.next_review_on });
}

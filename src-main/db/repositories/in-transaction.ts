import type { Transaction } from 'kysely';
import type { DB } from '../schema';
import { activityIdsByReference, usedReferences } from './activities';
import { breachReferencesOfYear, breachReferenceTaken, heldBreachFileIds, usedBreachReferences } from './breaches';
import { requestReferencesOfYear, usedRequestReferences } from './requests';
import { detailsOf, eventIdsOf, heldAttachmentIds } from './retention';
import { getVendorFile, getVendorRow, listOverrideRows } from './vendors';

/**
 * What a service may read inside a write transaction: repository queries bound to it. The Writer
 * hands services these and the write path, never the transaction itself, so no service can write
 * around the write path. (Reads must go through the transaction: it holds the one connection, and
 * a query on the workspace's own handle would wait for it forever.) Add a query here when a
 * service needs it inside a transaction.
 */
export function transactionReads(trx: Transaction<DB>) {
  return {
    usedActivityReferences: () => usedReferences(trx),
    activityIdsByReference: () => activityIdsByReference(trx),
    usedBreachReferences: () => usedBreachReferences(trx),
    usedRequestReferences: () => usedRequestReferences(trx),
    requestReferencesOfYear: (year: number) => requestReferencesOfYear(trx, year),
    breachReferencesOfYear: (year: number) => breachReferencesOfYear(trx, year),
    breachReferenceTaken: (reference: string) => breachReferenceTaken(trx, reference),
    vendorRow: (id: string) => getVendorRow(trx, id),
    vendorFile: (id: string) => getVendorFile(trx, id),
    adequacyOverrides: () => listOverrideRows(trx),
    rowDetails: (table: 'requests' | 'breaches' | 'vendors', id: string) => detailsOf(trx, table, id),
    requestEventIds: (requestId: string) => eventIdsOf(trx, requestId),
    heldAttachmentIds: (requestId: string) => heldAttachmentIds(trx, requestId),
    heldBreachFileIds: (breachId: string) => heldBreachFileIds(trx, breachId),
  };
}

export type TransactionReads = ReturnType<typeof transactionReads>;

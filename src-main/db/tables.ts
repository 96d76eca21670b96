import { type z } from 'zod';
import { breachFileRowSchema, breachRowSchema } from '../domain/breaches/rows';
import { orgProfileSchema } from '../domain/org-profile';
import { activityRowSchema } from '../domain/register/activity-row';
import { attachmentRowSchema, requestEventRowSchema, requestRowSchema } from '../domain/requests/rows';
import { adequacyOverrideRowSchema, vendorFileRowSchema, vendorRowSchema } from '../domain/vendors/vendor';
import { registerPurgeRowSchema, responseTargetRowSchema, retentionHoldRowSchema, retentionSettingRowSchema } from '../domain/retention/rows';
import type { DB } from './schema';

export type DomainTable = 'org_profile' | 'activities' | 'requests' | 'request_events' | 'request_attachments' | 'breaches' | 'breach_files' | 'vendors' | 'vendor_files' | 'adequacy_overrides' | 'retention_settings' | 'retention_holds' | 'register_purges' | 'response_targets';

export interface TableSpec {
  name: DomainTable;
  /** Validates the domain columns (never id or system columns). */
  schema: z.ZodObject<z.ZodRawShape>;
  /** Columns holding structured values, stored as canonical JSON text. */
  jsonColumns: readonly string[];
  /**
   * Large file contents (base64 text): the change log records `{ sha256, length }` instead of the
   * bytes, so a 10 MiB attachment is stored once, not twice, and sync bundles stay small. Audit
   * verify compares the row's content with that digest.
   */
  digestColumns?: readonly string[];
  /** Whether rows can be moved to the trash (tombstoned) and restored. */
  trashable: boolean;
  /** A short label for trash and history lists. */
  label: (row: Record<string, unknown>) => string;
}

export const TABLES: Record<DomainTable, TableSpec> = {
  org_profile: {
    name: 'org_profile',
    schema: orgProfileSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: false,
    label: (r) => String(r.controller_name || 'Organisation'),
  },
  activities: {
    name: 'activities',
    schema: activityRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: ['details'],
    trashable: true,
    label: (r) => `${String(r.reference)} — ${String(r.name)}`,
  },
  requests: {
    name: 'requests',
    schema: requestRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: ['rights', 'details'],
    trashable: true,
    label: (r) => `${String(r.reference)} — ${String(r.requester_name)}`,
  },
  request_events: {
    name: 'request_events',
    schema: requestEventRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: true,
    label: (r) => `${String(r.occurred_on)} — ${String(r.summary).slice(0, 80)}`,
  },
  request_attachments: {
    name: 'request_attachments',
    schema: attachmentRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    digestColumns: ['content'],
    trashable: true,
    label: (r) => String(r.file_name),
  },
  breaches: {
    name: 'breaches',
    schema: breachRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: ['details'],
    trashable: true,
    label: (r) => `${String(r.reference)} — ${String(r.title)}`,
  },
  breach_files: {
    name: 'breach_files',
    schema: breachFileRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    digestColumns: ['content'],
    trashable: true,
    label: (r) => String(r.file_name),
  },
  vendors: {
    name: 'vendors',
    schema: vendorRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: ['details'],
    trashable: true,
    label: (r) => String(r.name),
  },
  vendor_files: {
    name: 'vendor_files',
    schema: vendorFileRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    digestColumns: ['content'],
    trashable: true,
    label: (r) => String(r.name),
  },
  adequacy_overrides: {
    name: 'adequacy_overrides',
    schema: adequacyOverrideRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: true,
    label: (r) => `${String(r.code)} — ${String(r.status)}`,
  },
  retention_settings: {
    name: 'retention_settings',
    schema: retentionSettingRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: true,
    label: (r) => `${String(r.rule_id)} — ${String(r.period_value)} ${String(r.period_unit)}`,
  },
  retention_holds: {
    name: 'retention_holds',
    schema: retentionHoldRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: false,
    label: (r) => `${String(r.table_name)} ${String(r.row_id)} — ${String(r.reason).slice(0, 80)}`,
  },
  register_purges: {
    name: 'register_purges',
    schema: registerPurgeRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: true,
    label: (r) => `${String(r.performed_on)} — ${String(r.system)}`,
  },
  response_targets: {
    name: 'response_targets',
    schema: responseTargetRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: true,
    label: (r) => `${String(r.right)} — ${String(r.days)}`,
  },
};

export function tableSpec(name: string): TableSpec {
  const spec = (TABLES as Record<string, TableSpec>)[name];
  if (!spec) throw new Error(`Unknown table ${name}`);
  return spec;
}

export const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'deleted_at', 'hlc'] as const;

export type TableRow<T extends DomainTable> = DB[T];

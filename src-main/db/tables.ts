import { type z } from 'zod';
import { breachFileRowSchema, breachRowSchema } from '../domain/breaches/rows';
import { orgProfileSchema } from '../domain/org-profile';
import { activityRowSchema } from '../domain/register/activity-row';
import { attachmentRowSchema, requestEventRowSchema, requestRowSchema } from '../domain/requests/rows';
import { adequacyOverrideRowSchema, vendorFileRowSchema, vendorRowSchema } from '../domain/vendors/vendor';
import { registerPurgeRowSchema, responseTargetRowSchema, retentionHoldRowSchema, retentionSettingRowSchema } from '../domain/retention/rows';
import { memberRowSchema } from '../domain/sync/member-row';
import type { DB } from './schema';

export type DomainTable = 'org_profile' | 'activities' | 'requests' | 'request_events' | 'request_attachments' | 'breaches' | 'breach_files' | 'vendors' | 'vendor_files' | 'adequacy_overrides' | 'retention_settings' | 'retention_holds' | 'register_purges' | 'response_targets' | 'sync_members';

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
  /**
   * JSON object columns merged per top-level key (cells `details.identity`…): an update logs only
   * the keys that changed, so colleagues editing different parts of one record both keep theirs.
   */
  objectColumns?: readonly string[];
  /**
   * Columns kept for lists and filters but computed from other columns (single-sourced): never
   * logged, recomputed by the write path, by applyRemote after a merge, and by audit verify.
   */
  derivedColumns?: readonly string[];
  derive?: (row: Record<string, unknown>) => Record<string, string | number | null>;
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
    objectColumns: ['details'],
    schema: activityRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: ['details'],
    trashable: true,
    label: (r) => `${String(r.reference)} — ${String(r.name)}`,
  },
  requests: {
    name: 'requests',
    objectColumns: ['details'],
    schema: requestRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: ['rights', 'details'],
    derivedColumns: ['extended_on', 'response_sent_on', 'outcome'],
    derive: (r) => {
      const d = obj(r.details);
      const result = obj(d.outcome).result;
      return {
        extended_on: str(obj(d.extension).decidedOn),
        response_sent_on: str(obj(d.response).sentOn),
        // The column's CHECK predates 'transferred'; the details stay the source of the outcome.
        outcome: typeof result === 'string' && result !== 'transferred' ? result : null,
      };
    },
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
    objectColumns: ['details'],
    schema: breachRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: ['details'],
    trashable: true,
    derivedColumns: ['severity_level', 'authority_decision', 'first_notified_at'],
    derive: (r) => {
      const d = obj(r.details);
      const sent = (Array.isArray(d.notifications) ? d.notifications : []).map((n) => str(obj(n).sentAt)).filter((x): x is string => x !== null).sort();
      return {
        severity_level: str(obj(d.severity).level),
        authority_decision: str(obj(obj(d.decisions).authority).decision) ?? 'pending',
        first_notified_at: sent[0] ?? null,
      };
    },
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
    objectColumns: ['details'],
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
  sync_members: {
    name: 'sync_members',
    schema: memberRowSchema as unknown as z.ZodObject<z.ZodRawShape>,
    jsonColumns: [],
    trashable: false,
    label: (r) => `${String(r.name)} (${String(r.id)})`,
  },
};

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

export function tableSpec(name: string): TableSpec {
  const spec = (TABLES as Record<string, TableSpec>)[name];
  if (!spec) throw new Error(`Unknown table ${name}`);
  return spec;
}

export const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'deleted_at', 'hlc'] as const;

export type TableRow<T extends DomainTable> = DB[T];

import { type z } from 'zod';
import { orgProfileSchema } from '../domain/org-profile';
import { activityRowSchema } from '../domain/register/activity-row';
import type { DB } from './schema';

export type DomainTable = 'org_profile' | 'activities';

export interface TableSpec {
  name: DomainTable;
  /** Validates the domain columns (never id or system columns). */
  schema: z.ZodObject<z.ZodRawShape>;
  /** Columns holding structured values, stored as canonical JSON text. */
  jsonColumns: readonly string[];
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
};

export function tableSpec(name: string): TableSpec {
  const spec = (TABLES as Record<string, TableSpec>)[name];
  if (!spec) throw new Error(`Unknown table ${name}`);
  return spec;
}

export const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'deleted_at', 'hlc'] as const;

export type TableRow<T extends DomainTable> = DB[T];

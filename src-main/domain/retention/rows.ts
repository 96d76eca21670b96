/** The stored columns of the retention tables (validated by the one write path). Pure: zod only. */
import { z } from 'zod';
import { isIsoDate } from '../calendar';
import { PERIOD_UNITS, RULE_IDS } from './rules';

const date = z.string().refine(isIsoDate, { message: 'Use a date written YYYY-MM-DD.' });
const reason = z.string().trim().min(3, { message: 'Give the reason (it is kept in the record).' }).max(2000);

export const retentionSettingRowSchema = z.object({
  rule_id: z.enum(RULE_IDS),
  period_value: z.number().int().min(0).max(1200),
  period_unit: z.enum(PERIOD_UNITS),
  reason,
});

export const HOLDABLE_TABLES = ['requests', 'request_attachments', 'breaches', 'vendors'] as const;

export const retentionHoldRowSchema = z.object({
  table_name: z.enum(HOLDABLE_TABLES),
  row_id: z.string().min(1).max(64),
  reason,
  placed_on: date,
  released_on: date.nullable(),
});

export const registerPurgeRowSchema = z.object({
  activity_id: z.string().min(1).max(64),
  category_id: z.string().min(1).max(64),
  performed_on: date,
  performed_by: z.string().trim().min(1, { message: 'Say who performed the purge.' }).max(200),
  system: z.string().trim().min(1, { message: 'Name the system that was purged.' }).max(200),
  note: z.string().trim().max(2000),
});

export const responseTargetRowSchema = z.object({
  right: z.string().min(1).max(40),
  days: z.number().int().min(1).max(90),
});

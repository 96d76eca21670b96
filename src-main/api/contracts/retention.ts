/** API methods of storage limitation ('retention.<verb>'): Vigie's own retention rules, purges, holds, the register's purge calendar, response targets. Pure: zod only. */
import { z } from 'zod';
import { PERIOD_UNITS, RETENTION_ACTIONS, RULE_IDS } from '../../domain/retention/rules';
import { RIGHTS } from '../../domain/requests/case';
import { bilingual, empty, isoDate, type ContractFragment } from './shared';

const id = z.string().min(1).max(64);
const reason = z.string().trim().min(1, { message: 'Give the reason; it is kept in the log.' }).max(2000);
const period = z.object({ value: z.number().int().min(0).max(1200), unit: z.enum(PERIOD_UNITS) }).strict();
const tableName = z.enum(['requests', 'request_attachments', 'breaches', 'vendors']);

const rule = z.object({
  id: z.enum(RULE_IDS),
  table: tableName,
  what: bilingual,
  trigger: z.string(),
  triggerLabel: bilingual,
  period,
  defaultPeriod: period,
  overridden: z.boolean(),
  overrideReason: z.string().optional(),
  action: z.enum(RETENTION_ACTIONS),
  keeps: bilingual,
  sources: z.array(z.string()),
  alternatives: z.array(z.object({ period, sources: z.array(z.string()), note: bilingual })),
});

const dueItem = z.object({
  table: tableName,
  id: z.string(),
  reference: z.string(),
  rule: z.enum(RULE_IDS),
  dueOn: isoDate,
  keeps: bilingual,
  parentId: z.string().optional(),
  hold: z.object({ reason: z.string(), placedOn: isoDate }).optional(),
  link: z.object({ area: z.enum(['requests', 'breaches', 'vendors']), id: z.string() }),
});

const scheduled = z.object({
  activityId: z.string(),
  activityReference: z.string(),
  activityName: z.string(),
  owner: z.string(),
  categoryId: z.string(),
  categoryLabel: z.string(),
  action: z.enum(['archive', 'delete', 'anonymise', 'other']),
  dueOn: isoDate,
  overdue: z.boolean(),
  lastPerformed: z.object({ activityId: z.string(), categoryId: z.string(), performedOn: isoDate, performedBy: z.string(), system: z.string() }).nullable(),
});

const targets = z.object({
  defaultDays: z.number().int().min(1).max(90).nullable(),
  perRight: z.partialRecord(z.enum(RIGHTS), z.number().int().min(1).max(90)),
});

export const retentionContract = {
  'retention.rules': {
    input: empty,
    output: z.object({ version: z.string(), checkedOn: isoDate, sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().optional(), verified: z.boolean().optional() })), rules: z.array(rule) }),
  },
  'retention.setRule': { input: z.object({ ruleId: z.enum(RULE_IDS), period, reason }).strict(), output: rule },
  'retention.resetRule': { input: z.object({ ruleId: z.enum(RULE_IDS), reason: z.string().max(2000) }).strict(), output: rule },
  'retention.due': { input: z.object({ includeHeld: z.boolean().optional() }).strict(), output: z.object({ today: isoDate, items: z.array(dueItem) }) },
  'retention.purge': {
    input: z.object({ ids: z.array(id).min(1).max(5000), reason }).strict(),
    output: z.object({ purged: z.array(z.object({ table: z.string(), id: z.string(), reference: z.string(), rule: z.enum(RULE_IDS) })) }),
  },
  'retention.hold': { input: z.object({ id, reason }).strict(), output: z.object({ holdId: z.string() }) },
  'retention.release': { input: z.object({ holdId: id, reason: z.string().max(2000) }).strict(), output: empty },
  'retention.schedule': {
    input: z.object({ dueOnly: z.boolean().optional(), activityId: id.optional() }).strict(),
    output: z.object({ today: isoDate, items: z.array(scheduled) }),
  },
  'retention.recordPurge': {
    input: z
      .object({
        activityId: id,
        categoryId: z.string().min(1).max(64),
        performedOn: isoDate,
        performedBy: z.string().trim().min(1).max(200),
        system: z.string().trim().min(1).max(200),
        note: z.string().max(2000).optional(),
      })
      .strict(),
    output: z.object({ id: z.string() }),
  },
  'retention.scheduleIcs': { input: empty, output: z.object({ fileName: z.string(), contentBase64: z.string(), events: z.number() }) },
  'retention.targets': { input: empty, output: targets },
  'retention.setTargets': { input: targets.strict(), output: targets },
} as const satisfies ContractFragment;

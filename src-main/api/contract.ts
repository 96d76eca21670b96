/**
 * The one method table between the renderer and the main process. Pure: zod and types only, so the
 * renderer may import it. Each method: `'<area>.<verb>': { input, output }`. The router validates
 * every input against it; the renderer client is typed from it.
 */
import { z } from 'zod';
import { storedOrgProfileSchema } from '../domain/org-profile';
import { activityInputSchema } from '../domain/register/activity';
import { REGISTER_VIEWS } from '../domain/register/completeness';
import { backupsContract } from './contracts/backups';
import { breachesContract } from './contracts/breaches';
import { exportsContract } from './contracts/exports';
import { jobsContract } from './contracts/jobs';
import { reportsContract } from './contracts/reports';
import { requestsContract } from './contracts/requests';
import { retentionContract } from './contracts/retention';
import { syncContract } from './contracts/sync';
import { todayContract } from './contracts/today';
import { bilingual, empty, isoDate, type ContractFragment } from './contracts/shared';
import { vendorsContract } from './contracts/vendors';
import { profileUpdateInput, workspaceCreateInput, workspacePath } from './contracts/workspace';
import type { ErrorCode, Params } from './contracts/errors';

// The error vocabulary travels with the contract (the renderer imports both from here).
export { ERROR_CODES, ISSUE_CODES, isErrorCode, isIssueCode, issueFromZod, type ErrorCode, type FieldIssue, type IssueCode, type Params } from './contracts/errors';
const explanation = z
  .object({
    from: isoDate,
    months: z.number(),
    rawDate: isoDate,
    clamped: z.boolean(),
    skipped: z.array(z.object({ date: isoDate, kind: z.enum(['saturday', 'sunday', 'holiday']), name: z.string() })),
    result: isoDate,
    steps: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }),
  })
  ;

const importError = z.object({ row: z.number(), field: z.string(), message: z.string() });

const factorLevel = z.object({ id: z.string(), value: z.number(), label: bilingual, explanation: bilingual });

/** A seal: the change log's entry count and newest hash, anchored outside the file (see services/seals.ts). */
const sealSchema = z.object({ workspaceId: z.string(), entries: z.number(), headHash: z.string(), at: z.string() });

export const workspaceStatusSchema = z.object({
  open: z.boolean(),
  path: z.string().optional(),
  name: z.string().optional(),
  deviceId: z.string().optional(),
  actor: z.string().optional(),
  migrated: z.array(z.string()).optional(),
  backup: z.string().optional(),
  sealWarning: z.string().optional(),
  sealBehind: z.object({ seen: sealSchema, found: sealSchema }).optional(),
});

const profileResult = z.object({ profile: storedOrgProfileSchema, missing: z.array(z.string()) });

const historyEntry = z.object({
  seq: z.number(),
  id: z.string(),
  table: z.string(),
  rowId: z.string(),
  op: z.enum(['insert', 'update', 'delete', 'restore', 'purge']),
  fields: z.record(z.string(), z.unknown()),
  hlc: z.string(),
  deviceId: z.string(),
  actor: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  changedKeys: z.record(z.string(), z.array(z.string())).optional(),
});

const auditReport = z.object({
  ok: z.boolean(),
  entries: z.number(),
  firstBroken: z
    .object({ reason: z.string(), seq: z.number().optional(), entryId: z.string().optional(), table: z.string().optional(), rowId: z.string().optional() })
    .optional(),
  seal: z.object({
    status: z.enum(['first-seen', 'same', 'ahead', 'behind', 'unavailable']),
    seen: sealSchema.optional(),
    found: sealSchema.optional(),
    warning: z.string().optional(),
  }),
  scope: z.enum(['full', 'since-checkpoint']).optional(),
  checkpoint: z.object({ seq: z.number(), hash: z.string() }).optional(),
});

const coreContract = {
  'app.info': {
    input: empty,
    output: z.object({
      version: z.string(),
      platform: z.enum(['electron', 'web']),
      canBrowse: z.boolean(),
      /** The main process asks where to save and writes exports itself (Electron); else the window downloads them. */
      canSaveFiles: z.boolean(),
      canRememberPassphrase: z.boolean(),
      defaultDirectory: z.string(),
    }),
  },
  /** Answers at once: the window (and the responsiveness test) checks that the main process is not blocked. */
  'app.ping': { input: empty, output: z.object({ pong: z.literal(true) }) },
  'workspace.status': { input: empty, output: workspaceStatusSchema },
  'workspace.recent': {
    input: empty,
    output: z.object({ items: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string(), remembered: z.boolean(), exists: z.boolean() })) }),
  },
  'workspace.create': {
    input: workspaceCreateInput,
    output: workspaceStatusSchema,
  },
  'workspace.open': {
    input: z
      .object({ path: workspacePath, passphrase: z.string().max(1024).optional(), remember: z.boolean().optional() })
      .strict(),
    output: workspaceStatusSchema,
  },
  'workspace.close': { input: empty, output: workspaceStatusSchema },
  'workspace.forget': { input: z.object({ path: z.string() }).strict(), output: z.object({}) },
  'workspace.pickFile': {
    input: z.object({ mode: z.enum(['open', 'create']) }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
  'profile.get': { input: empty, output: profileResult },
  'profile.update': {
    input: profileUpdateInput,
    output: profileResult.extend({ changed: z.array(z.string()) }),
  },
  'trash.list': {
    input: empty,
    output: z.object({ items: z.array(z.object({ table: z.string(), id: z.string(), label: z.string(), deletedAt: z.string() })) }),
  },
  'trash.restore': { input: z.object({ table: z.string().min(1).max(40), id: z.string().min(1) }).strict(), output: z.object({}) },
  'history.list': {
    input: z
      .object({ table: z.string().optional(), rowId: z.string().optional(), limit: z.number().int().min(1).max(1000).optional(), beforeSeq: z.number().int().optional() })
      .strict(),
    output: z.object({ entries: z.array(historyEntry) }),
  },
  /** `quick`: the entries since the last verified check point and the rows they touched; default `full`. */
  'audit.verify': { input: z.object({ mode: z.enum(['full', 'quick']).optional() }).strict(), output: auditReport },
  'audit.seal': { input: empty, output: z.object({ seal: sealSchema, text: z.string() }) },
  'audit.exportCsv': { input: empty, output: z.object({ fileName: z.string(), contentBase64: z.string(), entries: z.number() }) },
  'dashboard.summary': {
    input: empty,
    output: z.object({
      profileMissing: z.array(z.string()),
      changeLog: z.object({ entries: z.number(), lastAt: z.string().nullable() }),
      activities: z.object({ total: z.number(), active: z.number(), draft: z.number(), inTrash: z.number() }),
      register: z.object({ score: z.number(), errors: z.number(), warnings: z.number(), complete: z.number(), toFix: z.array(z.object({ id: z.string(), reference: z.string(), name: z.string(), score: z.number() })) }),
      today: isoDate,
    }),
  },
  'register.list': {
    /** All optional: without `limit`, every matching activity (scripts); with it, one page and its cursor. */
    input: z
      .object({
        role: z.enum(['controller', 'processor']).optional(),
        view: z.enum(REGISTER_VIEWS).optional(),
        text: z.string().max(200).optional(),
        /** Only these activities (a picker's chosen ones, to name them). */
        ids: z.array(z.string().min(1).max(64)).max(1000).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        cursor: z.string().max(2000).optional(),
      })
      .strict(),
    output: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          reference: z.string(),
          name: z.string(),
          role: z.enum(['controller', 'joint-controller', 'processor']),
          status: z.enum(['draft', 'active', 'retired']),
          owner: z.string(),
          reviewDate: z.string().nullable(),
          updatedAt: z.string(),
          score: z.number(),
          errors: z.number(),
          warnings: z.number(),
        }),
      ),
      /** Activities matching the filters (all pages). */
      total: z.number(),
      nextCursor: z.string().nullable(),
      /** The whole register's score and counts, whatever the filters. */
      score: z.number(),
      counts: z.object({ activities: z.number(), errors: z.number(), warnings: z.number(), complete: z.number() }),
    }),
  },
  'register.get': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({
      id: z.string(),
      activity: activityInputSchema,
      completeness: z.object({
        score: z.number(),
        issues: z.array(z.object({ code: z.string(), severity: z.enum(['error', 'warning']), field: z.string(), article: z.string(), message: bilingual })),
      }),
      /** Processors as links to the vendor register; transfers including the linked vendors' (Art. 30(1)(e)). */
      links: z.object({
        processors: z.array(
          z.object({ kind: z.enum(['linked', 'missing-vendor', 'free-text']), vendorId: z.string().optional(), name: z.string(), detail: z.string(), index: z.number().nullable() }),
        ),
        transfers: z.array(
          z.object({
            source: z.enum(['activity', 'vendor']),
            vendorId: z.string().optional(),
            vendorName: z.string().optional(),
            recipient: z.string(),
            country: z.string(),
            countryName: bilingual,
            tool: z.string().nullable(),
            toolLabel: bilingual.nullable(),
            derogationLabel: bilingual.nullable(),
          }),
        ),
      }),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  },
  'register.check': {
    /** `id` when the draft edits a saved activity: vendors that list it are then taken into account. */
    input: z.object({ activity: activityInputSchema, id: z.string().min(1).optional() }).strict(),
    output: z.object({
      completeness: z.object({
        score: z.number(),
        issues: z.array(z.object({ code: z.string(), severity: z.enum(['error', 'warning']), field: z.string(), article: z.string(), message: bilingual })),
      }),
      dpia: z.object({ result: z.enum(['required', 'likely', 'to-examine', 'not-indicated']), reasons: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }) }),
    }),
  },
  'register.importPreview': {
    input: z.object({ fileName: z.string().min(1).max(255), contentBase64: z.string().max(15_000_000), mapping: z.array(z.string().nullable()).max(200).optional(), lang: z.enum(['fr', 'en']).optional() }).strict(),
    output: z.object({
      headerRow: z.number(),
      headers: z.array(z.string()),
      mapping: z.array(z.string().nullable()),
      fields: z.array(z.object({ id: z.string(), label: bilingual })),
      rows: z.array(z.object({ row: z.number(), name: z.string(), errors: z.array(importError) })),
      valid: z.number(),
      invalid: z.number(),
    }),
  },
  'register.importCommit': {
    input: z
      .object({ fileName: z.string().min(1).max(255), contentBase64: z.string().max(15_000_000), mapping: z.array(z.string().nullable()).max(200).optional(), skipInvalid: z.boolean().optional(), lang: z.enum(['fr', 'en']).optional() })
      .strict(),
    output: z.object({ imported: z.number(), skipped: z.number(), errors: z.array(importError) }),
  },
  'register.exportDocx': { input: z.object({ lang: z.enum(['fr', 'en']).optional() }).strict(), output: z.object({ fileName: z.string(), contentBase64: z.string() }) },
  'register.create': { input: z.object({ activity: activityInputSchema }).strict(), output: z.object({ id: z.string() }) },
  'register.update': { input: z.object({ id: z.string().min(1), activity: activityInputSchema }).strict(), output: z.object({ changed: z.array(z.string()) }) },
  'register.delete': { input: z.object({ id: z.string().min(1), reason: z.string().max(500).optional() }).strict(), output: z.object({}) },
  // ── reference data and stateless calculators (the same domain functions as the CLI) ──
  'reference.jurisdictions': {
    input: empty,
    output: z.object({ items: z.array(z.object({ code: z.string(), country: z.string(), region: z.string().optional(), name: bilingual })) }),
  },
  'reference.countries': {
    input: empty,
    output: z.object({
      checkedOn: z.string(),
      items: z.array(z.object({ code: z.string(), name: bilingual, inEEA: z.boolean(), adequacy: z.object({ decision: z.string(), date: z.string() }).nullable() })),
    }),
  },
  'reference.register': {
    input: empty,
    output: z.record(z.string(), z.array(z.object({ id: z.string(), label: bilingual, article: z.string().optional() }))),
  },
  'reference.severity': {
    input: empty,
    output: z.object({
      dpc: z.array(z.object({ id: z.string(), base: z.number(), label: bilingual, examples: bilingual })),
      ei: z.array(factorLevel),
      confidentiality: z.array(factorLevel),
      integrity: z.array(factorLevel),
      availability: z.array(factorLevel),
      /** ENISA 2013: the part cited and whether the team read it (unverified parts shown « à vérifier »). */
      source: z.object({ title: z.string(), url: z.string(), parts: z.array(z.object({ id: z.string(), cite: z.string(), verified: z.boolean(), note: z.string().optional() })) }),
    }),
  },
  'tools.deadlines': {
    input: z
      .object({ received: isoDate, jurisdiction: z.string().max(10).optional(), infoRequestedOn: isoDate.optional(), infoReceivedOn: isoDate.optional(), lang: z.enum(['fr', 'en']).optional() })
      .strict(),
    output: z
      .object({
        received: isoDate,
        jurisdiction: z.string(),
        oneMonth: isoDate,
        threeMonths: isoDate,
        threeMonthsPrudent: isoDate,
        extensionNoticeBy: isoDate,
        paused: z.object({ days: z.number(), oneMonth: isoDate, threeMonths: isoDate }).optional(),
        explanation: z.object({ oneMonth: explanation, threeMonths: explanation, threeMonthsPrudent: explanation, paused: z.object({ oneMonth: explanation, threeMonths: explanation }).optional() }),
      }),
  },
  'tools.breachClock': {
    input: z.object({ aware: z.string().min(1).max(40), tz: z.string().max(64).optional(), hours: z.number().int().min(1).max(240).optional() }).strict(),
    output: z.object({ aware: z.string(), notifyBy: z.string(), strictNotifyBy: z.string(), hours: z.number(), remainingMs: z.number().optional(), late: z.boolean().optional(), tz: z.string() }),
  },
  'tools.severity': {
    input: z
      .object({
        dpc: z.union([z.number(), z.string().max(20)]),
        dpcAdjustment: z.number().int().min(-3).max(3).optional(),
        ei: z.union([z.number(), z.string().max(20)]),
        confidentiality: z.union([z.number(), z.string().max(20)]).optional(),
        integrity: z.union([z.number(), z.string().max(20)]).optional(),
        availability: z.union([z.number(), z.string().max(20)]).optional(),
        malicious: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      score: z.number(),
      level: z.enum(['low', 'medium', 'high', 'very-high']),
      breakdown: z.record(z.string(), z.union([z.number(), z.string()])),
      explanation: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }),
      cnilGravity: bilingual,
      hint: z.object({ notifyAuthority: z.boolean(), communicateToDataSubjects: z.boolean(), reasons: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }) }),
    }),
  },
  'tools.transferCheck': {
    input: z.object({ country: z.string().min(1).max(10), dpfCertified: z.boolean().optional() }).strict(),
    output: z.object({
      country: z.string(),
      inEEA: z.boolean(),
      adequacy: z.object({ decision: z.string(), date: z.string() }).nullable(),
      requiresSafeguard: z.boolean(),
      basis: z.enum(['eea', 'adequacy', 'adequacy-dpf', 'safeguard-required']),
      explanation: bilingual,
    }),
  },
} as const satisfies ContractFragment;

/** Every method, from the core table and each area's fragment (contracts/<area>.ts). */
export const contract = { ...coreContract, ...requestsContract, ...breachesContract, ...vendorsContract, ...retentionContract, ...backupsContract, ...reportsContract, ...exportsContract, ...jobsContract, ...todayContract, ...syncContract } as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

/**
 * An error as it crosses the bridge: `code` from ERROR_CODES (api/errors.ts), `params` for the
 * sentence, `details.issues` the per-field FieldIssues. `message` is English (CLI, logs); the
 * renderer writes its own sentence from the codes.
 */
export interface ApiError {
  code: ErrorCode | (string & {});
  message: string;
  params?: Params;
  details?: unknown;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Events the main process pushes to the renderer (menu commands, reminders). */
export type AppEvent =
  | { type: 'menu'; action: 'new-workspace' | 'open-workspace' | 'close-workspace' | 'export' | 'settings' | 'about' | 'dashboard' }
  | { type: 'menu'; action: 'open-recent'; path: string }
  | { type: 'language'; language: 'fr' | 'en' }
  /** A step of an export the main process is saving (exports.save; services/platform.ts ExportProgressEvent). */
  | { type: 'export-progress'; id: string; step: string; index: number; total: number }
  /** How far the running sync is (services/platform.ts SyncProgressEvent). */
  | { type: 'sync-progress'; phase: 'snapshot' | 'import' | 'export'; done: number; total: number };

export const METHODS = Object.keys(contract) as Method[];

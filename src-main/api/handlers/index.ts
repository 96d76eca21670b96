import { activityCounts } from '../../db/repositories/activities';
import { breachClock } from '../../domain/breach-clock';
import { listJurisdictions, localDateOf } from '../../domain/calendar';
import { computeDsarDeadlines } from '../../domain/dsar-deadlines';
import { DEFAULT_ORG_PROFILE } from '../../domain/org-profile';
import { CIRCUMSTANCE_LEVELS, DPC_CATEGORIES, EI_LEVELS, ENISA_REFERENCE, cnilGravity, computeSeverity, riskDecisionHint } from '../../domain/severity';
import { ADEQUACY_REFERENCE, listCountries, transferCheck } from '../../domain/transfers';
import { RegisterService } from '../../services/register';
import { registerSummary } from '../../services/dashboard';
import { applyImportPlan } from '../../services/register-import';
import { SyncService } from '../../services/sync';
import { deviceKeys, type SyncFiles } from '../../sync/engine';
import { startSyncFileOpener } from '../../sync/open-file.thread';
import { keyFingerprint } from '../../sync/crypto';
import { eraseRecord, planErasure } from '../../services/erasure';
import { IMPORT_FIELDS, IMPORT_FIELD_LABELS, type ColumnMapping } from '../../domain/register/import-mapping';
import { registerVocabularies } from '../../domain/register/reference-lists';
import { screenDpia } from '../../domain/register/dpia';
import type { Session } from '../../services/session';
import { formatSeal } from '../../services/seals';
import type { DomainTable } from '../../db/tables';
import { backupsHandlers } from './backups';
import { breachesHandlers } from './breaches';
import { exportsHandlers } from './exports';
import { jobsHandlers, sessionJobRunner } from './jobs';
import type { JobRunner } from '../../jobs/runner';
import { reportsHandlers } from './reports';
import { requestsHandlers } from './requests';
import { retentionHandlers } from './retention';
import { syncHandlers, type SyncDeps } from './sync';
import { todayHandlers } from './today';
import { vendorsHandlers } from './vendors';
import type { Handlers } from '../router';

/**
 * The services behind the Sync page and erasure (tests pass fakes). With the session's job runner,
 * large sync files are opened and sealed on another thread and the snapshot of the whole log is read
 * and sealed by a job (the window answers meanwhile, issue 11).
 */
export function defaultSyncDeps(jobs?: JobRunner): SyncDeps {
  const files = () => {
    const thread = startSyncFileOpener();
    return jobs ? { ...thread, sealWorkspaceSnapshot: async (input: Parameters<NonNullable<SyncFiles['sealWorkspaceSnapshot']>>[0]) => jobs.run('snapshot', input) } : thread;
  };
  return { ...DEFAULT_SYNC_DEPS, sync: (ws, onProgress) => new SyncService(ws, { ...(onProgress ? { onProgress } : {}), startFileOpener: files }) };
}

export const DEFAULT_SYNC_DEPS: SyncDeps = {
  sync: (ws, onProgress) => new SyncService(ws, onProgress ? { onProgress } : {}),
  join: (input) => SyncService.join(input),
  fingerprint: async (ws) => keyFingerprint(await deviceKeys(ws)),
  plan: (ws, table, id) => {
    const p = planErasure(ws, table, id);
    return { ...p, columns: [...p.columns] };
  },
  purge: (ws, input) => eraseRecord(ws, input),
};

/** Binds every contract method to its service call. A method without a handler is a type error. */
export function createHandlers(session: Session, deps: { sync?: SyncDeps } = {}): Handlers {
  const p = session.platform;
  /** Defaults for calculators: the open workspace's profile, else the built-in French defaults. */
  const profile = async () => (session.isOpen ? (await session.workspace.getProfile()).profile : DEFAULT_ORG_PROFILE);
  // Exports, an import's reading and audit verify run in worker threads: the API keeps answering.
  const jobs = sessionJobRunner(session);
  const handlers: Handlers = {
    'app.ping': async () => ({ pong: true as const }),
    'app.info': async () => ({
      version: p.version,
      platform: p.kind,
      canBrowse: Boolean(p.dialogs),
      canSaveFiles: Boolean(p.saveFile),
      canRememberPassphrase: Boolean(p.secrets?.available()),
      defaultDirectory: p.defaultDirectory,
    }),
    'workspace.status': async () => session.status(),
    'workspace.recent': async () => ({ items: session.recent() }),
    'workspace.create': (input) => session.create(input),
    'workspace.open': (input) => session.open(input),
    'workspace.close': () => session.close(),
    'workspace.forget': async ({ path }) => {
      session.forget(path);
      return {};
    },
    'workspace.pickFile': async ({ mode }) => ({ path: p.dialogs ? await p.dialogs.pickWorkspace(mode) : null }),
    'profile.get': () => session.workspace.getProfile(),
    'profile.update': ({ values }) => session.workspace.updateProfile(values),
    'trash.list': async () => ({ items: await session.workspace.listTrash() }),
    'trash.restore': async ({ table, id }) => {
      await session.workspace.restore(table as DomainTable, id);
      return {};
    },
    'history.list': async (q) => ({ entries: await session.workspace.history(q) }),
    'audit.verify': async (input) => {
      const ws = session.workspace;
      const from = input.mode === 'quick' ? await ws.auditCheckpoint() : undefined;
      const report = await jobs.run('auditVerify', from ? { from } : {});
      await ws.recordAuditCheckpoint(report);
      return { ...report, seal: ws.sealCheck };
    },
    'audit.seal': async () => {
      const seal = await session.workspace.seal();
      return { seal, text: formatSeal(seal) };
    },
    'audit.exportCsv': async () => {
      const r = await jobs.run('file', { method: 'audit.exportCsv' });
      return { fileName: r.fileName, contentBase64: r.contentBase64, entries: r.entries ?? 0 };
    },
    'dashboard.summary': async () => {
      const ws = session.workspace;
      const { profile, missing } = await ws.getProfile();
      const stats = await ws.changeLogStats();
      return {
        profileMissing: missing,
        changeLog: { entries: stats.entries, lastAt: stats.lastAt },
        activities: await activityCounts(ws.db),
        register: await registerSummary(ws),
        today: localDateOf(new Date().toISOString(), profile.time_zone),
      };
    },
    'register.list': (q) => new RegisterService(session.workspace).list(q),
    'register.get': ({ id }) => new RegisterService(session.workspace).get(id),
    'register.check': async ({ activity, id }) => ({ completeness: await new RegisterService(session.workspace).check(activity, id), dpia: screenDpia(activity.dpia) }),
    // The file is read and every row checked in a worker; the commit then writes the plan in one transaction.
    'register.importPreview': async ({ fileName, contentBase64, mapping, lang }) => {
      const { preview } = await jobs.run('importPlan', { fileName, bytes: new Uint8Array(Buffer.from(contentBase64, 'base64')), ...(mapping ? { mapping } : {}), ...(lang ? { lang } : {}) });
      return { ...preview, mapping: preview.mapping as ColumnMapping, fields: IMPORT_FIELDS.map((id) => ({ id, label: IMPORT_FIELD_LABELS[id] })) };
    },
    'register.importCommit': async ({ fileName, contentBase64, mapping, skipInvalid, lang }) => {
      const { plan } = await jobs.run('importPlan', { fileName, bytes: new Uint8Array(Buffer.from(contentBase64, 'base64')), ...(mapping ? { mapping } : {}), ...(lang ? { lang } : {}) });
      return applyImportPlan(session.workspace, plan, { fileName, skipInvalid });
    },
    'register.exportDocx': async ({ lang }) => {
      const r = await jobs.run('file', { method: 'register.exportDocx', ...(lang ? { lang } : {}) });
      return { fileName: r.fileName, contentBase64: r.contentBase64 };
    },
    'register.create': ({ activity }) => new RegisterService(session.workspace).create(activity),
    'register.update': ({ id, activity }) => new RegisterService(session.workspace).update(id, activity),
    'register.delete': async ({ id, reason }) => {
      await new RegisterService(session.workspace).remove(id, reason);
      return {};
    },
    'reference.jurisdictions': async () => ({ items: listJurisdictions() }),
    'reference.countries': async () => ({
      checkedOn: ADEQUACY_REFERENCE.checkedOn,
      items: listCountries().map((c) => ({ code: c.code, name: c.name, inEEA: c.inEEA, adequacy: c.adequacy })),
    }),
    'reference.register': async () => registerVocabularies(),
    'reference.severity': async () => ({
      dpc: [...DPC_CATEGORIES],
      ei: [...EI_LEVELS],
      confidentiality: [...CIRCUMSTANCE_LEVELS.confidentiality],
      integrity: [...CIRCUMSTANCE_LEVELS.integrity],
      availability: [...CIRCUMSTANCE_LEVELS.availability],
      source: { title: ENISA_REFERENCE.title, url: ENISA_REFERENCE.url, parts: ENISA_REFERENCE.parts.map((p) => ({ ...p })) },
    }),
    'tools.deadlines': async (input) => {
      const prof = await profile();
      const d = computeDsarDeadlines({ ...input, jurisdiction: input.jurisdiction ?? prof.jurisdiction, lang: input.lang ?? prof.language });
      return d;
    },
    'tools.breachClock': async (input) => {
      const prof = await profile();
      const tz = input.tz ?? prof.time_zone;
      return { ...breachClock({ aware: input.aware, tz, hours: input.hours ?? prof.breach_notification_hours, now: new Date() }), tz };
    },
    'tools.severity': async ({ dpc, dpcAdjustment, ...rest }) => {
      const r = computeSeverity({ dpc: dpcAdjustment ? { base: dpc, adjustment: dpcAdjustment } : dpc, ...rest });
      const g = cnilGravity(r.level);
      const hint = riskDecisionHint(r.level);
      return { ...r, breakdown: r.breakdown as unknown as Record<string, number | string>, cnilGravity: { fr: g.fr, en: g.en }, hint };
    },
    'tools.transferCheck': async (input) => transferCheck(input),
    ...requestsHandlers(session, jobs),
    ...breachesHandlers(session, jobs),
    ...vendorsHandlers(session),
    ...retentionHandlers(session),
    ...backupsHandlers(session),
    ...reportsHandlers(session, jobs),
    // exports.saveFile runs one of the file methods above in the main process (validated input).
    ...jobsHandlers(jobs),
    ...exportsHandlers(session, jobs, (method, input) => handlers[method](input as never) as Promise<{ fileName: string; contentBase64: string }>),
    ...todayHandlers(session),
    ...syncHandlers(session, deps.sync ?? defaultSyncDeps(jobs)),
  };
  return handlers;
}

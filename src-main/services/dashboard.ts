/**
 * Reads the dashboard's two calls share (dashboard.summary and Today), at the scale of issue 11
 * (1,000 activities next to 100,000 requests): the register's activities are parsed once per state of
 * the workspace instead of once per call (services/state-cache.ts).
 */
import { cachedPerState } from './state-cache';
import { listActivityRows } from '../db/repositories/activities';
import type { ActivitiesTable } from '../db/schema';
import type { ActivityInput } from '../domain/register/activity';
import { checkRegister, registerScore } from '../domain/register/completeness';
import { storedActivityChecks, type StoredActivityCheck } from './activity-index';
import { localDateOf } from '../domain/calendar';
import { RegisterService, rowToActivity } from './register';
import type { Workspace } from './workspace';

export interface LiveActivity {
  row: ActivitiesTable;
  activity: ActivityInput & { id: string };
}

/** The live activities, in register order (listActivityRows), parsed (rowToActivity), once per state of the workspace (state-cache.ts). Read-only. */
export const liveActivities: (ws: Workspace) => Promise<readonly LiveActivity[]> = cachedPerState(async (ws) =>
  (await listActivityRows(ws.db)).map((row) => ({ row, activity: { ...rowToActivity(row), id: row.id } })),
);

/** Per state of the workspace (state-cache.ts: any write starts a new map), the stored checks by day. */
const checksByDay = cachedPerState(async () => new Map<string, Promise<readonly StoredActivityCheck[]>>());

/**
 * storedActivityChecks(ws.db, day), once per state of the workspace and day: dashboard.summary and
 * Today both read the 1,000 checks after an unlock. Read-only.
 */
export async function activityChecksOn(ws: Workspace, day: string): Promise<readonly StoredActivityCheck[]> {
  const byDay = await checksByDay(ws);
  let hit = byDay.get(day);
  if (!hit) {
    hit = storedActivityChecks(ws.db, day);
    byDay.set(day, hit);
    // A failure is not kept: the next call reads again.
    hit.catch(() => byDay.delete(day));
  }
  return hit;
}

type RegisterFigures = { score: number; errors: number; warnings: number; complete: number; toFix: Array<{ id: string; reference: string; name: string; score: number }> };

/** The five live activities with the lowest score, ties in the list's order (reference, then id). */
function figures(items: ReadonlyArray<{ id: string; reference: string; name: string; status: string; score: number }>): RegisterFigures['toFix'] {
  return items
    .map((x) => ({ k: `${x.reference}\u0000${x.id}`, ...x }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .filter((a) => a.status !== 'retired' && a.score < 100)
    .sort((a, b) => a.score - b.score)
    .slice(0, 5)
    .map(({ id, reference, name, score }) => ({ id, reference, name, score }));
}

async function registerToday(ws: Workspace): Promise<string> {
  // The day in the zone through calendar.ts's formatter (an en-CA one loaded another locale's data: ~15 ms once).
  return localDateOf(new Date().toISOString(), (await ws.getProfile()).profile.time_zone);
}

/**
 * The dashboard's register figures: what RegisterService.list gives (score, errors, warnings, complete
 * activities) and the five live activities with the lowest score, ties in the list's order (reference),
 * from the stored completeness (activity-index.ts: one small row per activity, no activity parsed).
 */
export async function registerSummary(ws: Workspace): Promise<RegisterFigures> {
  const checks = await activityChecksOn(ws, await registerToday(ws));
  const live = checks.filter((c) => c.status !== 'retired');
  return {
    score: registerScore(checks),
    errors: live.reduce((n, c) => n + c.errors, 0),
    warnings: live.reduce((n, c) => n + c.warnings, 0),
    complete: live.filter((c) => c.errors + c.warnings === 0).length,
    toFix: figures(checks),
  };
}

/** The same figures computed from every activity parsed and checked against the vendor register (the reference of registerSummary; tests). */
export async function registerSummaryInMemory(ws: Workspace): Promise<RegisterFigures> {
  const list = await liveActivities(ws);
  const reg = checkRegister(
    list.map((x) => x.activity),
    { today: await registerToday(ws), vendors: await new RegisterService(ws).registerVendors() },
  );
  return { score: reg.score, errors: reg.counts.errors, warnings: reg.counts.warnings, complete: reg.counts.complete, toFix: figures(list.map((x, i) => ({ id: x.row.id, reference: x.row.reference, name: x.row.name, status: x.row.status, score: reg.byActivity[i]!.score }))) };
}

/**
 * Reads the dashboard's two calls share (dashboard.summary and Today), at the scale of issue 11
 * (1,000 activities next to 100,000 requests): the register's activities are parsed once per state of
 * the workspace instead of once per call (services/state-cache.ts).
 */
import { cachedPerState } from './state-cache';
import { listActivityRows } from '../db/repositories/activities';
import type { ActivitiesTable } from '../db/schema';
import type { ActivityInput } from '../domain/register/activity';
import { checkRegister } from '../domain/register/completeness';
import { dateTimeFormat } from '../domain/intl-cache';
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

/**
 * The dashboard's register figures: what RegisterService.list gives (score, errors, warnings, complete
 * activities) and the five live activities with the lowest score, ties in the list's order (reference).
 */
export async function registerSummary(ws: Workspace): Promise<{ score: number; errors: number; warnings: number; complete: number; toFix: Array<{ id: string; reference: string; name: string; score: number }> }> {
  const list = await liveActivities(ws);
  const today = dateTimeFormat('en-CA', { timeZone: (await ws.getProfile()).profile.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const reg = checkRegister(
    list.map((x) => x.activity),
    { today, vendors: await new RegisterService(ws).registerVendors() },
  );
  const items = list
    .map((x, i) => ({ k: `${x.row.reference}\u0000${x.row.id}`, id: x.row.id, reference: x.row.reference, name: x.row.name, status: x.row.status, score: reg.byActivity[i]!.score }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const toFix = items.filter((a) => a.status !== 'retired' && a.score < 100).sort((a, b) => a.score - b.score).slice(0, 5);
  return { score: reg.score, errors: reg.counts.errors, warnings: reg.counts.warnings, complete: reg.counts.complete, toFix: toFix.map(({ id, reference, name, score }) => ({ id, reference, name, score })) };
}

/**
 * Reads the dashboard's two calls share (dashboard.summary and Today), at the scale of issue 11
 * (1,000 activities next to 100,000 requests): the register's activities are parsed once per state of
 * the workspace instead of once per call. The parsed list is kept per connection with the change mark
 * of the moment it was read (total_changes + data_version, db/repositories/request-index.ts): any
 * write, by this window or another process, moves the mark and the next read parses again.
 */
import { changeMark } from '../db/repositories/request-index';
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

const PARSED = new WeakMap<object, { mark: string; value: readonly LiveActivity[] }>();

/** The live activities, in register order (listActivityRows), parsed (rowToActivity). Read-only: shared between calls. */
export async function liveActivities(ws: Workspace): Promise<readonly LiveActivity[]> {
  // The mark is read first: a write landing while the rows are read leaves an older mark, so it is re-read next time.
  const mark = await changeMark(ws.db);
  const hit = PARSED.get(ws.db);
  if (hit && hit.mark === mark) return hit.value;
  const value = (await listActivityRows(ws.db)).map((row) => ({ row, activity: { ...rowToActivity(row), id: row.id } }));
  PARSED.set(ws.db, { mark, value });
  return value;
}

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

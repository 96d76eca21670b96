/**
 * Several replicas of one workspace in one process (sync tests without a folder): each is a
 * Workspace with its own file and device; `deliver` hands one replica's new entries to another the
 * way a bundle would (with the sender's version vector).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../services/workspace';
import { allEntries, entriesOf, versionVector } from '../remote';
import type { LogEntryRow } from '../log-format';
import { HybridLogicalClock } from '../../sync/hlc';

export const PASS = 'correct horse battery';

export interface Replica {
  name: string;
  ws: Workspace;
}

export async function founder(name = 'A', now?: () => Date): Promise<Replica> {
  const dir = mkdtempSync(join(tmpdir(), `vigie-rep-${name}-`));
  const ws = await Workspace.create(join(dir, `${name}.vigie`), PASS, { actor: `DPO ${name}`, ...(now ? { now } : {}) });
  return { name, ws };
}

/** A colleague's empty workspace that receives the founder's whole log (as from a snapshot). */
export async function joiner(from: Replica, name: string, now?: () => Date): Promise<Replica> {
  const dir = mkdtempSync(join(tmpdir(), `vigie-rep-${name}-`));
  const ws = await Workspace.createJoined(join(dir, `${name}.vigie`), PASS, from.ws.workspaceId, { actor: `DPO ${name}`, ...(now ? { now } : {}) });
  await ws.applyRemote(allEntries(from.ws.raw));
  return { name, ws };
}

/**
 * A colleague whose computer's clock runs `aheadMs` fast (a day, say): its workspace's `now` and its
 * stamps both (the workspace's `now` does not reach its hybrid logical clock, so the clock is replaced).
 */
export async function joinerAhead(from: Replica, name: string, aheadMs: number): Promise<Replica> {
  const r = await joiner(from, name, () => new Date(Date.now() + aheadMs));
  Object.assign(r.ws, { clock: new HybridLogicalClock(r.ws.deviceId, () => Date.now() + aheadMs, r.ws.clock.current) });
  return r;
}

/** The entries of `from`'s own device that `to` does not hold yet, as one bundle would carry them. */
export function bundleFor(from: Replica, to: Replica): { entries: LogEntryRow[]; vector: Record<string, number> } {
  const held = versionVector(to.ws.raw)[from.ws.deviceId] ?? 0;
  return { entries: entriesOf(from.ws.raw, from.ws.deviceId, held), vector: versionVector(from.ws.raw) };
}

export async function deliver(from: Replica, to: Replica) {
  const b = bundleFor(from, to);
  return to.ws.applyRemote(b.entries, { sender: { device: from.ws.deviceId, vector: b.vector } });
}

/** Every logged table's rows (system columns but `hlc`/timestamps included), for comparing replicas. */
export function tablesOf(r: Replica, tables: readonly string[]): string {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = r.ws.raw.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2, 3`).all();
  return JSON.stringify(out);
}

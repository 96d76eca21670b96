/**
 * Erasure of one record's personal data (CLI `purge`): the columns domain/erasure.ts names are
 * replaced through the write path's purge (earlier values forgotten in the change log, the purge
 * logged with who, when and why, and carried to colleagues by sync), together with the record's
 * timeline entries and documents.
 */
import { DomainError } from '../domain/errors';
import { ERASED_WITH, erasureValues, isErasableTable, ERASABLE_TABLES, PERSONAL_COLUMNS, type ErasableTable } from '../domain/erasure';
import { TABLES } from '../db/tables';
import type { Workspace } from './workspace';

export interface ErasurePlan {
  table: ErasableTable;
  id: string;
  label: string;
  columns: readonly string[];
  /** Child records erased with it. */
  with: Array<{ table: ErasableTable; count: number }>;
}

function check(ws: Workspace, table: string, id: string): { table: ErasableTable; row: Record<string, unknown> } {
  if (typeof table !== 'string' || !isErasableTable(table)) {
    throw new DomainError('purge_unknown_table', `Records of type ${JSON.stringify(table)} cannot be erased this way; choose one of ${ERASABLE_TABLES.join(', ')}.`, { table: String(table), tables: [...ERASABLE_TABLES] });
  }
  if (typeof id !== 'string' || !/^[0-9A-Za-z_-]{1,64}$/.test(id)) throw new DomainError('invalid_input', 'A record id is 1–64 letters, digits, _ or -.');
  const row = ws.raw.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) throw new DomainError('not_found', `No ${table.replace(/_/g, ' ')} with id ${id}.`, { id });
  return { table, row };
}

function children(ws: Workspace, table: ErasableTable, id: string): Array<{ table: ErasableTable; ids: string[] }> {
  return (ERASED_WITH[table] ?? []).map((c) => ({ table: c.table, ids: (ws.raw.prepare(`SELECT id FROM "${c.table}" WHERE "${c.parentColumn}" = ? ORDER BY id`).all(id) as Array<{ id: string }>).map((r) => r.id) }));
}

/** What an erasure would change (shown before the confirmation). */
export function planErasure(ws: Workspace, table: string, id: string): ErasurePlan {
  const c = check(ws, table, id);
  let label = id;
  try {
    label = TABLES[c.table].label(c.row);
  } catch {
    /* the id */
  }
  return { table: c.table, id, label, columns: PERSONAL_COLUMNS[c.table], with: children(ws, c.table, id).map((k) => ({ table: k.table, count: k.ids.length })) };
}

export async function eraseRecord(ws: Workspace, input: { table: string; id: string; reason: string; today: string }): Promise<{ erased: Array<{ table: string; id: string; columns: string[] }> }> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) throw new DomainError('invalid_input', 'An erasure must say why (e.g. "erasure request DSAR-2026-0012"); the reason is kept in the log.');
  const { table } = check(ws, input.table, input.id);
  const mark = { on: input.today, rule: 'erasure' as const, by: ws.actor, reason };
  const erased: Array<{ table: string; id: string; columns: string[] }> = [];
  await ws.mutate(async (w) => {
    const one = async (t: ErasableTable, id: string) => {
      const row = ws.raw.prepare(`SELECT * FROM "${t}" WHERE id = ?`).get(id) as Record<string, unknown>;
      const values = erasureValues(t, row, mark);
      await w.write({ op: 'purge', table: t, id, values, reason: `erasure: ${reason}` });
      erased.push({ table: t, id, columns: Object.keys(values) });
    };
    await one(table, input.id);
    for (const c of children(ws, table, input.id)) for (const id of c.ids) await one(c.table, id);
  });
  return { erased };
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { TABLES, type DomainTable } from '../tables';

export interface TrashItem {
  table: DomainTable;
  id: string;
  label: string;
  deletedAt: string;
}

export async function listTrash(db: Kysely<DB>): Promise<TrashItem[]> {
  const out: TrashItem[] = [];
  for (const spec of Object.values(TABLES)) {
    if (!spec.trashable) continue;
    const rows = (await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(spec.name)
      .selectAll()
      .where('deleted_at', 'is not', null)
      .execute()) as Record<string, unknown>[];
    for (const r of rows) out.push({ table: spec.name, id: String(r.id), label: spec.label(r), deletedAt: String(r.deleted_at) });
  }
  return out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

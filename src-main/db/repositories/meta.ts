import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export async function getMeta(db: Kysely<DB>, key: string): Promise<string | undefined> {
  const r = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

/** Workspace metadata (device id, format version) is not domain data: it is not synced or logged. */
export async function setMeta(db: Kysely<DB>, key: string, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

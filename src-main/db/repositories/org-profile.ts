import type { Kysely } from 'kysely';
import type { OrgProfile } from '../../domain/org-profile';
import type { DB } from '../schema';

export const ORG_PROFILE_ID = 'org';

export async function readOrgProfile(db: Kysely<DB>): Promise<OrgProfile | undefined> {
  const r = await db.selectFrom('org_profile').selectAll().where('id', '=', ORG_PROFILE_ID).executeTakeFirst();
  if (!r) return undefined;
  const { id: _id, created_at: _c, updated_at: _u, deleted_at: _d, hlc: _h, ...profile } = r;
  return profile;
}

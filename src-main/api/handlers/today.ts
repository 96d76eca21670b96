import type { todayContract } from '../contracts/today';
import type { FragmentHandlers } from '../router';
import { SearchService } from '../../services/search';
import type { Session } from '../../services/session';
import { TodayService } from '../../services/today';

export function todayHandlers(session: Session): FragmentHandlers<typeof todayContract> {
  return {
    'dashboard.today': ({ urgency, limit, cursor }) => new TodayService(session.workspace).page({ ...(urgency ? { urgency } : {}), limit, ...(cursor ? { cursor } : {}) }),
    'search.query': async ({ text, limit }) => ({ items: await new SearchService(session.workspace).query(text, limit) }),
  };
}

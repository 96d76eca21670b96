import type { requestsContract } from '../contracts/requests';
import type { FragmentHandlers } from '../router';
import type { Session } from '../../services/session';

export function requestsHandlers(_session: Session): FragmentHandlers<typeof requestsContract> {
  return {};
}

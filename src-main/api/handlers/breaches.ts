import type { breachesContract } from '../contracts/breaches';
import type { FragmentHandlers } from '../router';
import type { Session } from '../../services/session';

export function breachesHandlers(_session: Session): FragmentHandlers<typeof breachesContract> {
  return {};
}

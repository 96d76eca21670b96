import type { vendorsContract } from '../contracts/vendors';
import type { FragmentHandlers } from '../router';
import type { Session } from '../../services/session';

export function vendorsHandlers(_session: Session): FragmentHandlers<typeof vendorsContract> {
  return {};
}

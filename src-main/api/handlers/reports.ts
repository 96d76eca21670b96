import type { reportsContract } from '../contracts/reports';
import type { FragmentHandlers } from '../router';
import { workspaceFigures } from '../../services/figures';
import type { Session } from '../../services/session';

/** Handlers of the reports area: the same figures as the annual report, and the exports. */
export function reportsHandlers(session: Session): FragmentHandlers<typeof reportsContract> {
  return {
    'reports.figures': ({ from, to }) => workspaceFigures(session.workspace, { from, to }),
  };
}

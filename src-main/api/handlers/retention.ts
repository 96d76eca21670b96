import type { retentionContract } from '../contracts/retention';
import type { FragmentHandlers } from '../router';
import type { Session } from '../../services/session';
import { RETENTION_REFERENCE } from '../../domain/retention/rules';
import { RetentionService } from '../../services/retention';

export function retentionHandlers(session: Session): FragmentHandlers<typeof retentionContract> {
  const svc = () => new RetentionService(session.workspace);
  return {
    'retention.rules': async () => ({ version: RETENTION_REFERENCE.version, checkedOn: RETENTION_REFERENCE.checkedOn, sources: RETENTION_REFERENCE.sources, rules: await svc().rules() }),
    'retention.setRule': ({ ruleId, period, reason }) => svc().setRule(ruleId, period, reason),
    'retention.resetRule': ({ ruleId, reason }) => svc().resetRule(ruleId, reason),
    'retention.due': (input) => svc().due(input),
    'retention.purge': ({ ids, reason }) => svc().purge(ids, reason),
    'retention.hold': ({ id, reason }) => svc().hold(id, reason),
    'retention.release': async ({ holdId, reason }) => {
      await svc().release(holdId, reason);
      return {};
    },
    'retention.schedule': (input) => svc().schedule(input),
    'retention.recordPurge': (input) => svc().recordPurge(input),
    'retention.scheduleIcs': async () => {
      const r = await svc().scheduleIcs();
      return { fileName: r.fileName, contentBase64: Buffer.from(r.text, 'utf8').toString('base64'), events: r.events };
    },
    'retention.targets': () => svc().targets(),
    'retention.setTargets': ({ defaultDays, perRight }) => svc().setTargets({ defaultDays, perRight: perRight as Record<string, number> }),
  };
}

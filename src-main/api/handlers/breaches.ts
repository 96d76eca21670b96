import type { breachesContract } from '../contracts/breaches';
import type { FragmentHandlers } from '../router';
import { BreachesService } from '../../services/breaches';
import type { JobRunner } from '../../jobs/runner';
import type { Session } from '../../services/session';

export function breachesHandlers(session: Session, jobs: JobRunner): FragmentHandlers<typeof breachesContract> {
  const svc = () => new BreachesService(session.workspace);
  return {
    'breaches.list': (q) => svc().list(q),
    'breaches.get': ({ id }) => svc().get(id),
    'breaches.create': ({ breach }) => svc().create(breach),
    'breaches.update': ({ id, breach }) => svc().update(id, breach),
    'breaches.delete': async ({ id, reason }) => {
      await svc().remove(id, reason);
      return {};
    },
    'breaches.addFile': ({ id, ...file }) => svc().addFile(id, file),
    'breaches.file': ({ id }) => svc().file(id),
    'breaches.removeFile': async ({ id, reason }) => {
      await svc().removeFile(id, reason);
      return {};
    },
    'breaches.draft': ({ id, lang }) => svc().draft(id, lang ?? 'fr'),
    'breaches.letter': ({ id, lang }) => svc().letter(id, lang),
    'breaches.publicNotice': ({ id, lang }) => svc().publicNotice(id, lang),
    // Every breach in one document: built in a worker thread (jobs/).
    'breaches.register': async ({ format, lang }) => {
      const r = await jobs.run('file', { method: 'breaches.register', format, ...(lang ? { lang } : {}) });
      return { fileName: r.fileName, contentBase64: r.contentBase64, breaches: r.breaches ?? 0 };
    },
    'breaches.summary': () => svc().summary(),
    'breaches.reference': async () => BreachesService.reference(),
  };
}

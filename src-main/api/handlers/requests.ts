import type { requestsContract } from '../contracts/requests';
import type { FragmentHandlers } from '../router';
import { RequestsService } from '../../services/requests';
import type { JobRunner } from '../../jobs/runner';
import type { Session } from '../../services/session';

export function requestsHandlers(session: Session, jobs: JobRunner): FragmentHandlers<typeof requestsContract> {
  const svc = () => new RequestsService(session.workspace);
  return {
    'requests.list': (q) => svc().list(q),
    'requests.get': ({ id, lang }) => svc().get(id, lang),
    'requests.create': ({ case: c }) => svc().create(c),
    'requests.update': ({ id, case: c }) => svc().update(id, c),
    'requests.delete': async ({ id, reason }) => {
      await svc().remove(id, reason);
      return {};
    },
    'requests.addEvent': ({ id, ...e }) => svc().addEvent(id, e),
    'requests.attachment': ({ id }) => svc().getAttachment(id),
    'requests.letter': ({ id, type, lang, draft }) => svc().generateLetter(id, type, lang, { draft }),
    'requests.summary': () => svc().summary(),
    'requests.ics': async () => {
      const r = await svc().ics();
      return { fileName: r.fileName, contentBase64: Buffer.from(r.content, 'utf8').toString('base64'), events: r.events };
    },
    // One line per case, every case: built in a worker thread (jobs/).
    'requests.exportCsv': async () => {
      const r = await jobs.run('file', { method: 'requests.exportCsv' });
      return { fileName: r.fileName, contentBase64: r.contentBase64, cases: r.cases ?? 0 };
    },
  };
}

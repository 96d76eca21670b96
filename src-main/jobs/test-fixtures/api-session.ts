/**
 * A web session in a new folder with the API router over it, as the window calls it (the jobs
 * tests): `call` answers a method's value or throws its error code and message. Closed by the
 * caller's `afterEach` through the list it is pushed to.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../api/handlers';
import { createRouter } from '../../api/router';
import { PrefsStore } from '../../services/prefs';
import { Session } from '../../services/session';

export function apiSession(prefix: string, actor: string, sessions: Session[]) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor, resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
  sessions.push(session);
  const dispatch = createRouter(createHandlers(session));
  const call = async (method: string, input: unknown) => {
    const r = (await dispatch(method as never, input as never)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    if (!r.ok) throw new Error(`${method}: ${r.error?.code} ${r.error?.message}`);
    return r.value as Record<string, unknown>;
  };
  return { dir, session, call };
}

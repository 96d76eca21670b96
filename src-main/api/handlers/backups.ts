import type { backupsContract } from '../contracts/backups';
import type { FragmentHandlers } from '../router';
import type { Session } from '../../services/session';

export function backupsHandlers(session: Session): FragmentHandlers<typeof backupsContract> {
  return {
    'backups.list': async () => session.listBackups(),
    'backups.create': async () => session.backupNow(),
    'backups.restore': ({ id, path, passphrase }) => (path !== undefined && passphrase !== undefined ? session.restoreInto(path, passphrase, id) : session.restoreBackup(id)),
  };
}

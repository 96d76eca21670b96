/**
 * Child process for open.test.ts: tries to open one workspace and prints the outcome as JSON.
 * Run as an unprivileged user when the suite runs as root (root ignores file permissions).
 * Not part of the app.
 */
import { openDatabase } from '../open';

const [path, passphrase, mode] = process.argv.slice(2);
try {
  const o = await openDatabase({ path: path!, passphrase: passphrase!, mode: mode === 'create' ? 'create' : 'open' });
  await o.db.destroy();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (e) {
  const err = e as { code?: string; message?: string };
  process.stdout.write(JSON.stringify({ ok: false, code: err.code, message: err.message }));
}

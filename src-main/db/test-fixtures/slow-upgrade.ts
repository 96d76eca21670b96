/**
 * Child process for migrate.test.ts: opens a workspace whose pending migration ends with a
 * deliberately slow statement, and announces the upgrade on stdout. The test kills it with SIGKILL
 * while that statement runs. Not part of the app.
 */
import { openDatabase } from '../open';
import { MIGRATIONS } from '../migrations';

const [path, passphrase, keep] = process.argv.slice(2);
const slow = {
  name: '9000_slow_upgrade',
  statements: [
    'CREATE TABLE slow_a (x INTEGER NOT NULL)',
    'CREATE TABLE slow_b (x INTEGER NOT NULL, pad TEXT NOT NULL)',
    `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000) INSERT INTO slow_b SELECT x, hex(randomblob(64)) FROM c`,
  ],
};
const list = [...MIGRATIONS.slice(0, Number(keep)), slow];
await openDatabase({
  path: path!,
  passphrase: passphrase!,
  mode: 'open',
  migrations: list,
  beforeUpgrade: () => {
    process.stdout.write('upgrading\n');
    return undefined;
  },
});
process.stdout.write('finished\n');

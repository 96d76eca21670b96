/** `npm run web`: serves the built renderer and the API on 127.0.0.1 and prints the URL to open. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { startWebHarness } from './web-harness';

const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } }, strict: true });
const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const harness = await startWebHarness({
  rendererDir: join(root, 'out', 'renderer'),
  dataDir: values.data ?? join(homedir(), 'Vigie', 'web-harness'),
  port: values.port ? Number(values.port) : 0,
  version: pkg.version,
});
console.log(`Vigie web harness: ${harness.url}`);
console.log(`Workspaces are kept in ${harness.session.platform.defaultDirectory}. Press Ctrl+C to stop.`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * Global setup of vitest and Playwright: every test run writes its temporary files (workspaces with synthetic
 * personal data, exports, backups) under one folder of its own, removed when the run ends. Before,
 * each run left thousands of `vigie-*` folders in the system's temporary folder.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'vigie-tests-'));
  // Like the system's temporary folder (sticky, open to all): a test runs a program as another user (open.test.ts).
  if (process.platform !== 'win32') chmodSync(root, 0o1777);
  // os.tmpdir() reads these on every call; the test processes (and the CLIs they start) inherit them.
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = root;
  return () => rmSync(root, { recursive: true, force: true });
}

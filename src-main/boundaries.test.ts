import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The import boundaries of ARCHITECTURE.md are enforced by ESLint; this proves the rules bite. */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') });
async function restricted(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: resolve(import.meta.dirname, '..', file) });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src-main/services/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only src-main\/electron/],
    ['src-main/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /Pure code/],
    ['src-main/domain/x.ts', "import { Kysely } from 'kysely';\nexport const a = Kysely;", /Domain code is pure/],
    ['src-main/api/contract.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const a = Database;", /Domain code is pure/],
    ['src-renderer/app/x.ts', "import { Workspace } from '../../src-main/services/workspace';\nexport const a = Workspace;", /only src-main\/api\/contract/],
    ['src-renderer/app/x.ts', "import { sql } from 'kysely';\nexport const a = sql;", /never touches SQLite/],
    ['src-renderer/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;", /window.vigie/],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await restricted(file, code);
    expect(messages).toEqual([expect.stringMatching(message)]);
  }, 60_000);

  it.each([
    ['src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src-renderer/app/x.ts', "import type { Method } from '../../src-main/api/contract';\nexport type A = Method;"],
    ['src-main/services/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"],
  ])('%s: allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  }, 60_000);
});

import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The import boundaries of ARCHITECTURE.md are enforced by ESLint; this proves each rule bites. */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') });
const BOUNDARY_RULES = ['no-restricted-imports', '@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];
async function restricted(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: resolve(import.meta.dirname, '..', file) });
  const fatal = r!.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`The sample does not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return r!.messages.filter((m) => BOUNDARY_RULES.includes(m.ruleId ?? '')).map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    // electron: only src-main/electron (and the composition root for `electron` itself)
    ['src-main/services/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only src-main\/electron/],
    ['src-main/db/x.ts', "import { app } from 'electron/main';\nexport const a = app;", /Electron subpaths/],
    ['src-main/index.ts', "import { app } from 'electron/main';\nexport const a = app;", /Electron subpaths/],
    ['src-main/index.ts', "export const a = await import('electron/main');", /Electron subpaths/],
    ['src-main/export/x.ts', "export const a = await import('electron');", /Only src-main\/electron/],
    ['src-main/cli/x.ts', "export const a = await import('electron/common');", /Only src-main\/electron/],
    // services: no SQLite or Kysely values (they read through repositories, write through the write path)
    ['src-main/services/x.ts', "import { sql } from 'kysely';\nexport const a = sql;", /Services read through src-main\/db\/repositories/],
    ['src-main/services/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const a = Database;", /no SQLite or Kysely values/],
    ['src-main/services/x.ts', "import { SqliteDialect } from 'kysely/dist/esm/index.js';\nexport const a = SqliteDialect;", /no SQLite or Kysely values/],
    ['src-main/services/x.ts', "export const a = await import('kysely');", /no SQLite or Kysely values/],
    ['src-main/services/x.ts', "export const a = await import('better-sqlite3-multiple-ciphers');", /no SQLite or Kysely values/],
    ['src-main/services/x.ts', "const m = 'kysely';\nexport const a = await import(m);", /computed import\(\) would bypass/],
    ['src-main/services/x.ts', 'export const a = await import(`kysely`);', /computed import\(\) would bypass/],
    ['src-main/services/x.ts', "export const a = require('kysely');", /require\(\) would bypass/],
    ['src-main/services/x.ts', "import { ipcMain } from 'electron/main';\nexport const a = ipcMain;", /Electron subpaths/],
    // domain: pure (no Node, no db, no services, api, export, sync, electron)
    ['src-main/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /Pure code/],
    ['src-main/domain/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;", /Pure code/],
    ['src-main/domain/x.ts', "import { join } from 'path';\nexport const a = join;", /Pure code/],
    ['src-main/domain/x.ts', "import { readFile } from 'fs/promises';\nexport const a = readFile;", /Pure code/],
    ['src-main/domain/x.ts', "import { Kysely } from 'kysely';\nexport const a = Kysely;", /Domain code is pure/],
    ['src-main/domain/x.ts', "import { toCsv } from '../export/csv';\nexport const a = toCsv;", /does not reach into/],
    ['src-main/domain/x.ts', "import { HybridLogicalClock } from '../sync/hlc';\nexport const a = HybridLogicalClock;", /does not reach into/],
    ['src-main/domain/x.ts', "import { contract } from '../api/contract';\nexport const a = contract;", /does not reach into/],
    ['src-main/domain/requests/x.ts', "import { write } from '../../db/write';\nexport const a = write;", /does not reach into/],
    ['src-main/domain/requests/x.ts', "import { Workspace } from '../../services/workspace';\nexport const a = Workspace;", /does not reach into/],
    ['src-main/domain/x.ts', "export const a = await import('../export/csv');", /no dynamic import/],
    ['src-main/domain/x.ts', "export const a = await import('node:fs');", /no dynamic import/],
    ['src-main/domain/x.ts', "export const a = require('fs');", /no require/],
    ['src-main/api/contract.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const a = Database;", /Domain code is pure/],
    ['src-main/api/contract.ts', "import { Workspace } from '../services/workspace';\nexport const a = Workspace;", /The contract is pure/],
    ['src-main/api/contracts/x.ts', "import { join } from 'node:path';\nexport const a = join;", /Pure code/],
    // renderer: only window.vigie, the contract and domain types; no Node
    ['src-renderer/app/x.ts', "import { Workspace } from '../../src-main/services/workspace';\nexport const a = Workspace;", /only src-main\/api\/contract/],
    ['src-renderer/app/x.ts', "import { sql } from 'kysely';\nexport const a = sql;", /never touches SQLite/],
    ['src-renderer/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;", /window.vigie/],
    ['src-renderer/app/x.ts', "import { ipcRenderer } from 'electron/renderer';\nexport const a = ipcRenderer;", /Electron subpaths/],
    ['src-renderer/app/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /no Node built-ins/],
    ['src-renderer/app/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;", /no Node built-ins/],
    ['src-renderer/app/x.ts', "import { join } from 'path';\nexport const a = join;", /no Node built-ins/],
    ['src-renderer/app/x.ts', "import { Buffer } from 'buffer';\nexport const a = Buffer;", /no Node built-ins/],
    ['src-renderer/app/x.tsx', "import { readFile } from 'fs/promises';\nexport const a = readFile;", /no Node built-ins/],
    ['src-renderer/app/x.ts', "export const a = await import('node:child_process');", /no Node built-ins/],
    ['src-renderer/app/x.ts', "export const a = await import('os');", /no Node built-ins/],
    ['src-renderer/app/x.ts', "export const a = await import('electron');", /window.vigie/],
    ['src-renderer/app/x.ts', "export const a = await import('../../src-main/db/write');", /only src-main\/api\/contract/],
    ['src-renderer/app/x.ts', "const m = '../../src-main/db/write';\nexport const a = await import(m);", /computed import\(\) would bypass/],
    ['src-renderer/app/x.ts', "export const a = require('fs');", /no require/],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await restricted(file, code);
    expect(messages).toEqual([expect.stringMatching(message)]);
  }, 60_000);

  it.each([
    ['src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src-main/electron/x.ts', "import { app } from 'electron/main';\nexport const a = app;"],
    ['src-main/index.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src-renderer/app/x.ts', "import type { Method } from '../../src-main/api/contract';\nexport type A = Method;"],
    ['src-renderer/app/x.ts', "import { RIGHTS } from '../../src-main/domain/requests/case';\nexport const a = RIGHTS;"],
    ['src-renderer/app/x.ts', "import { helper } from './path';\nexport const a = helper;"],
    ['src-renderer/app/x.tsx', "export const Page = () => import('../pages/reports/ReportsPage');"],
    ['src-main/services/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"],
    ['src-main/services/x.ts', "export const a = await import('node:fs');"],
    ['src-main/services/x.ts', "import type { Kysely, Transaction } from 'kysely';\nexport type A = Kysely<unknown> | Transaction<unknown>;"],
    ['src-main/services/x.ts', "import type Database from 'better-sqlite3-multiple-ciphers';\nexport type A = Database.Database;"],
    ['src-main/services/x.ts', "import { listVendorRows } from '../db/repositories/vendors';\nexport const a = listVendorRows;"],
    ['src-main/db/x.ts', "import { sql } from 'kysely';\nexport const a = sql;"],
    ['src-main/domain/register/x.ts', "import { z } from 'zod';\nimport { isKnownJurisdiction } from '../calendar';\nexport const a = [z, isKnownJurisdiction];"],
    ['src-main/api/contract.ts', "import { orgProfileSchema } from '../domain/org-profile';\nimport { breachesContract } from './contracts/breaches';\nexport const a = [orgProfileSchema, breachesContract];"],
  ])('%s: allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  }, 60_000);
});

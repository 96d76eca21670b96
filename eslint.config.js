// Import boundaries are enforced here, not by memory (see ARCHITECTURE.md). src-main/boundaries.test.ts
// proves that each rule below bites.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ── what each boundary refuses ──────────────────────────────────────────────
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_') && !m.startsWith('node:')).map((m) => m.split('/')[0]);
/** `node:fs`, and the bare `fs`, `path`, `fs/promises`… (a relative `./path` is not a built-in). */
const builtinRegex = `^(node:.*|(${[...new Set(NODE_BUILTINS)].join('|')})(/.*)?)$`;
const SQL = ['kysely', 'better-sqlite3-multiple-ciphers'];
const ELECTRON_ONLY = 'Only src-main/electron/** and src-main/index.ts may import electron.';
const ELECTRON_SUBPATH = 'Electron subpaths (electron/main, electron/renderer, electron/common…) are imported only in src-main/electron/**.';
const electronSubpaths = { group: ['electron/*'], message: ELECTRON_SUBPATH };
const PURE = 'Domain code is pure.';
const DOMAIN_REACH = 'Domain code does not reach into the db, services, api, export, sync or electron.';
const SERVICES_SQL = 'Services read through src-main/db/repositories/* and write through the write path: no SQLite or Kysely values here (import type is fine).';

/** esquery selectors refusing a dynamic import() of a module: the same boundary, not bypassed. */
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\//g, '\\u002F');
const dynamicImportOf = (modules, message) => ({ selector: `ImportExpression[source.value=/^(${modules.map(esc).join('|')})(\\u002F|$)/]`, message });
const computedImport = (message) => ({ selector: "ImportExpression[source.type!='Literal']", message });
const requireCall = (message) => ({ selector: "CallExpression[callee.name='require']", message });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'reports/**', 'test-results/**', 'e2e/screenshots/**', '.ci/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: ELECTRON_ONLY }], patterns: [electronSubpaths] }],
      'no-restricted-syntax': ['error', dynamicImportOf(['electron'], ELECTRON_ONLY)],
    },
  },
  {
    files: ['src-main/electron/**/*.ts', 'e2e/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // The composition root wires Electron to the services: `electron` itself, never its subpaths.
    files: ['src-main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronSubpaths] }], 'no-restricted-syntax': ['error', { selector: 'ImportExpression[source.value=/^electron\\u002F/]', message: ELECTRON_SUBPATH }] },
  },
  {
    files: ['src-main/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: ELECTRON_ONLY }, ...SQL.map((name) => ({ name, message: SERVICES_SQL, allowTypeImports: true }))],
          patterns: [electronSubpaths, { group: SQL.map((m) => `${m}/*`), message: SERVICES_SQL, allowTypeImports: true }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        dynamicImportOf(['electron'], ELECTRON_ONLY),
        dynamicImportOf(SQL, SERVICES_SQL),
        computedImport('A computed import() would bypass the import boundaries: import a literal module name.'),
        requireCall('require() would bypass the import boundaries: use import.'),
      ],
    },
  },
  {
    files: ['src-main/domain/**/*.ts', 'src-main/api/contract.ts', 'src-main/api/contracts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: PURE },
            { name: 'better-sqlite3-multiple-ciphers', message: PURE },
            { name: 'kysely', message: PURE },
            { name: 'react', message: PURE },
          ],
          patterns: [
            { regex: builtinRegex, message: 'Pure code: no Node built-ins here.' },
            electronSubpaths,
            { regex: '^(\\.\\./)+(db|services|electron|export|sync|api)(/|$)', message: DOMAIN_REACH },
            { regex: '^(\\.\\./)+src-main/', message: DOMAIN_REACH },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: 'Domain code is pure: no dynamic import().' },
        requireCall('Domain code is pure: no require().'),
      ],
    },
  },
  {
    // The contract imports domain schemas and its own fragments; only the domain rule's reach applies to it.
    files: ['src-main/api/contract.ts', 'src-main/api/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3-multiple-ciphers', 'kysely', 'react'].map((name) => ({ name, message: PURE })),
          patterns: [
            { regex: builtinRegex, message: 'Pure code: no Node built-ins here.' },
            electronSubpaths,
            { regex: '^(\\.\\./)+(db|services|electron|export|sync)(/|$)', message: 'The contract is pure: zod, domain schemas and its fragments only.' },
            { regex: '^\\.\\./(handlers|router)(/|$)', message: 'The contract is pure: zod, domain schemas and its fragments only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the main process only through window.vigie.' },
            { name: 'better-sqlite3-multiple-ciphers', message: 'The renderer never touches SQLite.' },
            { name: 'kysely', message: 'The renderer never touches SQLite.' },
          ],
          patterns: [
            { regex: builtinRegex, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
            electronSubpaths,
            {
              regex: '^(\\.\\./)+src-main/(?!api/contract$|api/contracts/|domain/)',
              message: 'The renderer may import only src-main/api/contract and domain types.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        dynamicImportOf(['electron', ...SQL], 'The renderer talks to the main process only through window.vigie.'),
        { selector: `ImportExpression[source.value=/${builtinRegex.replace(/\//g, '\\u002F')}/]`, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
        { selector: 'ImportExpression[source.value=/src-main\\u002F(?!api\\u002Fcontract$|api\\u002Fcontracts\\u002F|domain\\u002F)/]', message: 'The renderer may import only src-main/api/contract and domain types.' },
        computedImport('A computed import() would bypass the import boundaries: import a literal module name.'),
        requireCall('The renderer has no require().'),
      ],
    },
  },
);

// Import boundaries are enforced here, not by memory (see ARCHITECTURE.md).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'Pure code: no Node built-ins here.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'reports/**', 'test-results/**', 'e2e/screenshots/**', '.ci/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/** and src-main/index.ts may import electron.' }] },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-main/index.ts', 'e2e/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/domain/**/*.ts', 'src-main/api/contract.ts', 'src-main/api/contracts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Domain code is pure.' },
            { name: 'better-sqlite3-multiple-ciphers', message: 'Domain code is pure.' },
            { name: 'kysely', message: 'Domain code is pure.' },
            { name: 'react', message: 'Domain code is pure.' },
          ],
          patterns: [nodeBuiltins, { group: ['fs', 'path', 'os', 'crypto', 'child_process'], message: 'Domain code is pure.' }, { group: ['**/db/**', '**/services/**', '**/electron/**'], message: 'Domain code does not reach into the db, services or electron.' }],
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
            nodeBuiltins,
            {
              regex: '^(\\.\\./)+src-main/(?!api/contract$|api/contracts/|domain/)',
              message: 'The renderer may import only src-main/api/contract and domain types.',
            },
          ],
        },
      ],
    },
  },
);

// Lint, and the layering rule that keeps the architecture from rotting (see docs/ARCHITECTURE.md):
// src-shared imports nothing of Node, DOM or Electron; src-renderer imports only src-shared;
// src-main and src-gateway never import each other; only two files may import `electron`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const node = ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process', 'better-sqlite3'];
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          ...node,
          'electron',
          'react',
          'react-dom',
          '**/src-main/**',
          '**/src-gateway/**',
          '**/src-renderer/**',
          '**/src-preload/**',
        ],
        'src-shared is pure TypeScript: no Node, DOM, Electron or other layers.',
      ),
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [...node, 'electron', '**/src-main/**', '**/src-gateway/**', '**/src-preload/**'],
        'The renderer talks to main only through window.pos and imports only src-shared.',
      ),
    },
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/index.ts', 'src-main/host/ipc.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', '**/src-gateway/**', '**/src-renderer/**'],
        'The core never imports Electron (only index.ts and host/ipc.ts do) and talks to the gateway over HTTP.',
      ),
    },
  },
  {
    files: ['src-main/index.ts', 'src-main/host/ipc.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/src-gateway/**', '**/src-renderer/**'],
        'src-main never imports the gateway or the renderer.',
      ),
    },
  },
  {
    files: ['src-gateway/**'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', '**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
        'The gateway is a stranger to the console: it shares only src-shared.',
      ),
    },
  },
  {
    files: ['src-preload/**'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/src-main/**', '**/src-gateway/**', '**/src-renderer/**'],
        'The preload exposes only the typed bridge.',
      ),
    },
  },
  { files: ['bench/page-helpers.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

// Lint knows which runtime each folder belongs to and enforces the process boundaries of the architecture:
//   core/ models/ native/   Node only, never Electron
//   electron/main/          Electron main process; raw ipcMain only in the IPC host
//   electron/preload/       the one preload; raw ipcRenderer only here
//   renderer/               browser only; from core it may import the API contract's types, nothing else
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  name: 'electron',
  message: 'Only electron/ may import Electron: core, models, native and renderer run without it.',
};
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC belongs only in electron/main/ipc-host.ts and the preload; use the API contract.',
};
// require('electron'), createRequire(...)('electron') and import('electron') are caught too.
const dynamicElectron = [
  {
    selector: "CallExpression[arguments.0.value='electron']",
    message: 'Only electron/ may load Electron: core, models, native and renderer run without it.',
  },
  {
    selector: "ImportExpression[source.value='electron']",
    message: 'Only electron/ may load Electron: core, models, native and renderer run without it.',
  },
];
const rawIpcSyntax = [
  {
    selector: "Identifier[name='ipcMain']",
    message: 'Raw ipcMain belongs only in electron/main/ipc-host.ts; register methods in the API contract.',
  },
  {
    selector: "Identifier[name='ipcRenderer']",
    message: 'Raw ipcRenderer belongs only in the preload; the renderer uses window.bedside.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'release/**',
      'test-results/**',
      'bench/results/**',
      'test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['core/**', 'models/**', 'native/**', 'test/**', 'bench/**', 'scripts/**', 'bin/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['core/**', 'models/**', 'native/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: ['**/electron/**', '**/renderer/**'] }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax, ...dynamicElectron],
    },
  },
  {
    files: ['electron/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/renderer/**'] }],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ ...rawIpc, allowTypeImports: true }] }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax],
    },
  },
  {
    // The composition root hands the whole electron module to startApp(); it names no IPC object itself.
    files: ['electron/main/main.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['electron/main/ipc-host.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-syntax': ['error', rawIpcSyntax[1]] },
  },
  {
    files: ['electron/preload/**'],
    languageOptions: { globals: globals.browser },
    rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-syntax': ['error', rawIpcSyntax[0]] },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandboxed browser page: no Node built-ins.' },
            {
              regex: '(^|/)core/(?!api/(types|contract)(\\.js)?$)',
              message: 'The renderer may import from core only the API types (core/api/types).',
            },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)core/api/',
              allowTypeImports: true,
              message: 'The renderer imports only types from the API contract (use `import type`).',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...rawIpcSyntax, ...dynamicElectron],
    },
  },
);

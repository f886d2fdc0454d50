// Lint for every runtime in the repo, run with --max-warnings 0. Beyond the usual rules
// it enforces the folder-is-a-runtime boundaries of ARCHITECTURE.md: shared/ is plain
// TypeScript (no Node, DOM or Electron), electron/core never imports Electron, the
// renderer never imports Node, and the worker hosting the core cannot load Electron.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig } from 'eslint/config';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  paths: builtinModules.filter((name) => !name.startsWith('_')),
  message: 'Node built-ins are not available in this runtime (see ARCHITECTURE.md).',
};
const nodeScheme = { group: ['node:*'], message: nodeBuiltins.message };
const electronPackage = {
  paths: ['electron'],
  message: 'Only electron/main and electron/preload may use Electron.',
};
const electronSubpaths = { group: ['electron/*'], message: electronPackage.message };

/** no-restricted-imports options from groups of { paths | group, message }. */
function restrictImports(...rules) {
  return [
    'error',
    {
      paths: rules.flatMap((rule) =>
        (rule.paths ?? []).map((name) => ({ name, message: rule.message })),
      ),
      patterns: rules
        .filter((rule) => rule.group || rule.regex)
        .map(({ group, regex, message }) => (group ? { group, message } : { regex, message })),
    },
  ];
}

const upperLayers = {
  regex: '(^|/)(electron|renderer)/',
  message: 'shared/ is the contract: it imports nothing from the runtimes that use it.',
};
const coreUpperLayers = {
  regex: '^(\\.\\./)+(main|preload|server|cli)(/|$)|(^|/)renderer/',
  message: 'The core is the lowest layer: hosts import it, never the reverse.',
};
const rendererIntoElectron = {
  regex: '(^|/)electron/',
  message: 'The renderer talks to the app only through the typed client in renderer/src/api/.',
};

const domGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'fetch',
  'WebSocket',
];
const nodeGlobals = [
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
];
const forbidGlobals = (names, message) => ['error', ...names.map((name) => ({ name, message }))];

export default defineConfig(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.native/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'renderer/src/**/*.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
        sourceType: 'module',
      },
    },
  },
  // Runtimes and their globals.
  {
    files: ['electron/**', 'scripts/**', 'bin/**', 'build/**', 'bench/**', 'test/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
  },
  // Boundaries.
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        nodeBuiltins,
        nodeScheme,
        electronPackage,
        electronSubpaths,
        upperLayers,
      ),
      'no-restricted-globals': forbidGlobals(
        [...domGlobals, ...nodeGlobals],
        'shared/ runs everywhere: no DOM or Node globals (see ARCHITECTURE.md).',
      ),
    },
  },
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        { ...electronPackage, message: 'electron/core is plain Node: it never imports Electron.' },
        { ...electronSubpaths, message: 'electron/core is plain Node: it never imports Electron.' },
        coreUpperLayers,
      ),
    },
  },
  {
    // The worker thread hosting the core cannot load Electron.
    files: ['electron/main/core-worker*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        {
          ...electronPackage,
          message: 'Worker threads cannot load Electron; ask the main process.',
        },
        {
          ...electronSubpaths,
          message: 'Worker threads cannot load Electron; ask the main process.',
        },
      ),
    },
  },
  {
    // A sandboxed preload can require nothing but Electron.
    files: ['electron/preload/**'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restrictImports(nodeBuiltins, nodeScheme),
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        { ...nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
        { ...nodeScheme, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
        {
          ...electronPackage,
          message: 'The renderer reaches the app through window.passerelle only.',
        },
        {
          ...electronSubpaths,
          message: 'The renderer reaches the app through window.passerelle only.',
        },
        rendererIntoElectron,
      ),
    },
  },
  {
    // Specs may fake what they need.
    files: ['**/*.spec.ts', 'test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // CommonJS scripts (test fixtures that must hook require) use require by nature.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

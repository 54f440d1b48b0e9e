// One ESLint configuration for the whole repository. Each workspace runs `eslint .` from its own folder;
// ESLint looks this file up from the linted files' directories, and every pattern below is relative to the
// repository root.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = '**/*.{ts,tsx,mts,cts}';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '**/.data/',
    'backend/src/generated/',
    'frontend/test-results/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  tseslint.configs.strict,
  tseslint.configs.stylistic,

  // Every file: small files are a rule here, never disabled per file (see docs/adding-a-feature.md).
  {
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
      'no-implicit-coercion': 'error',
      'no-throw-literal': 'error',
      'no-return-assign': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-useless-concat': 'error',
      'no-console': 'off',
    },
  },

  // TypeScript everywhere.
  {
    files: [TS],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-definitions': 'off',
    },
  },

  // Type-aware rules where a tsconfig covers the files: promises must be awaited or handled explicitly
  // (a floating promise in a socket handler is a lost error).
  {
    files: [
      'backend/src/**/*.ts',
      'backend/tests/**/*.ts',
      'frontend/src/**/*.{ts,tsx}',
      'packages/*/src/**/*.ts',
      'frontend/vite.config.ts',
      'frontend/vitest.config.ts',
    ],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        // Express 5 awaits async handlers; React accepts async event handlers.
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },

  // Node: backend, tools, scripts and configuration files.
  {
    files: ['backend/**', 'tools/**', 'scripts/**', 'packages/**', '*.{js,mjs,cjs,ts}', 'frontend/*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['backend/**/*.{js,cjs}', 'tools/**/*.{js,cjs}', 'scripts/**/*.{js,cjs}', '*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['backend/**/*.{test,spec}.ts', 'backend/tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  // Tests may assert presence with `!` after checking it (noUncheckedIndexedAccess makes this common).
  {
    files: ['**/*.{test,spec}.{ts,tsx}', 'backend/tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },

  // The web app.
  {
    files: ['frontend/src/**/*.{ts,tsx,js,jsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['frontend/src/**/*.{test,spec}.{ts,tsx}', 'frontend/src/test/**'],
    languageOptions: { globals: { ...globals.node } },
  },

  // The backend logs through pino, never the console (CLIs and scripts may print).
  {
    files: ['backend/src/**/*.ts'],
    ignores: ['backend/src/**/*.cli.ts', 'backend/src/main.ts', 'backend/src/db/seed.ts'],
    rules: { 'no-console': 'error' },
  },
);

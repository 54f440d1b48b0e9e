import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/**
 * Files that replace app modules with vi.mock, or watch modules load for the first time, need a module registry of
 * their own. Every other file shares one per worker: a fresh jsdom and app import per file cost three quarters of
 * the suite's time, and src/test/setup.ts resets all app state between tests anyway.
 */
const needsOwnModules = [
  'src/app/AppLayout.test.tsx',
  'src/app/routes.test.tsx',
  'src/features/messages/Files.test.tsx',
];

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
      // `npm test` adds --coverage; a folder or file run while working (`npx vitest run <path>`) does not, so a part
      // of the suite never fails on the whole suite's floor.
      coverage: {
        provider: 'v8',
        include: ['src/**/*.{ts,tsx}'],
        exclude: ['src/test/**'],
        reporter: ['text-summary', 'html'],
        // Coverage only goes up: see "Coverage floors" in CONTRIBUTING.md.
        thresholds: { statements: 92, branches: 86, functions: 92, lines: 95 },
      },
      projects: [
        { extends: true, test: { name: 'shared', isolate: false, exclude: needsOwnModules } },
        { extends: true, test: { name: 'own-modules', include: needsOwnModules } },
      ],
    },
  }),
);

import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/**
 * Files that replace app modules with vi.mock, or watch modules load for the first time, need a module registry of
 * their own. Every other file shares one per worker: a fresh jsdom and app import per file cost three quarters of
 * the suite's time, and src/test/setup.ts resets all app state between tests anyway.
 */
const needsOwnModules = ['src/app/AppLayout.test.tsx', 'src/app/routes.test.tsx'];

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
      projects: [
        { extends: true, test: { name: 'shared', isolate: false, exclude: needsOwnModules } },
        { extends: true, test: { name: 'own-modules', include: needsOwnModules } },
      ],
    },
  }),
);

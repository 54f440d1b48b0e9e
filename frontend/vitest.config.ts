import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
      // On our 2-core CI machines a whole test file has, rarely, failed with a Vitest-internal "reading
      // 'getStatus' of undefined" before any test code ran (never reproduced locally). One retry in CI keeps such
      // a hiccup from failing the build; a real failure fails twice.
      retry: process.env.CI ? 1 : 0,
    },
  }),
);

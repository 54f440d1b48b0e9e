import { defineConfig } from 'vitest/config';

// End-to-end tests: the real `npm start` server and a real headless Chromium; no jsdom, no mocks.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});

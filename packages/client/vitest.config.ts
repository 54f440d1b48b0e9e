import { defineConfig } from 'vitest/config';

/**
 * Our workspace packages (@messenger/contract) are read from their TypeScript source, never a stale build; the rest
 * are Vite's default conditions for code that runs in Node.
 */
const conditions = ['@messenger/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'html'],
      // Coverage only goes up: see "Coverage floors" in CONTRIBUTING.md.
      thresholds: { statements: 96, branches: 100, functions: 96, lines: 97 },
    },
  },
});

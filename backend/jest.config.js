const path = require('node:path');

/**
 * The load-test CLI (tools/performance-test) has no test runner of its own: tests/performance-cli/ imports its
 * modules, so its coverage is measured here, against a floor of its own. Jest instruments only files under
 * rootDir, hence the repository root as rootDir and the backend's folders named in full.
 */
const performanceCli = path.join(__dirname, '../tools/performance-test/src/');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/backend/src', '<rootDir>/backend/tests', performanceCli],
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/backend/tsconfig.json', isolatedModules: true }] },
  testTimeout: 30_000,
  collectCoverageFrom: [
    'backend/src/**/*.ts',
    '!backend/src/generated/**',
    '!**/*.test.ts',
    'tools/performance-test/src/**/*.ts',
  ],
  coverageDirectory: '<rootDir>/backend/coverage',
  // The single-page report shows the backend and the load-test CLI as two rows, one per floor.
  coverageReporters: ['text-summary', 'html-spa'],
  // Coverage only goes up: see "Coverage floors" in CONTRIBUTING.md. `global` is the backend alone: files under a
  // path of their own count only towards that path's floor.
  coverageThreshold: {
    global: { statements: 87, branches: 79, functions: 87, lines: 89 },
    [performanceCli]: { statements: 46, branches: 47, functions: 40, lines: 45 },
  },
};

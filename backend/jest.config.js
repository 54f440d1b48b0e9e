const path = require('node:path');

/**
 * Two workspaces have no test runner of their own, and Jest measures their coverage here, each against a floor of
 * its own: the load-test CLI (tools/performance-test), whose modules tests/performance-cli/ imports, and the
 * contract (packages/contract), which the server and the tests' response checks run. Jest instruments only files
 * under rootDir, hence the repository root as rootDir and the backend's folders named in full.
 */
const performanceCli = path.join(__dirname, '../tools/performance-test/src/');
const contract = path.join(__dirname, '../packages/contract/src/');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/backend/src', '<rootDir>/backend/tests', performanceCli, contract],
  testEnvironment: 'node',
  // The workspace packages (@messenger/contract …) are loaded from their TypeScript source, compiled by ts-jest
  // like our own files: no build of them is needed to test, and none can be stale.
  testEnvironmentOptions: { customExportConditions: ['@messenger/source', 'node', 'node-addons'] },
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/backend/tsconfig.json', isolatedModules: true }] },
  setupFilesAfterEnv: ['<rootDir>/backend/tests/helpers/check-responses.setup.ts'],
  testTimeout: 30_000,
  collectCoverageFrom: [
    'backend/src/**/*.ts',
    '!backend/src/generated/**',
    '!**/*.test.ts',
    'tools/performance-test/src/**/*.ts',
    'packages/contract/src/**/*.ts',
  ],
  coverageDirectory: '<rootDir>/backend/coverage',
  // The single-page report shows the backend, the load-test CLI and the contract as rows of their own, one per floor.
  coverageReporters: ['text-summary', 'html-spa'],
  // Coverage only goes up: see "Coverage floors" in CONTRIBUTING.md. `global` is the backend alone: files under a
  // path of their own count only towards that path's floor.
  coverageThreshold: {
    global: { statements: 87, branches: 79, functions: 87, lines: 89 },
    [performanceCli]: { statements: 48, branches: 50, functions: 44, lines: 47 },
    [contract]: { statements: 99, branches: 100, functions: 94, lines: 99 },
  },
};

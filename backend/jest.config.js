/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The workspace packages (@messenger/contract …) are loaded from their TypeScript source, compiled by ts-jest
  // like our own files: no build of them is needed to test, and none can be stale.
  testEnvironmentOptions: { customExportConditions: ['@messenger/source', 'node', 'node-addons'] },
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/check-responses.setup.ts'],
  testTimeout: 30_000,
  collectCoverageFrom: ['src/**/*.ts', '!src/generated/**', '!src/**/*.test.ts'],
};

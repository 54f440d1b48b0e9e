import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, readRepoFile, ROOT } from './markdown';

/**
 * Every command in the README's shell blocks either runs in CI (the file named is where: a test, or .ci/run) or
 * says why it cannot run on a machine without Docker or Kubernetes, in which case the files it uses are validated
 * instead. A new command in the README fails here until it is placed in one of the two lists.
 */

const RUN_IN_CI: [RegExp, string][] = [
  // The browser tests start the messenger exactly this way, in a clean folder, on every run.
  [/^(npm install && )?npm start$/, 'frontend/e2e/messenger-server.ts'],
  [/^RATE_LIMIT_ENABLED=false BCRYPT_ROUNDS=4 npm start$/, 'backend/tests/performance-cli.test.ts'],
  // .ci/run is `npm ci` + `npm test`; the workspace suites are its parts.
  [/^(npm install && )?npm test$/, '.ci/run'],
  [/^cd backend && npm test$/, '.ci/run'],
  [/^cd frontend && npm test$/, '.ci/run'],
  [/^cd frontend && npm run test:e2e$/, '.ci/run'],
  // The performance CLI's smoke run (100 users, 10 msg/s) with the defaults of the plain `npm test`.
  [/^(NUM_USERS=\d+ MSG_PER_SEC=\d+ DURATION=\d+ )?npm test$/, 'backend/tests/performance-cli.test.ts'],
  [/^npm run migrate$/, 'backend/tests/startup.test.ts'],
  [/^npm run seed$/, 'backend/tests/seed.test.ts'],
  [/^npm run admin -w backend -- [\w -]+$/, 'backend/tests/admin-cli.test.ts'],
  [/^\.\/scripts\/verify-dev-setup\.sh$/, 'backend/tests/deployment/scripts.test.ts'],
  [/^\.\/scripts\/dev-env\.sh$/, 'backend/tests/deployment/compose.test.ts'],
  [/^cp \.env\.example \.env$/, 'backend/tests/deployment/env.test.ts'],
  [/^cp k8s\/secret\.example\.yaml k8s\/secret\.yaml$/, 'backend/tests/deployment/kubernetes.test.ts'],
];

const NOT_HERE: [RegExp, string][] = [
  [/^cd [\w./-]+$/, 'moves to a folder'],
  [/^npm run dev$/, 'a watcher that runs until stopped; it serves the same code the tests build'],
  [/^docker compose /, 'needs a Docker engine: the Compose files are validated by tests/deployment/compose.test.ts'],
  [/^kubectl /, 'needs a cluster: the manifests are validated by tests/deployment/kubernetes.test.ts'],
];

function readmeCommands(): string[] {
  return codeBlocks(readRepoFile('README.md'))
    .filter((block) => ['bash', 'sh', 'shell'].includes(block.lang))
    .flatMap((block) => block.body.split('\n'))
    .map((line) =>
      line
        .replace(/\s+#.*$/, '')
        .replace(/^\$\s+/, '')
        .trim(),
    )
    .filter((line) => line && !line.startsWith('#'));
}

describe("the README's commands", () => {
  const commands = readmeCommands();

  it('are found (the README has its shell blocks)', () => {
    expect(commands.length).toBeGreaterThan(20);
  });

  it.each(commands)('%s: runs in CI, or says why it cannot here', (command) => {
    const inCi = RUN_IN_CI.find(([pattern]) => pattern.test(command));
    const elsewhere = NOT_HERE.find(([pattern]) => pattern.test(command));
    expect({ command, placed: Boolean(inCi ?? elsewhere) }).toEqual({ command, placed: true });
    if (inCi)
      expect({ runBy: inCi[1], exists: existsSync(join(ROOT, inCi[1])) }).toEqual({ runBy: inCi[1], exists: true });
  });
});

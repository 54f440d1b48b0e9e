import { randomBytes } from 'node:crypto';

/**
 * Random signing secrets for every server one test file starts, in process or as a process of its own: instances
 * and restarts accept each other's tokens, and no secret is written in the repository.
 */
export const TEST_SIGNING_SECRETS = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  JWT_REFRESH_SECRET: randomBytes(32).toString('base64url'),
};

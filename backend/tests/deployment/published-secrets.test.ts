import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/env';
import { signingSecretLiterals } from '../helpers/repository-secrets';

/**
 * Issue #18: no value written in the repository ever signs tokens. Every value that an env file, Compose or
 * Kubernetes file, Markdown page or script gives JWT_SECRET or JWT_REFRESH_SECRET (an example, a placeholder, a
 * command line in the docs) is refused by the configuration check in every mode, naming the variable, so an
 * example added tomorrow cannot become a secret anyone can read.
 */
const strong = () => randomBytes(32).toString('base64url');

it('finds the example values where people copy settings from', () => {
  const files = new Set(signingSecretLiterals().map((literal) => literal.file));
  expect([...files]).toEqual(expect.arrayContaining(['backend/.env.example', 'k8s/secret.example.yaml']));
});

/** What the configuration check says about `value` as `key`, the other secret being strong. */
function verdict(NODE_ENV: string, key: string, value: string): string {
  try {
    loadConfig({ NODE_ENV, JWT_SECRET: strong(), JWT_REFRESH_SECRET: strong(), [key]: value });
    return 'accepted';
  } catch (error) {
    return (error as Error).message.includes(`\n  ${key}: `) ? 'refused, naming the variable' : String(error);
  }
}

it('refuses every signing secret written in the repository, in every mode, naming the variable', () => {
  for (const { file, key, value } of signingSecretLiterals()) {
    for (const mode of ['development', 'production']) {
      expect({ file, key, value, mode, verdict: verdict(mode, key, value) }).toEqual({
        file,
        key,
        value,
        mode,
        verdict: 'refused, naming the variable',
      });
    }
  }
});

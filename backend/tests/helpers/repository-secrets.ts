import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Where deployments and people copy settings from: env files, YAML (Compose, k8s), Markdown, shell scripts. */
const SETTINGS_FILE = /(^|\/)(\.env[^/]*|[^/]+\.(ya?ml|md|sh|conf)|Dockerfile|run)$/;
/** `JWT_SECRET=value`, `JWT_SECRET: value`, `"JWT_SECRET": "value"`, quoted or not. */
const ASSIGNMENT = /\b(JWT_(?:REFRESH_)?SECRET)\b["']?\s*[:=]\s*["']?([^\s"'`,;)}]+)/g;

export interface SecretLiteral {
  file: string;
  key: string;
  value: string;
}

/** The repository's files (tracked, or new and not ignored): a local .env or k8s/secret.yaml is not published. */
function repositoryFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed (a git checkout is needed): ${listed.stderr}`);
  return listed.stdout.split('\0').filter(Boolean);
}

/**
 * Every value the repository's settings files give JWT_SECRET or JWT_REFRESH_SECRET. References to a variable
 * (`${JWT_SECRET}`) and Compose's required marker (`${JWT_SECRET:?message}`) are not values; a Compose default
 * (`${JWT_SECRET:-value}`) is.
 */
export function signingSecretLiterals(): SecretLiteral[] {
  const found: SecretLiteral[] = [];
  for (const file of repositoryFiles().filter((path) => SETTINGS_FILE.test(path))) {
    for (const [, key, raw] of readFileSync(join(ROOT, file), 'utf8').matchAll(ASSIGNMENT)) {
      if (!key || !raw || raw.startsWith('$') || raw.startsWith('?')) continue;
      found.push({ file, key, value: raw.replace(/^-/, '') });
    }
  }
  return found;
}

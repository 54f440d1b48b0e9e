import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { dataDirOf } from './data-dir';
import { ConfigError, SIGNING_SECRET_KEYS } from './env';

const GENERATED_SECRET_BYTES = 48;
const storedSecretsSchema = z.object({ JWT_SECRET: z.string(), JWT_REFRESH_SECRET: z.string() });

export interface ResolvedSecrets {
  /** The environment with both signing secrets set, unless production (which must set them itself). */
  env: NodeJS.ProcessEnv;
  /** The file that supplied a secret the environment left unset, and whether this start created it. */
  stored?: { file: string; created: boolean };
}

/**
 * Outside production, a signing secret the environment leaves unset comes from <DATA_DIR>/secrets.json, which the
 * first start fills with random values, readable by this user only. Later starts read it again, so sessions survive
 * a restart; deleting it rotates both secrets (everyone is signed out). Production is left alone: loadConfig
 * insists on explicit secrets there, so that several instances never end up with secrets of their own.
 */
export function withStoredSecrets(source: NodeJS.ProcessEnv): ResolvedSecrets {
  if (source.NODE_ENV === 'production' || SIGNING_SECRET_KEYS.every((key) => source[key])) return { env: source };
  const file = join(dataDirOf(source.DATA_DIR), 'secrets.json');
  const created = createIfMissing(file);
  const stored = readStoredSecrets(file);
  return {
    env: {
      ...source,
      JWT_SECRET: source.JWT_SECRET || stored.JWT_SECRET,
      JWT_REFRESH_SECRET: source.JWT_REFRESH_SECRET || stored.JWT_REFRESH_SECRET,
    },
    stored: { file, created },
  };
}

/**
 * Writes fresh secrets to a private temporary file, then links it into place: the file appears complete or not at
 * all, and when two first starts race, the second link fails and both use the winner's secrets.
 */
function createIfMissing(file: string): boolean {
  if (existsSync(file)) return false;
  mkdirSync(dirname(file), { recursive: true });
  const secrets = Object.fromEntries(
    SIGNING_SECRET_KEYS.map((key) => [key, randomBytes(GENERATED_SECRET_BYTES).toString('base64url')]),
  );
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(secrets, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function readStoredSecrets(file: string): z.infer<typeof storedSecretsSchema> {
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && mode & 0o077) {
    throw new ConfigError(
      `${file} is open to other users (mode ${mode.toString(8)}), so its signing secrets may have leaked. ` +
        `Run \`chmod 600 ${file}\` to keep them, or delete the file to start with new ones (this signs everyone out).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    parsed = undefined;
  }
  const secrets = storedSecretsSchema.safeParse(parsed);
  if (!secrets.success) {
    throw new ConfigError(
      `${file} does not hold JWT_SECRET and JWT_REFRESH_SECRET: delete it to start with new ones (this signs ` +
        'everyone out), or set both variables.',
    );
  }
  return secrets.data;
}

import { join } from 'node:path';
import { config } from 'dotenv';

// backend/.env, wherever the process was started from (the repository root for `npm start`, backend/ for dev).
const ENV_FILE = join(__dirname, '..', '..', '.env');
const loaded = config({ path: ENV_FILE, quiet: true });
/** The settings backend/.env supplied (the environment wins over the file, so these are the ones it decided). */
const fromFile = new Set(Object.keys(loaded.parsed ?? {}).filter((key) => process.env[key] === loaded.parsed?.[key]));

/** The env file as the user knows it, wherever the process was started from. */
const envFileName = 'backend/.env';

/** One line for the start-up log: which file configured this process. */
export function describeEnvFile(): string {
  return loaded.error
    ? `no ${envFileName}: settings from the environment and the defaults`
    : `settings read from ${envFileName} (${fromFile.size} of them) and the environment`;
}

/** Where a setting came from, for messages that tell the user which line to change. */
export function settingSource(key: string): string {
  return fromFile.has(key) ? `from ${envFileName}` : '(set in the environment)';
}

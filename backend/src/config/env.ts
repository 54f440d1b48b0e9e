import { hostname } from 'node:os';
import { MAX_FILE_BYTES } from '@messenger/contract';
import { z } from 'zod';
import { parseDurationMs } from './duration';
import { redisClusterNodes } from './redis-nodes';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

export const SIGNING_SECRET_KEYS = ['JWT_SECRET', 'JWT_REFRESH_SECRET'] as const;
const MIN_SIGNING_SECRET_BYTES = 32;

/**
 * Signing secrets that were ever written in this repository (former defaults, examples, test values): anyone can
 * read them, so a server signing with one would accept tokens forged by anyone, in any mode. Placeholders are
 * refused by pattern. backend/tests/deployment/published-secrets.test.ts checks that every value the repository's
 * env files, YAML, Markdown and scripts give these variables is refused.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  'dev-only-access-secret-change-me',
  'dev-only-refresh-secret-change-me',
  'your-secret-key-change-in-production',
  'your-refresh-secret-key-change-in-production',
  'test-access-secret-of-enough-length',
  'authorization-matrix-access-secret',
  'test-jwt-secret-of-at-least-thirty-two-bytes',
  'test-refresh-secret-of-at-least-thirty-two-bytes',
];
const PLACEHOLDER = /change[-_ ]?me|change[-_ ]in[-_ ]production/i;
const HOW_TO_MAKE_ONE = 'e.g. `openssl rand -base64 48`';

/** Why a value must not sign tokens, or undefined when it may. */
function signingSecretProblem(value: string): string | undefined {
  if (PUBLISHED_SECRETS.includes(value) || PLACEHOLDER.test(value))
    return `is an example value published in the repository: anyone could sign tokens with it. Set a random value of its own (${HOW_TO_MAKE_ONE})`;
  if (Buffer.byteLength(value) < MIN_SIGNING_SECRET_BYTES)
    return `must be a random value of at least ${MIN_SIGNING_SECRET_BYTES} bytes (${HOW_TO_MAKE_ONE})`;
  return undefined;
}

/** Checked whenever set; an empty variable counts as unset. */
const signingSecret = z
  .string()
  .transform((value) => (value === '' ? undefined : value))
  .superRefine((value, ctx) => {
    const problem = value === undefined ? undefined : signingSecretProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .optional();

const MB = 1024 * 1024;
const MAX_PASSWORD_RESET_TTL_MS = 24 * 3_600_000;

/** The default of SHUTDOWN_TIMEOUT_MS; backend/tests/deployment/grace-periods.test.ts keeps it inside the grace periods. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;
const PRODUCTION_DRAIN_DELAY_MS = 5_000;

/** SHUTDOWN_DRAIN_DELAY_MS, or its default for the mode. */
function drainDelayMs(env: { NODE_ENV: string; SHUTDOWN_DRAIN_DELAY_MS?: number }): number {
  return env.SHUTDOWN_DRAIN_DELAY_MS ?? (env.NODE_ENV === 'production' ? PRODUCTION_DRAIN_DELAY_MS : 0);
}

const booleanString = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const duration = z.string().transform((value, ctx) => {
  const ms = parseDurationMs(value);
  if (ms === null || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration such as 15m or 7d` });
    return z.NEVER;
  }
  return ms;
});

const trustProxy = z.string().transform((value, ctx): TrustProxy => {
  const parsed = parseTrustProxy(value);
  if (parsed === undefined) {
    ctx.addIssue({
      code: 'custom',
      message:
        `"${value}" is neither a hop count (such as 1) nor a comma-separated list of proxy addresses, CIDR ranges ` +
        'and loopback / linklocal / uniquelocal (empty: trust no proxy; "true" is refused, it lets clients pick ' +
        'their address)',
    });
    return z.NEVER;
  }
  return parsed;
});

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** Names this instance in /health, to tell instances apart behind a load balancer. */
    INSTANCE_NAME: z.string().max(64).default(hostname()),
    /**
     * The proxies whose X-Forwarded-For names the client (rate limits and the sessions list key on that address):
     * exactly the hops in front of this server, no more, or a client picks its own address with the header.
     */
    TRUST_PROXY: trustProxy.default(false),
    /**
     * Apply pending migrations at start-up (concurrent starts wait on an advisory lock). Deployments with a one-shot
     * migration step (compose's `migrate`, k8s/migrate-job.yaml) turn it off, so that only that step migrates.
     */
    MIGRATE_ON_START: booleanString.default(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: optionalUrl,
    /**
     * PostgreSQL connections per instance. A send holds one for its insert; when the event loop is busy a connection
     * stays checked out until its reply is read, so a small pool queues sends long before PostgreSQL is busy.
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
    DATA_DIR: z.string().optional(),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    /** One Redis; or, instead, REDIS_CLUSTER_NODES for a Redis Cluster (never both). */
    REDIS_URL: optionalUrl,
    /** Some nodes of a Redis Cluster (`host:port,...`): every shared function then runs on the cluster. */
    REDIS_CLUSTER_NODES: redisClusterNodes,
    /** The cluster nodes' password (`requirepass`), when they have one; REDIS_URL carries its own. */
    REDIS_CLUSTER_PASSWORD: z
      .string()
      .transform((value) => (value === '' ? undefined : value))
      .optional(),

    /** Unset outside production: main.ts takes them from <DATA_DIR>/secrets.json, generated on first start. */
    JWT_SECRET: signingSecret,
    JWT_REFRESH_SECRET: signingSecret,
    JWT_ACCESS_EXPIRY: duration.default(15 * 60_000),
    JWT_REFRESH_EXPIRY: duration.default(7 * 86_400_000),
    /**
     * How long the refresh token rotated away last still answers, with the same new token: a response lost on a
     * flaky network, or two tabs refreshing at once, must not sign the user out. After it, that token is reuse.
     */
    JWT_REFRESH_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
    BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(12),
    /** How long an admin-issued password reset token works; at most 24 hours (a longer value is refused). */
    PASSWORD_RESET_TTL: duration
      .default(MAX_PASSWORD_RESET_TTL_MS)
      .refine((ms) => ms <= MAX_PASSWORD_RESET_TTL_MS, 'must be at most 24h'),
    /** How long a socket whose access token expired may take to send a fresh one before it is disconnected. */
    SOCKET_REAUTH_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
    SOCKET_MAX_BACKLOG: z.coerce.number().int().positive().default(5_000),
    /** Unsent bytes past which a socket that stopped reading is dropped (it catches up through sync; 4 MiB). */
    SOCKET_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().default(4_194_304),
    /** Sockets one user may hold open at once, per instance; the next connection is refused. */
    SOCKET_MAX_PER_USER: z.coerce.number().int().positive().default(20),

    S3_ENDPOINT: optionalUrl,
    S3_ACCESS_KEY: z.string().optional(),
    S3_SECRET_KEY: z.string().optional(),
    S3_BUCKET: z.string().default('chat-images'),
    S3_PUBLIC_URL: optionalUrl,
    AWS_REGION: z.string().default('us-east-1'),
    STORAGE_DRIVER: z.enum(['s3', 'local']).optional(),

    FRONTEND_URL: z.string().default('http://localhost:5173'),
    /** The built web app served on PORT; empty disables serving it. */
    FRONTEND_DIST: z.string().optional(),

    RATE_LIMIT_ENABLED: booleanString.default(true),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(900_000),
    RATE_LIMIT_MAX_REQUESTS: z.coerce.number().int().positive().default(1_000),
    AUTH_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(900_000),
    AUTH_RATE_LIMIT_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
    /** New accounts per IP address per hour (a whole office behind one address signs up on its first day). */
    REGISTRATION_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(100),
    CONTACT_REQUEST_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(50),
    /** Bytes of images one user may upload in 24 hours (stored sizes; 1 GiB); past it uploads answer 429. */
    UPLOAD_QUOTA_BYTES_PER_DAY: z.coerce.number().int().positive().default(1_073_741_824),
    /**
     * Megabytes of uploads this instance holds at once, across all users, while it receives and stores them; past it
     * uploads answer 503 UPLOADS_BUSY. At least one file of the largest size must fit.
     */
    UPLOAD_MEMORY_BUDGET_MB: z.coerce
      .number()
      .int()
      .min(MAX_FILE_BYTES / MB, `must be at least ${MAX_FILE_BYTES / MB}, so that a file of the largest size fits`)
      .default(256),
    /**
     * The slowest an upload may arrive: fewer bytes than this per second, averaged over an UPLOAD_RATE_WINDOW_SECONDS
     * window of its body (so also a whole window of nothing), end it with 408 UPLOAD_TOO_SLOW, which gives its share of
     * the upload budget and its user's upload slot back. 4 KiB/s is a poor mobile link (32 kbit/s).
     */
    UPLOAD_MIN_BYTES_PER_SECOND: z.coerce.number().int().positive().default(4096),
    /** The window over which UPLOAD_MIN_BYTES_PER_SECOND is averaged, in seconds: long enough to ride out a stall. */
    UPLOAD_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(300).default(20),

    /**
     * After SIGTERM, how long /ready answers 503 while everything is still served, before the sockets are closed:
     * time for load balancers to stop sending new connections. Unset: 5 s in production, 0 otherwise.
     */
    SHUTDOWN_DRAIN_DELAY_MS: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      z.coerce.number().int().min(0).max(600_000).optional(),
    ),
    /**
     * After SIGTERM, when the process is killed whatever it is doing. Keep it a few seconds inside the grace period
     * of the orchestrator (compose stop_grace_period 30s, k8s terminationGracePeriodSeconds 40).
     */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
  })
  .superRefine((env, ctx) => {
    if (env.REDIS_URL && env.REDIS_CLUSTER_NODES)
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_CLUSTER_NODES'],
        message: 'set either REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both',
      });
    if (env.REDIS_CLUSTER_PASSWORD && !env.REDIS_CLUSTER_NODES)
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_CLUSTER_PASSWORD'],
        message: 'is the password of the REDIS_CLUSTER_NODES, which are not set (REDIS_URL carries its own)',
      });
    if (drainDelayMs(env) >= env.SHUTDOWN_TIMEOUT_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['SHUTDOWN_DRAIN_DELAY_MS'],
        message: `must be shorter than SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS}), which ends the drain`,
      });
    if (env.NODE_ENV !== 'production') return;
    for (const key of SIGNING_SECRET_KEYS) {
      if (!env[key])
        ctx.addIssue({ code: 'custom', path: [key], message: `must be set in production (${HOW_TO_MAKE_ONE})` });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Every environment variable the backend reads: deployment files and .env.example are checked against it. */
export const ENV_KEYS: readonly string[] = Object.keys(envSchema.shape);

type SigningSecrets = Record<(typeof SIGNING_SECRET_KEYS)[number], string>;

export interface Config extends Omit<Env, keyof SigningSecrets | 'SHUTDOWN_DRAIN_DELAY_MS'>, SigningSecrets {
  storageDriver: 's3' | 'local';
  SHUTDOWN_DRAIN_DELAY_MS: number;
}

export class ConfigError extends Error {}

const configError = (problems: string[]) => new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);

/**
 * Reads and validates the environment; signing secrets are checked when set and required only in production. For
 * the command-line tools (migrate, seed), which sign nothing.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success)
    throw configError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return parsed.data;
}

/**
 * The server's configuration, read and validated once; the rest of the server receives the result, never
 * process.env. Both signing secrets must be there: main.ts fills in unset ones from DATA_DIR first (secrets.ts).
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = loadEnv(source);
  const { JWT_SECRET, JWT_REFRESH_SECRET } = env;
  if (!JWT_SECRET || !JWT_REFRESH_SECRET)
    throw configError(SIGNING_SECRET_KEYS.filter((key) => !env[key]).map((key) => `${key}: not set`));
  return {
    ...env,
    JWT_SECRET,
    JWT_REFRESH_SECRET,
    storageDriver: env.STORAGE_DRIVER ?? (env.S3_ENDPOINT ? 's3' : 'local'),
    SHUTDOWN_DRAIN_DELAY_MS: drainDelayMs(env),
  };
}

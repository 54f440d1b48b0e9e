/** The seed README's knobs (NUM_USERS, MSG_PER_SEC, DURATION) plus where to aim and how to name the users. */
export interface LoadConfig {
  targetUrl: string;
  users: number;
  messagesPerSecond: number;
  durationSeconds: number;
  userPrefix: string;
  password: string;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return value;
}

export function readConfig(): LoadConfig {
  const users = Math.max(2, Math.floor(positive('NUM_USERS', 100)));
  return {
    targetUrl: (process.env.TARGET_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    users: users % 2 === 0 ? users : users + 1,
    messagesPerSecond: positive('MSG_PER_SEC', 10),
    durationSeconds: positive('DURATION', 30),
    userPrefix: process.env.USER_PREFIX ?? 'perf',
    password: process.env.PERF_PASSWORD ?? 'perf-password-1',
  };
}

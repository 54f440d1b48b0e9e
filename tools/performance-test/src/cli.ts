import { isIPv4 } from 'node:net';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GROWTH_THRESHOLD_PERCENT, MIN_TREND_WINDOW_SECONDS } from './server-metrics/trend';
import { OPTIONS, type Option } from './options';

/** Everything one run needs; flags override environment variables, which override the defaults. */
export interface RunConfig {
  target: string;
  /** Where the sockets connect, user k to the (k mod n)-th: instances directly, bypassing a sticky balancer. */
  socketTargets: string[];
  /** Source addresses the sockets spread over (user k binds to the (k mod n)-th); empty: the system's choice. */
  localIps: string[];
  users: number;
  rate: number;
  duration: number;
  groups: number;
  groupSize: { min: number; max: number };
  largeGroups: number;
  largeGroupSize: number;
  groupShare: number;
  rampUp: number;
  /** Seconds between the last socket connecting and the first send. */
  settle: number;
  drain: number;
  ackTimeout: number;
  /** Seconds between two receipts:batch of one socket (per chat with --per-chat-receipts); 0 sends none. */
  receiptInterval: number;
  /** Receipts as older clients send them: one message:delivered per chat, without declaring receipts-batch. */
  perChatReceipts: boolean;
  concurrency: number;
  workers: number;
  reuse: boolean;
  world: string;
  report: string | undefined;
  /** Scrape every instance's GET /metrics during the run (memory, heap, event-loop lag, sockets). */
  serverMetrics: boolean;
  serverMetricsEvery: number;
  prefix: string;
  password: string;
}

/** A bad flag or value: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

export function helpText(): string {
  const lines = OPTIONS.map((option) => {
    const name = `${option.short ? `-${option.short}, ` : '    '}--${option.flag}${option.kind === 'boolean' ? '' : ' <v>'}`;
    return `  ${name.padEnd(28)} ${option.help}${option.env ? ` (env ${option.env})` : ''}`;
  });
  return [
    'Usage: npm test -- [options]        (or: NUM_USERS=1000 MSG_PER_SEC=50 DURATION=60 npm test)',
    '',
    'Load-tests a running 1000-Messenger: signs users in, makes contacts, direct chats and groups, connects every',
    'user over Socket.IO, sends messages on an open-loop schedule and measures delivery at every recipient.',
    '',
    'Options (flags override environment variables):',
    ...lines,
    '  -h, --help                   this text',
    '',
    'Exit codes: 0 every target met, 1 a target missed, 2 bad arguments, 3 the run could not start.',
    '',
    '--server-metrics records resident memory, heap used, event-loop lag p99 and socket connections of every',
    'instance and fits a line to RSS and heap over the second half of sending (the first is warm-up). A slope of',
    `${GROWTH_THRESHOLD_PERCENT} % of the mean per 10 minutes or more is reported as growth; below it the GC sawtooth and caches`,
    'settling dominate (at that rate memory would double in about 8 hours). A second half shorter than',
    `${MIN_TREND_WINDOW_SECONDS / 60} minutes gets its slope but no verdict. None of this changes the exit code.`,
  ].join('\n');
}

function parseValue(
  option: Option,
  raw: string,
  source: string,
): number | string | boolean | { min: number; max: number } {
  const fail = (what: string) => new UsageError(`${source} must be ${what} (got "${raw}")`);
  switch (option.kind) {
    case 'string':
      if (raw.trim() === '') throw fail('a non-empty string');
      return raw;
    case 'boolean':
      if (!['', '1', 'true', 'yes', '0', 'false', 'no'].includes(raw.toLowerCase())) throw fail('true or false');
      return ['', '1', 'true', 'yes'].includes(raw.toLowerCase());
    case 'int': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isInteger(value) || value < 0) throw fail('a whole number ≥ 0');
      return value;
    }
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw fail('a positive number');
      return value;
    }
    case 'nonNegative': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw fail('a number ≥ 0');
      return value;
    }
    case 'fraction': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw fail('a number from 0 to 1');
      return value;
    }
    case 'range': {
      const match = /^(\d+)(?:-(\d+))?$/.exec(raw.trim());
      const min = Number(match?.[1]);
      const max = Number(match?.[2] ?? match?.[1]);
      if (!match || min < 2 || max < min) throw fail('N or MIN-MAX with 2 ≤ MIN ≤ MAX');
      return { min, max };
    }
  }
}

/** Parses argv (without node and the script) and env into a RunConfig; null when --help was asked for. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): RunConfig | null {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          OPTIONS.map((option) => [
            option.flag,
            {
              type: option.kind === 'boolean' ? 'boolean' : 'string',
              ...(option.short ? { short: option.short } : {}),
            },
          ]),
        ),
      } as ParseArgsConfig['options'],
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return null;
  const read = new Map<string, unknown>();
  for (const option of OPTIONS) {
    const flag = parsed.values[option.flag];
    if (flag !== undefined) {
      read.set(option.flag, typeof flag === 'boolean' ? flag : parseValue(option, String(flag), `--${option.flag}`));
    } else if (option.env && env[option.env] !== undefined) {
      read.set(option.flag, parseValue(option, env[option.env] ?? '', option.env));
    }
  }
  return withDefaults(read);
}

function withDefaults(read: Map<string, unknown>): RunConfig {
  const get = <T>(flag: string, fallback: T): T => (read.has(flag) ? (read.get(flag) as T) : fallback);
  const users = get('users', 100);
  if (users < 2) throw new UsageError(`--users must be at least 2 (got ${users})`);
  const groupSize = get('group-size', { min: 5, max: 50 });
  if (groupSize.max > 300) throw new UsageError(`--group-size must be at most 300 (the server's cap)`);
  const largeGroupSize = get('large-group-size', Math.min(300, users));
  if (largeGroupSize > 300) throw new UsageError(`--large-group-size must be at most 300 (the server's cap)`);
  const workers = get('workers', 1);
  if (workers < 1) throw new UsageError('--workers must be at least 1');
  const concurrency = get('concurrency', 16);
  if (concurrency < 1) throw new UsageError('--concurrency must be at least 1');
  const target = get('target', 'http://localhost:3000');
  if (!/^https?:\/\/[^/]+/.test(target)) throw new UsageError(`--target must be an http(s) URL (got "${target}")`);
  const socketTargets = get('socket-targets', target)
    .split(',')
    .map((url) => url.trim().replace(/\/+$/, ''));
  const badSocketTarget = socketTargets.find((url) => !/^https?:\/\/[^/]+/.test(url));
  if (badSocketTarget !== undefined) {
    throw new UsageError(`--socket-targets must be http(s) URLs separated by commas (got "${badSocketTarget}")`);
  }
  return {
    target: target.replace(/\/+$/, ''),
    socketTargets,
    localIps: read.has('local-ips') ? parseAddressList(get('local-ips', '')) : [],
    users,
    rate: get('rate', 10),
    duration: get('duration', 30),
    groups: get('groups', Math.floor(users / 10)),
    groupSize: { min: Math.min(groupSize.min, users), max: Math.min(groupSize.max, users, 300) },
    largeGroups: get('large-groups', users >= 300 ? 1 : 0),
    largeGroupSize: Math.max(2, Math.min(largeGroupSize, users)),
    groupShare: get('group-share', 0.3),
    rampUp: get('ramp-up', users / 100),
    settle: get('settle', 0),
    drain: get('drain', 10),
    ackTimeout: get('ack-timeout', 10),
    receiptInterval: get('receipt-interval', 1),
    perChatReceipts: get('per-chat-receipts', false),
    concurrency,
    workers,
    reuse: get('reuse', false),
    world: get('world', '.perf-world.json'),
    report: get<string | undefined>('report', undefined),
    serverMetrics: get('server-metrics', read.has('server-metrics-every')),
    serverMetricsEvery: get('server-metrics-every', 10),
    prefix: get('prefix', 'perf'),
    password: get('password', 'perf-password-1'),
  };
}

/**
 * "10.0.0.1,10.0.0.5" or "127.0.0.1-127.0.0.8" (a range within one /24, as k6's --local-ips takes it): client
 * addresses to connect from, so that a balancer hashing by client address spreads the sockets as it would
 * spread many client machines.
 */
export function parseAddressList(raw: string): string[] {
  return raw.split(',').flatMap((part) => {
    const [from = '', to, ...rest] = part.split('-').map((address) => address.trim());
    const fail = new UsageError(
      `--local-ips must be IPv4 addresses or ranges A-B within one /24, by commas (got "${part}")`,
    );
    if (!isIPv4(from) || rest.length > 0) throw fail;
    if (to === undefined) return [from];
    const network = (address: string) => address.slice(0, address.lastIndexOf('.'));
    const host = (address: string) => Number(address.slice(address.lastIndexOf('.') + 1));
    if (!isIPv4(to) || network(to) !== network(from) || host(to) < host(from)) throw fail;
    return Array.from({ length: host(to) - host(from) + 1 }, (_, i) => `${network(from)}.${host(from) + i}`);
  });
}

import { randomUUID } from 'node:crypto';
import type { build } from 'hdr-histogram-js';
import sharp from 'sharp';

type Histogram = ReturnType<typeof build>;

/** Runs `run` and records its duration in microseconds into every histogram given. */
export async function timed<T>(run: () => Promise<T>, ...histograms: Histogram[]): Promise<T> {
  const begin = process.hrtime.bigint();
  const result = await run();
  const micros = Number((process.hrtime.bigint() - begin) / 1000n);
  for (const histogram of histograms) histogram.recordValue(micros);
  return result;
}

/**
 * The environment of a backend process a benchmark starts over a test database (already migrated): production
 * mode, no rate limits (the load comes from one address), warnings only unless LOG_LEVEL says otherwise.
 */
export function benchmarkBackendEnv(databaseUrl: string, redisUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    MIGRATE_ON_START: 'false',
  };
}

/** Runs a benchmark's main function; a failure prints and exits non-zero. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/** A photo-like JPEG (grey with gaussian noise, which compresses about as badly as a real photo). */
export function photoLikeJpeg(options: { width: number; height: number; sigma: number; quality: number }) {
  const { width, height, sigma, quality } = options;
  return sharp({
    create: { width, height, channels: 3, background: 'gray', noise: { type: 'gaussian', mean: 128, sigma } },
  }).jpeg({ quality });
}

/** A `message:new` payload of the size the server sends for a one-line text message. */
export function messagePayload(seq: number) {
  return {
    chatId: randomUUID(),
    message: {
      id: randomUUID(),
      chatId: randomUUID(),
      seq,
      clientMsgId: randomUUID(),
      sender: { id: randomUUID(), username: 'member42', displayName: 'Member Forty-Two', avatarUrl: null },
      content: 'See you at the stand-up tomorrow, I will bring the numbers from the load test.',
      type: 'text',
      attachments: [],
      replyTo: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
    },
  };
}

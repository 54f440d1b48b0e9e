import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON lines to stdout, or to `destination` (tests read what would have been logged). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'messenger-backend' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        remove: true,
      },
    },
    destination,
  );
}

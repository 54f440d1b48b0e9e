import pino, { type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { streamDestination, type LogDestination } from './log-destination';

export type { Logger };

/**
 * On a terminal, readable lines: the message alone for progress (info and below), `WARN: …`/`ERROR: …` otherwise,
 * with any fields on the same line. pino-pretty is a development dependency, so a production install (and any
 * process whose stdout is not a terminal: containers, log collectors, tests) keeps JSON lines.
 */
function terminalStream(): DestinationStream | undefined {
  if (!process.stdout.isTTY) return undefined;
  let pretty: typeof PinoPretty;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional at run time, so not a static import
    pretty = require('pino-pretty') as typeof pretty;
  } catch {
    return undefined;
  }
  return pretty({
    sync: true,
    singleLine: true,
    ignore: 'pid,hostname,service,time,level',
    messageFormat: (log, messageKey, levelLabel) => {
      const message = String(log[messageKey] ?? '');
      return Number(log.level) >= 40 ? `${levelLabel.toUpperCase()}: ${message}` : message;
    },
  });
}

/** stdout's destination, shared by every logger of the process (created when the first one needs it). */
let stdout: LogDestination | undefined;

/**
 * JSON lines to stdout (readable lines on a terminal), or to `destination` (tests read what would have been logged).
 * Never blocks on a log reader that stopped reading (see streamDestination).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const pretty = destination ? undefined : terminalStream();
  const toStdout = destination || pretty ? undefined : (stdout ??= streamDestination(process.stdout));
  const logger = pino(
    {
      level,
      base: { service: 'messenger-backend' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        remove: true,
      },
    },
    destination ?? pretty ?? toStdout,
  );
  toStdout?.onResumed((dropped) => logger.warn({ dropped }, `${dropped} log lines dropped: stdout was not read`));
  return logger;
}

/** Before exiting: lets the lines queued for stdout go out, waiting at most `timeoutMs` for a slow reader. */
export function flushLogs(timeoutMs: number): Promise<void> {
  return stdout?.flush(timeoutMs) ?? Promise.resolve();
}

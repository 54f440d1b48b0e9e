import type { Writable } from 'node:stream';

/** Log bytes queued for a reader that has stopped reading, past which new lines are dropped (8 MiB). */
export const MAX_QUEUED_LOG_BYTES = 8 * 1024 * 1024;

export interface LogDestination {
  write(line: string): void;
  /** Called with the number of lines dropped, once lines are accepted again (to log that they are missing). */
  onResumed(report: (dropped: number) => void): void;
  /** Resolves once everything queued is written, the stream failed, or `timeoutMs` passed, whichever comes first. */
  flush(timeoutMs: number): Promise<void>;
}

/**
 * Log lines written through a stream without ever blocking the process.
 *
 * pino's own destination (sonic-boom) writes synchronously to fd 1, and retries a write that failed with EAGAIN by
 * sleeping in Atomics.wait, without limit. Node makes a piped stdout non-blocking, so once the log reader stops
 * reading and the pipe is full every write fails with EAGAIN: the process then sleeps forever in a futex, at 0 % CPU,
 * in the middle of a request or in the flush pino runs at exit, and no timer of the event loop can end it. Here the
 * lines go through `process.stdout` instead, which queues what the pipe cannot take yet; the queue is capped, so a
 * reader that is gone costs at most `maxQueuedBytes` of memory, and the lines dropped past it are counted and
 * reported once lines fit again. A reader that closed its end (EPIPE) ends logging instead of crashing the server.
 */
export function streamDestination(
  stream: Writable = process.stdout,
  maxQueuedBytes = MAX_QUEUED_LOG_BYTES,
): LogDestination {
  let failed = false;
  let dropped = 0;
  let report: (dropped: number) => void = () => undefined;
  stream.on('error', () => {
    failed = true;
  });
  return {
    write(line) {
      if (failed) return;
      if (stream.writableLength >= maxQueuedBytes) {
        dropped += 1;
        return;
      }
      if (dropped > 0) {
        const count = dropped;
        // Reset before reporting: the report is itself a log line, written through here.
        dropped = 0;
        report(count);
      }
      stream.write(line);
    },
    onResumed(callback) {
      report = callback;
    },
    flush(timeoutMs) {
      // Polled: 'drain' is only emitted after a write that found the queue past the stream's high-water mark.
      const deadline = Date.now() + timeoutMs;
      return new Promise((resolve) => {
        const check = () => {
          if (failed || stream.writableLength === 0 || Date.now() >= deadline) resolve();
          else setTimeout(check, 10);
        };
        check();
      });
    },
  };
}

import type { IncomingMessage } from 'node:http';
import { AppError } from '../../lib/errors';

/**
 * The slowest an upload may arrive (UPLOAD_MIN_BYTES_PER_SECOND, UPLOAD_RATE_WINDOW_SECONDS): at least
 * `minBytesPerSecond` on average over each `windowSeconds` of its body, so also never a whole window of nothing.
 */
export interface UploadPace {
  minBytesPerSecond: number;
  windowSeconds: number;
}

export const uploadTooSlow = ({ minBytesPerSecond, windowSeconds }: UploadPace) =>
  new AppError(
    408,
    'UPLOAD_TOO_SLOW',
    `The upload arrived slower than ${minBytesPerSecond} bytes per second over ${windowSeconds} s; ` +
      'nothing was stored, please send it again',
  );

/**
 * Calls `tooSlow` when a window of the request's body ends with fewer bytes than the pace asks for (counted from
 * when watching begins; a body that has arrived whole is never too slow). An upload holds its share of the upload
 * budget and one of its user's uploads under way until it ends: without a floor, a client that declares 25 MB and
 * sends a byte a second would hold them until Node's request timeout (5 minutes). Sustained rates are what count,
 * not single reads, so a client cannot keep an upload alive with a byte now and then as it could against an idle
 * timeout. Answers the function that stops watching.
 */
export function watchPace(req: IncomingMessage, pace: UploadPace, tooSlow: () => void): () => void {
  const minBytesPerWindow = pace.minBytesPerSecond * pace.windowSeconds;
  let receivedInWindow = 0;
  const count = (chunk: Buffer) => {
    receivedInWindow += chunk.length;
  };
  req.on('data', count);
  const timer = setInterval(() => {
    if (receivedInWindow < minBytesPerWindow && !req.complete) tooSlow();
    receivedInWindow = 0;
  }, pace.windowSeconds * 1000);
  return () => {
    clearInterval(timer);
    req.off('data', count);
  };
}

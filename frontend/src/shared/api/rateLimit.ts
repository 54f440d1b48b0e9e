/**
 * Reading the `Retry-After` header of a 429 answer. The server sends whole seconds; the HTTP standard also
 * allows a date, which a proxy in front of a self-hosted instance might send instead.
 */
export function parseRetryAfter(header: unknown, now: Date = new Date()): number | null {
  if (typeof header !== 'string' || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "Too many attempts. Try again in 15 minutes." Under a minute in seconds, otherwise in whole minutes (rounded up). */
export function tooManyAttemptsMessage(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null) return 'Too many attempts. Try again later.';
  const wait =
    retryAfterSeconds < 60
      ? plural(Math.max(1, retryAfterSeconds), 'second')
      : plural(Math.ceil(retryAfterSeconds / 60), 'minute');
  return `Too many attempts. Try again in ${wait}.`;
}

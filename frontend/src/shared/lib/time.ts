const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Largest unit first: the first one that fits at least once is used.
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

// English like the rest of the interface; `numeric: 'auto'` says "yesterday" rather than "1 day ago".
const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago"; a future time (clock skew) reads as "just now". */
export function formatRelativeTime(time: string | Date, now: Date = new Date()): string {
  const elapsed = now.getTime() - new Date(time).getTime();
  if (Number.isNaN(elapsed) || elapsed < MINUTE) return 'just now';
  for (const [unit, size] of units) {
    if (elapsed >= size) return format.format(-Math.floor(elapsed / size), unit);
  }
  return 'just now';
}

import {
  differenceInDays,
  differenceInMinutes,
  format,
  formatDistanceStrict,
  isSameDay,
  isSameYear,
  isValid,
  subDays,
} from 'date-fns';

/**
 * Every date and time the interface shows, in the reader's time zone. English like the rest of the interface, so
 * the patterns are fixed rather than taken from the browser's locale.
 */

type Time = string | Date;

const toDate = (time: Time) => new Date(time);

/** "just now", "5 minutes ago", "yesterday", "3 months ago"; a future time (clock skew) reads as "just now". */
export function formatRelativeTime(time: Time, now: Date = new Date()): string {
  const date = toDate(time);
  if (!isValid(date) || differenceInMinutes(now, date) < 1) return 'just now';
  if (differenceInDays(now, date) === 1) return 'yesterday';
  return formatDistanceStrict(date, now, { addSuffix: true, roundingMethod: 'floor' });
}

/** Short enough for the chat list: "now", "5 min", "14:05" today, "yesterday", "Mon" this week, then a date. */
export function formatListTime(time: Time, now: Date = new Date()): string {
  const date = toDate(time);
  const minutes = differenceInMinutes(now, date);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes} min`;
  if (isSameDay(date, now)) return formatClockTime(date);
  if (isSameDay(date, subDays(now, 1))) return 'yesterday';
  if (date > subDays(now, 7)) return format(date, 'EEE');
  return format(date, isSameYear(date, now) ? 'd MMM' : 'd MMM yyyy');
}

/** "14:05". */
export function formatClockTime(time: Time): string {
  return format(toDate(time), 'HH:mm');
}

/** "Monday, 23 November 2026, 14:05": the full moment, for a hover title. */
export function formatExactTime(time: Time): string {
  return format(toDate(time), 'EEEE, d MMMM yyyy, HH:mm');
}

/** "23 Nov 2026, 14:05": the full moment, short enough for a table cell. */
export function formatShortDateTime(time: Time): string {
  return format(toDate(time), 'd MMM yyyy, HH:mm');
}

/** "Today", "Yesterday" or "Monday, 23 November 2026". */
export function formatDayLabel(time: Time, now: Date = new Date()): string {
  const date = toDate(time);
  if (isSameDay(date, now)) return 'Today';
  if (isSameDay(date, subDays(now, 1))) return 'Yesterday';
  return format(date, 'EEEE, d MMMM yyyy');
}

/** The local calendar day, "2026-11-23": two times with the same key fall on the same day. */
export function dayKey(time: Time): string {
  return format(toDate(time), 'yyyy-MM-dd');
}

import { describe, expect, it } from 'vitest';
import {
  dayKey,
  formatDayLabel,
  formatExactTime,
  formatListTime,
  formatRelativeTime,
  formatShortDateTime,
} from './time';

// Local times (no zone suffix): what the reader sees depends on their own calendar.
const now = new Date('2026-11-25T12:00:00');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const hours = (count: number) => count * 60;
const days = (count: number) => count * 60 * 24;

describe('formatRelativeTime', () => {
  it('calls the last minute "just now", including times slightly in the future', () => {
    expect(formatRelativeTime(ago(0), now)).toBe('just now');
    expect(formatRelativeTime(ago(0.9), now)).toBe('just now');
    expect(formatRelativeTime(ago(-0.1), now)).toBe('just now');
  });

  it('counts whole units, rounding down', () => {
    expect(formatRelativeTime(ago(1), now)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(59), now)).toBe('59 minutes ago');
    expect(formatRelativeTime(ago(90), now)).toBe('1 hour ago');
    expect(formatRelativeTime(ago(hours(5)), now)).toBe('5 hours ago');
  });

  it('says "yesterday" for the day before and larger units further back', () => {
    expect(formatRelativeTime(ago(days(1)), now)).toBe('yesterday');
    expect(formatRelativeTime(ago(days(3)), now)).toBe('3 days ago');
    expect(formatRelativeTime(ago(days(65)), now)).toBe('2 months ago');
    expect(formatRelativeTime(ago(days(400)), now)).toBe('1 year ago');
  });

  it('accepts an ISO string and says "just now" for an unreadable time', () => {
    expect(formatRelativeTime(ago(2).toISOString(), now)).toBe('2 minutes ago');
    expect(formatRelativeTime('not a date', now)).toBe('just now');
  });
});

describe('formatListTime', () => {
  it('keeps recent times short and older ones as dates', () => {
    expect(formatListTime(ago(0.5), now)).toBe('now');
    expect(formatListTime(ago(5), now)).toBe('5 min');
    expect(formatListTime(new Date('2026-11-25T08:05:00'), now)).toBe('08:05');
    expect(formatListTime(new Date('2026-11-24T23:59:00'), now)).toBe('yesterday');
    expect(formatListTime(new Date('2026-11-21T10:00:00'), now)).toBe('Sat');
    expect(formatListTime(new Date('2026-03-02T10:00:00'), now)).toBe('2 Mar');
    expect(formatListTime(new Date('2025-03-02T10:00:00'), now)).toBe('2 Mar 2025');
  });
});

describe('days and exact times', () => {
  it('names today, yesterday, and other days by their full date', () => {
    expect(formatDayLabel(new Date('2026-11-25T00:01:00'), now)).toBe('Today');
    expect(formatDayLabel(new Date('2026-11-24T23:59:00'), now)).toBe('Yesterday');
    expect(formatDayLabel(new Date('2026-11-23T10:00:00'), now)).toBe('Monday, 23 November 2026');
  });

  it('gives the full moment and tells days apart by the local calendar', () => {
    expect(formatExactTime(new Date('2026-11-23T14:05:00'))).toBe('Monday, 23 November 2026, 14:05');
    expect(formatShortDateTime(new Date('2026-11-23T14:05:00'))).toBe('23 Nov 2026, 14:05');
    expect(dayKey(new Date('2026-11-23T00:00:00'))).toBe(dayKey(new Date('2026-11-23T23:59:00')));
    expect(dayKey(new Date('2026-11-23T23:59:00'))).not.toBe(dayKey(new Date('2026-11-24T00:00:00')));
  });
});

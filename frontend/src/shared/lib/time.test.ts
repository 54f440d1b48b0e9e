import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relativeTime';

const now = new Date('2025-03-10T12:00:00Z');
const ago = (milliseconds: number) => new Date(now.getTime() - milliseconds).toISOString();
const minutes = (count: number) => count * 60_000;

describe('formatRelativeTime', () => {
  it('calls the last minute "just now", including times slightly in the future', () => {
    expect(formatRelativeTime(ago(0), now)).toBe('just now');
    expect(formatRelativeTime(ago(59_000), now)).toBe('just now');
    expect(formatRelativeTime(ago(-5_000), now)).toBe('just now');
  });

  it('counts whole units, rounding down', () => {
    expect(formatRelativeTime(ago(minutes(1)), now)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(minutes(59)), now)).toBe('59 minutes ago');
    expect(formatRelativeTime(ago(minutes(90)), now)).toBe('1 hour ago');
    expect(formatRelativeTime(ago(minutes(60 * 5)), now)).toBe('5 hours ago');
  });

  it('uses words for the day before and larger units further back', () => {
    expect(formatRelativeTime(ago(minutes(60 * 24)), now)).toBe('yesterday');
    expect(formatRelativeTime(ago(minutes(60 * 24 * 3)), now)).toBe('3 days ago');
    expect(formatRelativeTime(ago(minutes(60 * 24 * 14)), now)).toBe('2 weeks ago');
    expect(formatRelativeTime(ago(minutes(60 * 24 * 65)), now)).toBe('2 months ago');
    expect(formatRelativeTime(ago(minutes(60 * 24 * 400)), now)).toBe('last year');
  });

  it('accepts a Date and says "just now" for an unreadable time', () => {
    expect(formatRelativeTime(new Date(now.getTime() - minutes(2)), now)).toBe('2 minutes ago');
    expect(formatRelativeTime('not a date', now)).toBe('just now');
  });
});

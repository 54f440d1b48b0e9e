import { describe, expect, it } from 'vitest';
import { parseRetryAfter, tooManyAttemptsMessage } from './rateLimit';

describe('Retry-After', () => {
  const now = new Date('2025-01-01T12:00:00Z');

  it('reads seconds, or a date relative to now', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('gives up on a missing or unreadable header', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('tooManyAttemptsMessage', () => {
  it('says seconds under a minute and whole minutes, rounded up, from there', () => {
    expect(tooManyAttemptsMessage(1)).toBe('Too many attempts. Try again in 1 second.');
    expect(tooManyAttemptsMessage(45)).toBe('Too many attempts. Try again in 45 seconds.');
    expect(tooManyAttemptsMessage(60)).toBe('Too many attempts. Try again in 1 minute.');
    expect(tooManyAttemptsMessage(61)).toBe('Too many attempts. Try again in 2 minutes.');
    expect(tooManyAttemptsMessage(900)).toBe('Too many attempts. Try again in 15 minutes.');
  });

  it('never promises "0 seconds", and says "later" without a header', () => {
    expect(tooManyAttemptsMessage(0)).toBe('Too many attempts. Try again in 1 second.');
    expect(tooManyAttemptsMessage(null)).toBe('Too many attempts. Try again later.');
  });
});

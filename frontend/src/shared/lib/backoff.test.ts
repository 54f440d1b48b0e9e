import { expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

it('doubles the pause from one second and never waits more than 30 seconds', () => {
  const longest = Array.from({ length: 10 }, (_, attempt) => backoffDelayMs(attempt, undefined, () => 1));
  expect(longest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000]);
});

it('spreads each pause over its upper half, so that clients failed together retry apart', () => {
  expect(backoffDelayMs(3, undefined, () => 0)).toBe(4_000);
  expect(backoffDelayMs(3, undefined, () => 0.5)).toBe(6_000);
  expect(backoffDelayMs(20, undefined, () => 0)).toBe(15_000);
});

import { describe, expect, it } from 'vitest';
import { formatFileSize } from './fileSize';

describe('formatFileSize', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1 KB'],
    [2_500, '2.4 KB'],
    [150_000, '146 KB'],
    [2.44 * 1024 * 1024, '2.4 MB'],
    [25 * 1024 * 1024, '25 MB'],
    [3 * 1024 ** 4, '3072 GB'],
  ])('shows %d bytes as %s', (bytes, shown) => {
    expect(formatFileSize(bytes)).toBe(shown);
  });
});

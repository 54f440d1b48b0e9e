import { describe, expect, it } from 'vitest';
import { trimToFirstMatch } from './HighlightedText';

describe('trimToFirstMatch', () => {
  it('starts a long message shortly before its first match', () => {
    const segments = [
      { text: 'a'.repeat(100), match: false },
      { text: 'b'.repeat(30), match: false },
      { text: 'café', match: true },
      { text: ' after', match: false },
    ];

    expect(trimToFirstMatch(segments)).toEqual([
      { text: '…', match: false },
      { text: 'a'.repeat(30), match: false },
      { text: 'b'.repeat(30), match: false },
      { text: 'café', match: true },
      { text: ' after', match: false },
    ]);
  });

  it('leaves a short lead, and a message without matches, as they are', () => {
    const short = [
      { text: 'Lunch at the ', match: false },
      { text: 'café', match: true },
    ];
    const unmatched = [{ text: 'x'.repeat(500), match: false }];

    expect(trimToFirstMatch(short)).toBe(short);
    expect(trimToFirstMatch(unmatched)).toBe(unmatched);
  });
});

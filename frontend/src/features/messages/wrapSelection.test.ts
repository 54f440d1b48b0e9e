import { describe, expect, it } from 'vitest';
import { wrapSelection } from './wrapSelection';

describe('wrapSelection', () => {
  it('wraps the selected word and keeps it selected', () => {
    expect(wrapSelection({ text: 'say hello now', start: 4, end: 9 }, '**')).toEqual({
      text: 'say **hello** now',
      start: 6,
      end: 11,
    });
  });

  it('leaves spaces at the edges of the selection outside the markers', () => {
    expect(wrapSelection({ text: 'say hello now', start: 3, end: 10 }, '_').text).toBe('say _hello_ now');
  });

  it('puts an empty pair at the caret with the caret inside', () => {
    expect(wrapSelection({ text: 'ab', start: 1, end: 1 }, '_')).toEqual({ text: 'a__b', start: 2, end: 2 });
  });
});

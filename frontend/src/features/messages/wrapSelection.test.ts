import { describe, expect, it } from 'vitest';
import { applyFormat, wrapSelection } from './wrapSelection';

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

describe('applyFormat', () => {
  it('makes bold and italic as wrapSelection does', () => {
    expect(applyFormat({ text: 'a b', start: 2, end: 3 }, 'bold').text).toBe('a **b**');
    expect(applyFormat({ text: 'a b', start: 2, end: 3 }, 'italic').text).toBe('a _b_');
  });

  it('wraps a selection within one line in backticks, more of them than any run inside it', () => {
    expect(applyFormat({ text: 'run npm start now', start: 4, end: 13 }, 'code')).toEqual({
      text: 'run `npm start` now',
      start: 5,
      end: 14,
    });
    expect(applyFormat({ text: 'use a``b', start: 4, end: 8 }, 'code').text).toBe('use ```a``b```');
    expect(applyFormat({ text: '`x`', start: 0, end: 3 }, 'code')).toEqual({ text: '`` `x` ``', start: 3, end: 6 });
  });

  it('fences a selection of several lines as a code block, the fences on lines of their own', () => {
    const text = 'see: const a = 1;\nconst b = 2; ok';
    const fenced = applyFormat({ text, start: 5, end: 30 }, 'code');

    expect(fenced.text).toBe('see: \n```\nconst a = 1;\nconst b = 2;\n```\n ok');
    expect(fenced.text.slice(fenced.start, fenced.end)).toBe('const a = 1;\nconst b = 2;');
  });

  it('quotes every line the selection touches, and keeps them selected', () => {
    const text = 'intro\nfirst line\nsecond line\nend';
    const quoted = applyFormat({ text, start: 9, end: 20 }, 'quote');

    expect(quoted.text).toBe('intro\n> first line\n> second line\nend');
    expect(quoted.text.slice(quoted.start, quoted.end)).toBe('> first line\n> second line');
  });

  it('quotes the line of the caret, the caret staying where it was in the text', () => {
    expect(applyFormat({ text: 'one\ntwo', start: 5, end: 5 }, 'quote')).toEqual({
      text: 'one\n> two',
      start: 7,
      end: 7,
    });
    expect(applyFormat({ text: 'one\n', start: 0, end: 4 }, 'quote').text).toBe('> one\n');
  });
});

import { highlight, searchedWords } from './highlight';

describe('searchedWords', () => {
  it('keeps plain and quoted words, folds accents and case, drops negated words and "or"', () => {
    expect(searchedWords('Café "Exact Phrase" -secret or Déjà')).toEqual(['cafe', 'exact', 'phrase', 'deja']);
    expect(searchedWords('-"not this" that')).toEqual(['that']);
  });
});

describe('highlight', () => {
  it('marks whole words, accent- and case-insensitively, and prefixes of the last word', () => {
    expect(highlight('Meet at the CAFÉ, cafeteria closed', ['cafe'], null)).toEqual([
      { text: 'Meet at the ', match: false },
      { text: 'CAFÉ', match: true },
      { text: ', cafeteria closed', match: false },
    ]);
    expect(
      highlight('deployment deploys', [], 'deploy')
        .filter((s) => s.match)
        .map((s) => s.text),
    ).toEqual(['deployment', 'deploys']);
  });

  it('cuts a long message to the part around the first match, with ellipses', () => {
    const content = `${'lorem '.repeat(100)}needle${' ipsum'.repeat(100)}`;
    const segments = highlight(content, ['needle'], null);
    expect(segments[0]).toEqual({ text: '…', match: false });
    expect(segments.at(-1)).toEqual({ text: '…', match: false });
    expect(segments.filter((segment) => segment.match)).toEqual([{ text: 'needle', match: true }]);
    expect(segments.map((segment) => segment.text).join('').length).toBeLessThan(230);
  });
});

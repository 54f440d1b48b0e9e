import {
  MAX_MENTIONS,
  mentionBeingTyped,
  mentionedUsernames,
  mentionTokens,
  usernameCharactersFrom,
} from '@messenger/contract';

describe('mentionTokens', () => {
  it('finds @names at the start, after spaces and punctuation, in lower case, with their place', () => {
    expect(mentionTokens('@Ann, ask (@bob_2) and @Carol.Smith!')).toEqual([
      { start: 0, end: 4, names: ['ann'] },
      { start: 11, end: 17, names: ['bob_2'] },
      { start: 23, end: 35, names: ['carol.smith'] },
    ]);
  });

  it('offers the name without a trailing dot or dash too, since usernames may end with one', () => {
    expect(mentionTokens('thanks @ann.')).toEqual([{ start: 7, end: 12, names: ['ann.', 'ann'] }]);
    expect(mentionTokens('@bob-- see')).toEqual([{ start: 0, end: 6, names: ['bob--', 'bob'] }]);
  });

  it('leaves e-mail addresses, doubled @, and names too short or too long for a username', () => {
    expect(mentionTokens('mail ann@example.com or @@bob')).toEqual([]);
    expect(mentionTokens('@ab @' + 'a'.repeat(33))).toEqual([]);
    expect(mentionTokens('@ab.')).toEqual([{ start: 0, end: 4, names: ['ab.'] }]);
  });
});

describe('mentionedUsernames', () => {
  it('lists each name once, with both readings of a trailing dot', () => {
    expect(mentionedUsernames('@Ann @ann and @bob. @ann')).toEqual(['ann', 'bob.', 'bob']);
  });

  it(`looks up only the first ${MAX_MENTIONS} distinct @names, however many follow`, () => {
    const names = Array.from({ length: MAX_MENTIONS + 10 }, (_, i) => `user${i}`);
    const text = [...names, ...names].map((name) => `@${name}`).join(' ');
    expect(mentionedUsernames(text)).toEqual(names.slice(0, MAX_MENTIONS));
  });

  it('stays fast on a text that is all @ signs and names', () => {
    const started = performance.now();
    mentionedUsernames('@abc '.repeat(2_000) + '@'.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('mentionBeingTyped', () => {
  it('finds the @name the caret is at the end of, by the same rule as a sent message', () => {
    expect(mentionBeingTyped('hi @')).toEqual({ start: 3, name: '' });
    expect(mentionBeingTyped('hi @An')).toEqual({ start: 3, name: 'An' });
    expect(mentionBeingTyped('@ann.s')).toEqual({ start: 0, name: 'ann.s' });
    expect(mentionBeingTyped('mail ann@ex')).toBeNull();
    expect(mentionBeingTyped('@ann done')).toBeNull();
  });

  it('measures the rest of a name after the caret', () => {
    expect(usernameCharactersFrom('@annie, hi', 3)).toBe(3);
    expect(usernameCharactersFrom('@an hi', 3)).toBe(0);
  });
});

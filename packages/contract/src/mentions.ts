import { MAX_MENTIONS } from './limits';

/** One `@name` in a message's text: where it stands, and the usernames it may mean (lower case, longest first). */
export interface MentionToken {
  /** Index of the `@`. */
  start: number;
  /** Index after the longest name. */
  end: number;
  names: string[];
}

/** An `@` that is not glued to a word before it (so `ann@example.com` mentions nobody). */
const MENTION_START = '(?<![\\p{L}\\p{N}_.@+-])@';
const USERNAME_CHARACTER = '[A-Za-z0-9_.-]';
/**
 * `@` then username characters. Usernames may end in `.` or `-`, which usually end the sentence instead: `@ann.` may
 * mean `ann.` or `ann`, and the server takes whichever is a participant.
 */
const MENTION = new RegExp(`${MENTION_START}(${USERNAME_CHARACTER}+)`, 'gu');
const MENTION_BEING_TYPED = new RegExp(`${MENTION_START}(${USERNAME_CHARACTER}{0,32})$`, 'u');
const USERNAME_PREFIX = new RegExp(`^${USERNAME_CHARACTER}*`);
const TRAILING_PUNCTUATION = /[.-]+$/;
const isUsernameLength = (name: string) => name.length >= 3 && name.length <= 32;

/** Every `@name` of the text that could be a username, in order. */
export function mentionTokens(content: string): MentionToken[] {
  const tokens: MentionToken[] = [];
  for (const match of content.matchAll(MENTION)) {
    // match[0] is the `@` and the name: the look-behind takes no characters.
    const longest = match[0].slice(1).toLowerCase();
    const names = [...new Set([longest, longest.replace(TRAILING_PUNCTUATION, '')])].filter(isUsernameLength);
    if (names.length > 0) tokens.push({ start: match.index, end: match.index + 1 + longest.length, names });
  }
  return tokens;
}

/**
 * The usernames (lower case) that the first MAX_MENTIONS distinct `@name`s of the text may mean: what the server
 * looks up among the chat's participants.
 */
export function mentionedUsernames(content: string): string[] {
  const seen = new Set<string>();
  const names = new Set<string>();
  for (const token of mentionTokens(content)) {
    const key = content.slice(token.start + 1, token.end).toLowerCase();
    if (!seen.has(key) && seen.size === MAX_MENTIONS) break;
    seen.add(key);
    for (const name of token.names) names.add(name);
  }
  return [...names];
}

/**
 * The `@name` that a text ends with, as someone types it (the text up to the caret): the index of its `@` and the
 * name so far, maybe empty. Null when the caret is not in one.
 */
export function mentionBeingTyped(textBeforeCaret: string): { start: number; name: string } | null {
  const match = MENTION_BEING_TYPED.exec(textBeforeCaret);
  return match ? { start: match.index, name: match[0].slice(1) } : null;
}

/** How many username characters the text has from `index` on: the rest of a name the caret is in the middle of. */
export function usernameCharactersFrom(text: string, index: number): number {
  const rest = text.slice(index);
  return rest.length - rest.replace(USERNAME_PREFIX, '').length;
}

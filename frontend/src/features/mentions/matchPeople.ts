import type { User } from '@messenger/contract';

/** Someone the composer may mention: a participant of the chat other than us. */
export type MentionCandidate = Pick<User, 'id' | 'username' | 'displayName'>;

/** Suggestions shown at once: a few to choose from with the arrow keys, the rest found by typing on. */
export const MAX_SUGGESTIONS = 8;

const startsWith = (text: string, prefix: string) => text.toLocaleLowerCase().startsWith(prefix);

/**
 * The people a typed `@name` may be meant for: usernames that start with it first, then display names with a word
 * that does, each group alphabetically by display name; everyone for a bare `@`.
 */
export function matchPeople(people: readonly MentionCandidate[], typed: string): MentionCandidate[] {
  const prefix = typed.toLocaleLowerCase();
  const byName = (a: MentionCandidate, b: MentionCandidate) => a.displayName.localeCompare(b.displayName);
  const byUsername = people.filter((person) => startsWith(person.username, prefix)).sort(byName);
  const byDisplayName = people
    .filter((person) => !byUsername.includes(person))
    .filter((person) => person.displayName.split(/\s+/).some((word) => startsWith(word, prefix)))
    .sort(byName);
  return [...byUsername, ...byDisplayName].slice(0, MAX_SUGGESTIONS);
}

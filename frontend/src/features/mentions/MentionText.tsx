import { mentionTokens, type Message, type User } from '@messenger/contract';
import { createContext, Fragment, useContext, type ReactNode } from 'react';

/** The usernames (lower case) of the people a message mentions, each saying whether it is us. */
export type MentionedNames = ReadonlyMap<string, { me: boolean }>;

/**
 * The names to highlight in the message around it (MentionText). Renderer-agnostic on purpose: whatever turns a
 * message's text into elements only has to render its plain-text pieces as MentionText.
 */
export const MentionedNamesContext = createContext<MentionedNames | undefined>(undefined);

/** A message's `mentions` (user ids) by username, from the people who can be named: the chat's participants. */
export function mentionedNames(
  message: Pick<Message, 'mentions'>,
  people: readonly Pick<User, 'id' | 'username'>[],
  currentUserId: string | undefined,
): MentionedNames {
  const names = new Map<string, { me: boolean }>();
  for (const person of people) {
    if (message.mentions.includes(person.id)) {
      names.set(person.username.toLowerCase(), { me: person.id === currentUserId });
    }
  }
  return names;
}

/** Plain text cut into text and the mentions that `names` holds, in order. */
export function splitMentions(text: string, names: MentionedNames): (string | { mention: string; me: boolean })[] {
  const pieces: (string | { mention: string; me: boolean })[] = [];
  let from = 0;
  for (const token of mentionTokens(text)) {
    // The longest reading that is someone mentioned: `@ann.` is `ann.` if that is who, else `ann`.
    const name = token.names.find((candidate) => names.has(candidate));
    if (!name) continue;
    const end = token.start + 1 + name.length;
    if (token.start > from) pieces.push(text.slice(from, token.start));
    pieces.push({ mention: text.slice(token.start, end), me: names.get(name)?.me ?? false });
    from = end;
  }
  if (from < text.length) pieces.push(text.slice(from));
  return pieces;
}

interface MentionTextProps {
  text: string;
  /**
   * How a stretch of the text shows, given where it starts in `text`: as it is, unless a caller marks more in it
   * (a search result its matches, inside mentions too).
   */
  renderText?: (stretch: string, start: number) => ReactNode;
}

const asItIs = (stretch: string) => stretch;

/**
 * A piece of a message's plain text, with the `@names` of the people it mentions highlighted (ours as a <mark>, which
 * stands out more), the rest as text: nothing in a message can become markup.
 */
export function MentionText({ text, renderText = asItIs }: MentionTextProps): ReactNode {
  const names = useContext(MentionedNamesContext);
  if (!names?.size) return renderText(text, 0);
  const shown: ReactNode[] = [];
  let start = 0;
  for (const [index, piece] of splitMentions(text, names).entries()) {
    const stretch = typeof piece === 'string' ? piece : piece.mention;
    const rendered = renderText(stretch, start);
    start += stretch.length;
    shown.push(
      typeof piece === 'string' ? (
        <Fragment key={index}>{rendered}</Fragment>
      ) : piece.me ? (
        <mark key={index} data-mention="me" className="rounded bg-highlight px-0.5 font-semibold text-fg">
          {rendered}
        </mark>
      ) : (
        <span key={index} data-mention="other" className="font-semibold">
          {rendered}
        </span>
      ),
    );
  }
  return shown;
}

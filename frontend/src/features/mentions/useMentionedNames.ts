import { useMemo } from 'react';
import type { Message } from '@messenger/contract';
import { selectChat, useChatsStore } from '../chats';
import { mentionedNames, type MentionedNames } from './MentionText';

/**
 * Whom a message (or the quote of one) mentions, by username, from its chat's participants; undefined when it
 * mentions nobody, so most messages look nothing up.
 */
export function useMentionedNames(
  chatId: string,
  mentions: Message['mentions'],
  currentUserId: string | undefined,
): MentionedNames | undefined {
  const participants = useChatsStore((state) =>
    mentions.length > 0 ? selectChat(chatId)(state)?.participants : undefined,
  );
  return useMemo(
    () =>
      participants &&
      mentionedNames(
        { mentions },
        participants.map((participant) => participant.user),
        currentUserId,
      ),
    [mentions, participants, currentUserId],
  );
}

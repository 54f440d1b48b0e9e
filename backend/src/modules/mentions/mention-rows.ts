/**
 * Writes the mentions of the messages in a relation named `mentioning` (id, chat_id, seq, sender_id, and names: the
 * usernames its text may mean, from mentionedUsernames of @messenger/contract), inside the statement that wrote or
 * edited them: every participant of the message's chat whose username is one of `names`, except the sender (nobody
 * mentions themselves) and anyone with a block either way between them and the sender (a block stops them reaching
 * each other, in a group too). Returns (message_id, user_id) of each mention written.
 */
export const INSERT_MENTIONS = `
  INSERT INTO message_mentions (message_id, user_id, chat_id, seq)
  SELECT m.id, u.id, m.chat_id, m.seq
  FROM mentioning m
  JOIN users u ON u.username_normalized = ANY(m.names)
  JOIN chat_participants p ON p.chat_id = m.chat_id AND p.user_id = u.id
  WHERE u.id <> m.sender_id
    AND NOT EXISTS (SELECT 1 FROM user_blocks b
                    WHERE (b.blocker_id = u.id AND b.blocked_id = m.sender_id)
                       OR (b.blocker_id = m.sender_id AND b.blocked_id = u.id))
  RETURNING message_id, user_id`;

/** The column of a written message's mentioned user ids, from the `mentioned` relation that INSERT_MENTIONS fills. */
export const MENTION_IDS_COLUMN = `ARRAY(
    SELECT mentioned.user_id::text FROM mentioned WHERE mentioned.message_id = inserted.id ORDER BY 1
  ) AS mention_ids`;

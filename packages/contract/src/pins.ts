import { z } from 'zod';
import { MAX_PINS_PER_CHAT } from './limits';
import { messageSchema } from './messages';

/** `GET /api/chats/:id/pins`: the pinned messages themselves, each with its `pinnedAt` and `pinnedBy`. */
export const pinnedMessagesResponseSchema = z
  .object({
    messages: z
      .array(messageSchema)
      .meta({ description: `Newest pin first; at most ${MAX_PINS_PER_CHAT} (a chat's cap)` }),
  })
  .strict();

export type PinnedMessagesResponse = z.infer<typeof pinnedMessagesResponseSchema>;

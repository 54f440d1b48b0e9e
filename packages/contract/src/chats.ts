import { z } from 'zod';
import { timestampSchema } from './common';
import { messageSchema } from './messages';
import { userSchema } from './users';

export const participantSchema = z
  .object({
    user: userSchema,
    role: z.enum(['owner', 'member']),
    lastReadSeq: z.number().int(),
    lastDeliveredSeq: z.number().int(),
  })
  .strict()
  .meta({ id: 'Participant' });

export const chatSchema = z
  .object({
    id: z.string(),
    type: z.enum(['direct', 'group']),
    name: z.string().nullable().meta({ description: 'null for direct chats: they are named after the other person' }),
    avatarUrl: z.string().nullable(),
    ownerId: z.string().nullable(),
    participants: z.array(participantSchema),
    lastMessage: messageSchema.nullable(),
    lastSeq: z.number().int(),
    unreadCount: z.number().int(),
    muted: z.boolean().meta({ description: "The viewer's own setting: no notifications from this chat" }),
    updatedAt: timestampSchema,
  })
  .strict()
  .meta({ id: 'Chat' });

export type Chat = z.infer<typeof chatSchema>;
export type Participant = z.infer<typeof participantSchema>;

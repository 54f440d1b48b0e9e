import { z } from 'zod';
import { idOf, idParamSchema, timestampSchema } from './common';
import { MAX_GROUP_PARTICIPANTS } from './limits';
import { messageSchema } from './messages';
import { userSchema } from './users';

export const directChatBodySchema = z.object({ userId: idOf('a user id') }).strict();
export const chatIdParamSchema = idParamSchema('a chat id');
export const participantParamsSchema = z.object({ id: idOf('a chat id'), userId: idOf('a user id') });

const groupNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const userIdsSchema = z.array(idOf('a user id')).transform((ids) => [...new Set(ids)]);

export const GROUP_VISIBILITIES = ['private', 'open'] as const;
/** `open`: listed by GET /api/chats/discover and joined by anyone with POST /api/chats/{id}/join. */
export const groupVisibilitySchema = z
  .enum(GROUP_VISIBILITIES, 'must be "private" or "open"')
  .meta({ description: 'private: members are added by the owner; open: anyone may find and join it' });

export const createGroupBodySchema = z
  .object({
    name: groupNameSchema,
    memberIds: userIdsSchema.pipe(
      z.array(z.string()).max(MAX_GROUP_PARTICIPANTS - 1, `a group has at most ${MAX_GROUP_PARTICIPANTS} participants`),
    ),
    avatarAttachmentId: idOf('an attachment id').optional(),
    visibility: groupVisibilitySchema.default('private'),
  })
  .strict();

export const updateGroupBodySchema = z
  .object({
    name: groupNameSchema.optional(),
    avatarAttachmentId: idOf('an attachment id').nullable().optional(),
    ownerId: idOf('a user id').optional().meta({ description: 'Hands the group to this member' }),
    visibility: groupVisibilitySchema.optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'change at least one of name, avatarAttachmentId, ownerId and visibility',
  });

export const addParticipantsBodySchema = z.object({ userIds: userIdsSchema.pipe(z.array(z.string()).min(1)) }).strict();

export const muteBodySchema = z.object({ muted: z.boolean('must be true or false') }).strict();

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
    visibility: groupVisibilitySchema.meta({ description: 'Always private for direct chats' }),
    participants: z.array(participantSchema),
    lastMessage: messageSchema.nullable(),
    lastSeq: z.number().int(),
    membersVersion: z
      .number()
      .int()
      .meta({
        description:
          'Raised by one by each change of who is in the group or who owns it; a chat:members change carries the ' +
          'version it made: apply one only onto the version before it (0 for a chat whose members never changed)',
      }),
    unreadCount: z.number().int(),
    mentionCount: z
      .number()
      .int()
      .meta({ description: "Unread messages (past the viewer's read watermark) that mention the viewer" }),
    muted: z.boolean().meta({ description: "The viewer's own setting: no notifications from this chat" }),
    updatedAt: timestampSchema,
  })
  .strict()
  .meta({ id: 'Chat' });

export const chatResponseSchema = z.object({ chat: chatSchema }).strict();
export const chatsResponseSchema = z.object({ chats: z.array(chatSchema) }).strict();

export type Chat = z.infer<typeof chatSchema>;
export type Participant = z.infer<typeof participantSchema>;
export type ChatResponse = z.infer<typeof chatResponseSchema>;
export type ChatsResponse = z.infer<typeof chatsResponseSchema>;
export type MuteChatRequest = z.input<typeof muteBodySchema>;
export type CreateGroupRequest = z.input<typeof createGroupBodySchema>;
export type CreateGroupInput = z.output<typeof createGroupBodySchema>;
export type UpdateGroupRequest = z.input<typeof updateGroupBodySchema>;
export type UpdateGroupInput = z.output<typeof updateGroupBodySchema>;
export type GroupVisibility = z.infer<typeof groupVisibilitySchema>;

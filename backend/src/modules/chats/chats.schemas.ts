import { z } from 'zod';
import { MAX_GROUP_PARTICIPANTS } from './chats.repository';

export const directChatBodySchema = z.object({ userId: z.uuid('must be a user id') }).strict();
export const chatIdParamSchema = z.object({ id: z.uuid('must be a chat id') });
export const participantParamsSchema = z.object({
  id: z.uuid('must be a chat id'),
  userId: z.uuid('must be a user id'),
});

const groupNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const userIdsSchema = z.array(z.uuid('must be a user id')).transform((ids) => [...new Set(ids)]);

export const createGroupBodySchema = z
  .object({
    name: groupNameSchema,
    memberIds: userIdsSchema.pipe(
      z.array(z.string()).max(MAX_GROUP_PARTICIPANTS - 1, `a group has at most ${MAX_GROUP_PARTICIPANTS} participants`),
    ),
    avatarAttachmentId: z.uuid('must be an attachment id').optional(),
  })
  .strict();

export const updateGroupBodySchema = z
  .object({
    name: groupNameSchema.optional(),
    avatarAttachmentId: z.uuid('must be an attachment id').nullable().optional(),
    ownerId: z.uuid('must be a user id').optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'change at least one of name, avatarAttachmentId and ownerId',
  });

export const addParticipantsBodySchema = z.object({ userIds: userIdsSchema.pipe(z.array(z.string()).min(1)) }).strict();

export const muteBodySchema = z.object({ muted: z.boolean('must be true or false') }).strict();

export type CreateGroupInput = z.infer<typeof createGroupBodySchema>;
export type UpdateGroupInput = z.infer<typeof updateGroupBodySchema>;

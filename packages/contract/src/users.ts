import { z } from 'zod';
import { idOf, idParamSchema, timestampSchema } from './common';

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(USERNAME_PATTERN, 'may contain only letters, digits, "_", "." and "-"');

export const displayNameSchema = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

export const USER_ROLES = ['admin', 'member'] as const;
export const USER_STATUSES = ['active', 'deactivated'] as const;

export const userIdParamSchema = idParamSchema('a user id');

export const userSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'is required').max(64),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const updateMeBodySchema = z
  .object({
    displayName: displayNameSchema.optional(),
    avatarAttachmentId: idOf('an attachment id')
      .nullable()
      .optional()
      .meta({ description: 'One of your uploads (purpose avatar); null removes the avatar' }),
  })
  .strict()
  .refine((body) => body.displayName !== undefined || body.avatarAttachmentId !== undefined, {
    message: 'change at least one of displayName and avatarAttachmentId',
  });

/**
 * Who someone is, without their presence: what a message names as its sender. Messages are kept (in the replay log,
 * in every client's history), where a presence snapshot would go stale and reach whoever reads them later.
 */
export const userSummarySchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    deactivated: z
      .literal(true)
      .optional()
      .meta({ description: 'Present (true) only for a deactivated account: its messages stay, marked with it' }),
  })
  .strict()
  .meta({ id: 'UserSummary' });

/**
 * Someone as one viewer sees them. `online` and `lastSeenAt` are shown to the user themselves, their contacts and the
 * people they share a chat with; to anyone else both are null.
 */
export const userSchema = userSummarySchema
  .extend({ online: z.boolean().nullable(), lastSeenAt: timestampSchema.nullable() })
  .meta({ id: 'User' });

/** The signed-in user, with what only they may see. */
export const currentUserSchema = userSchema
  .extend({
    createdAt: timestampSchema,
    role: z.enum(USER_ROLES).meta({ description: 'Admins run the installation: the Admin area and /api/admin/*' }),
    status: z.enum(USER_STATUSES),
  })
  .meta({ id: 'CurrentUser' });

/** Someone's profile as the viewer sees it. */
export const userProfileSchema = userSchema
  .extend({
    isContact: z.boolean(),
    isBlocked: z
      .boolean()
      .meta({ description: 'The viewer blocked them; whether they blocked the viewer is never shown' }),
  })
  .meta({ id: 'UserProfile' });

export const currentUserResponseSchema = z.object({ user: currentUserSchema }).strict();
export const userProfileResponseSchema = z.object({ user: userProfileSchema }).strict();
export const usersResponseSchema = z.object({ users: z.array(userSchema) }).strict();

export type UserSummary = z.infer<typeof userSummarySchema>;
export type User = z.infer<typeof userSchema>;
export type CurrentUser = z.infer<typeof currentUserSchema>;
export type UserProfile = z.infer<typeof userProfileSchema>;
export type CurrentUserResponse = z.infer<typeof currentUserResponseSchema>;
export type UserProfileResponse = z.infer<typeof userProfileResponseSchema>;
export type UsersResponse = z.infer<typeof usersResponseSchema>;
export type UserRole = (typeof USER_ROLES)[number];
export type UserStatus = (typeof USER_STATUSES)[number];
export type UpdateProfileRequest = z.input<typeof updateMeBodySchema>;

import { z } from 'zod';

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(USERNAME_PATTERN, 'may contain only letters, digits, "_", "." and "-"');

export const displayNameSchema = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

export const userSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'is required').max(64),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const userIdParamSchema = z.object({ id: z.uuid('must be a user id') });

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

export const updateMeBodySchema = z
  .object({
    displayName: displayNameSchema.optional(),
    avatarAttachmentId: z.uuid('must be an attachment id').nullable().optional(),
  })
  .strict()
  .refine((body) => body.displayName !== undefined || body.avatarAttachmentId !== undefined, {
    message: 'change at least one of displayName and avatarAttachmentId',
  });

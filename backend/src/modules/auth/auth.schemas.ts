import { z } from 'zod';
import { displayNameSchema, usernameSchema } from '../users/users.schemas';

export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');

export const registerBodySchema = z
  .object({ username: usernameSchema, password: passwordSchema, displayName: displayNameSchema.optional() })
  .strict();

export const loginBodySchema = z
  .object({
    username: z.string().trim().min(1, 'is required').max(64),
    password: z.string().min(1, 'is required').max(128),
  })
  .strict();

/** Browsers send the refresh token as a cookie; other clients in the body. */
export const refreshBodySchema = z.object({ refreshToken: z.string().min(1).max(200).optional() }).strict();

export type RegisterInput = z.infer<typeof registerBodySchema>;
export type LoginInput = z.infer<typeof loginBodySchema>;

export const sessionIdParamSchema = z.object({ id: z.uuid('must be a session id') });

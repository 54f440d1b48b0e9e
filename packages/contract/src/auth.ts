import { z } from 'zod';
import { idParamSchema, timestampSchema } from './common';
import { inviteCodeSchema } from './registration';
import { currentUserSchema, displayNameSchema, usernameSchema } from './users';

/** bcrypt reads no further than this: it would ignore the rest of a longer password, silently. */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;

const utf8 = new TextEncoder();
export const fitsBcrypt = (password: string) => utf8.encode(password).length <= BCRYPT_MAX_PASSWORD_BYTES;

const PASSWORD_TOO_LONG = `must be at most ${BCRYPT_MAX_PASSWORD_BYTES} bytes in UTF-8 (a letter with an accent takes 2, an emoji 4)`;

/**
 * A new password. Refused beyond 72 bytes rather than cut: otherwise every password sharing its first 72 bytes
 * would sign in. A character is at least one byte, so the character bound (which the API reference shows) comes
 * first and the byte count decides the rest.
 */
export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(BCRYPT_MAX_PASSWORD_BYTES, { message: PASSWORD_TOO_LONG, abort: true })
  .refine(fitsBcrypt, PASSWORD_TOO_LONG)
  .meta({ description: `8 or more characters, at most ${BCRYPT_MAX_PASSWORD_BYTES} bytes in UTF-8` });

export const registerBodySchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    displayName: displayNameSchema.optional(),
    inviteCode: inviteCodeSchema
      .optional()
      .meta({ description: 'From an invite link; required when registration is by invite' }),
  })
  .strict();

export const loginBodySchema = z
  .object({
    username: z.string().trim().min(1, 'is required').max(64),
    password: z.string().min(1, 'is required').max(128),
  })
  .strict();

/** Browsers send the refresh token as a cookie (then the body may be left out); other clients in the body. */
export const refreshBodySchema = z
  .object({ refreshToken: z.string().min(1).max(200).optional() })
  .strict()
  .prefault({});

export const sessionIdParamSchema = idParamSchema('a session id');

export const tokensSchema = z.object({ accessToken: z.string(), refreshToken: z.string() }).strict();

/** Register and login: the account, and the tokens of the new session (the refresh token also as a cookie). */
export const authResponseSchema = tokensSchema.extend({ user: currentUserSchema });

/** One signed-in device. */
export const deviceSessionSchema = z
  .object({
    id: z.string(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    createdAt: timestampSchema,
    lastUsedAt: timestampSchema,
    expiresAt: timestampSchema,
    current: z.boolean().meta({ description: 'The session making the request' }),
  })
  .strict()
  .meta({ id: 'DeviceSession' });

export const sessionsResponseSchema = z.object({ sessions: z.array(deviceSessionSchema) }).strict();

export type RegisterRequest = z.input<typeof registerBodySchema>;
export type RegisterInput = z.output<typeof registerBodySchema>;
export type LoginRequest = z.input<typeof loginBodySchema>;
export type LoginInput = z.output<typeof loginBodySchema>;
export type AuthResponse = z.infer<typeof authResponseSchema>;
export type RefreshResponse = z.infer<typeof tokensSchema>;
export type DeviceSession = z.infer<typeof deviceSessionSchema>;
export type SessionsResponse = z.infer<typeof sessionsResponseSchema>;

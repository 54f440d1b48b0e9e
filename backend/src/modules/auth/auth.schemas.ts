import { z } from 'zod';
import { inviteCodeSchema } from '../registration/registration.schemas';
import { displayNameSchema, usernameSchema } from '../users/users.schemas';

/** bcrypt reads no further than this: it would ignore the rest of a longer password, silently. */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;

export const fitsBcrypt = (password: string) => Buffer.byteLength(password, 'utf8') <= BCRYPT_MAX_PASSWORD_BYTES;

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

/** Browsers send the refresh token as a cookie; other clients in the body. */
export const refreshBodySchema = z.object({ refreshToken: z.string().min(1).max(200).optional() }).strict();

export type RegisterInput = z.infer<typeof registerBodySchema>;
export type LoginInput = z.infer<typeof loginBodySchema>;

export const sessionIdParamSchema = z.object({ id: z.uuid('must be a session id') });

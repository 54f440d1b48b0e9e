import { z } from 'zod';
import { idParamSchema, timestampSchema } from './common';

export const REGISTRATION_MODES = ['open', 'invite', 'closed'] as const;
/** Who may create an account: anyone, only people with an invite, or nobody. */
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const MAX_INVITE_USES = 1_000;
export const MAX_INVITE_HOURS = 720;
export const DEFAULT_INVITE_HOURS = 168;

export const registrationModeSchema = z
  .enum(REGISTRATION_MODES)
  .meta({ description: 'open: anyone; invite: only with a valid invite code; closed: nobody' });

/** The instance settings: what admins change (PUT /api/admin/settings) and read back. */
export const settingsSchema = z.object({ registration: registrationModeSchema }).strict();

export const createInviteBodySchema = z
  .object({
    maxUses: z
      .number()
      .int()
      .min(1)
      .max(MAX_INVITE_USES)
      .optional()
      .meta({ description: `1..${MAX_INVITE_USES}; omitted: any number of uses until it expires` }),
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(MAX_INVITE_HOURS)
      .default(DEFAULT_INVITE_HOURS)
      .meta({ description: `1..${MAX_INVITE_HOURS} (30 days); default ${DEFAULT_INVITE_HOURS} (7 days)` }),
  })
  .strict()
  .prefault({});

export const inviteIdParamSchema = idParamSchema('an invite id');

/** The code of an invite link (`/register?invite=CODE`). */
export const inviteCodeSchema = z.string().trim().min(1, 'is required').max(64, 'is not an invite code');

export const registrationResponseSchema = z.object({ registration: registrationModeSchema }).strict();

export const settingsResponseSchema = z.object({ settings: settingsSchema }).strict();

/** An invite as admins see it, with the link to hand out (`/register?invite=CODE` in the web app). */
export const inviteSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    url: z.string(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    expiresAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .strict()
  .meta({ id: 'Invite' });

export const inviteResponseSchema = z.object({ invite: inviteSchema }).strict();
export const invitesResponseSchema = z.object({ invites: z.array(inviteSchema) }).strict();

export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type CreateInviteInput = z.output<typeof createInviteBodySchema>;
export type Invite = z.infer<typeof inviteSchema>;

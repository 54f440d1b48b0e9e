import { z } from 'zod';

export const REGISTRATION_MODES = ['open', 'invite', 'closed'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const MAX_INVITE_USES = 1_000;
export const MAX_INVITE_HOURS = 720;
export const DEFAULT_INVITE_HOURS = 168;
/** Invites usable at once: enough for any onboarding wave, few enough to review on one page. */
export const MAX_ACTIVE_INVITES = 100;

export const registrationModeSchema = z
  .enum(REGISTRATION_MODES)
  .meta({ description: 'open: anyone; invite: only with a valid invite code; closed: nobody' });

export const settingsBodySchema = z.object({ registration: registrationModeSchema }).strict();

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
  .strict();

export const inviteIdParamSchema = z.object({ id: z.uuid('must be an invite id') });

/** The code of an invite link (`/register?invite=CODE`). */
export const inviteCodeSchema = z.string().trim().min(1, 'is required').max(64, 'is not an invite code');

export type SettingsInput = z.infer<typeof settingsBodySchema>;
export type CreateInviteInput = z.infer<typeof createInviteBodySchema>;

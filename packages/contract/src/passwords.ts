import { z } from 'zod';
import { passwordSchema } from './auth';
import { timestampSchema } from './common';

export const changePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1, 'is required').max(128), newPassword: passwordSchema })
  .strict();

export const resetPasswordBodySchema = z
  .object({
    resetToken: z.string().trim().min(1, 'is required').max(128, 'is not a reset token'),
    newPassword: passwordSchema,
  })
  .strict();

/** Shown once: the admin hands the link to the person out of band. */
export const passwordResetIssuedSchema = z
  .object({ resetToken: z.string(), resetUrl: z.string(), expiresAt: timestampSchema })
  .strict();

export type ChangePasswordRequest = z.input<typeof changePasswordBodySchema>;
export type ChangePasswordInput = z.output<typeof changePasswordBodySchema>;
export type PasswordResetRequest = z.input<typeof resetPasswordBodySchema>;
export type ResetPasswordInput = z.output<typeof resetPasswordBodySchema>;
export type PasswordResetIssued = z.infer<typeof passwordResetIssuedSchema>;

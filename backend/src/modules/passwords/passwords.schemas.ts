import { z } from 'zod';
import { passwordSchema } from '../auth/auth.schemas';

export const changePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1, 'is required').max(128), newPassword: passwordSchema })
  .strict();

export const resetPasswordBodySchema = z
  .object({
    resetToken: z.string().trim().min(1, 'is required').max(128, 'is not a reset token'),
    newPassword: passwordSchema,
  })
  .strict();

export type ChangePasswordInput = z.infer<typeof changePasswordBodySchema>;
export type ResetPasswordInput = z.infer<typeof resetPasswordBodySchema>;

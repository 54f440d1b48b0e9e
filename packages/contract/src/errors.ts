import { z } from 'zod';
import { ERROR_CODES } from './errorCodes';

export const errorCodeSchema = z.enum(ERROR_CODES);

/** What every failed REST call answers, and what a socket acknowledgement carries under `error`. */
export const errorSchema = z
  .object({
    code: errorCodeSchema,
    /** For people: clients show it where they have no wording of their own for the code. */
    message: z.string(),
    /** VALIDATION_ERROR: zod's issues; otherwise what the code's documentation says. */
    details: z.unknown().optional(),
  })
  .strict();

export const errorBodySchema = z.object({ error: errorSchema }).strict();

export type ApiError = z.infer<typeof errorSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

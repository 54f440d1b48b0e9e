import type { z } from 'zod';
import { badRequest } from '../lib/errors';

export interface ValidationDetail {
  field: string;
  message: string;
}

export function validationDetails(error: z.ZodError): ValidationDetail[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

/** Parses untrusted input (REST body, query, socket payload) with one zod schema; throws a 400 naming the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = validationDetails(result.error);
  const summary = details.map((detail) => `${detail.field}: ${detail.message}`).join('; ');
  throw badRequest(`Invalid input: ${summary}`, details);
}

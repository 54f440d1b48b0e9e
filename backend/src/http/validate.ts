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

/** Where a NUL character hides in a parsed value, if anywhere: PostgreSQL text cannot store one. */
function nulCharacterField(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const field = nulCharacterField(inner, [...path, key]);
    if (field !== undefined) return field;
  }
  return undefined;
}

/** Parses untrusted input (REST body, query, socket payload) with one zod schema; throws a 400 naming the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    const field = nulCharacterField(result.data);
    if (field === undefined) return result.data;
    const message = 'must not contain the NUL character';
    throw badRequest(`Invalid input: ${field}: ${message}`, [{ field, message }]);
  }
  const details = validationDetails(result.error);
  const summary = details.map((detail) => `${detail.field}: ${detail.message}`).join('; ');
  throw badRequest(`Invalid input: ${summary}`, details);
}

import { z } from 'zod';
import { timestampSchema } from './common';
import { userSchema } from './users';

/** A contact's presence is always theirs to see. */
export const contactSchema = z.object({ user: userSchema, since: timestampSchema }).strict().meta({ id: 'Contact' });

/** A request with both sides: what its sender gets back, and what both sides' devices hear of it. */
export const contactRequestSchema = z
  .object({ id: z.string(), from: userSchema, to: userSchema, createdAt: timestampSchema })
  .strict()
  .meta({ id: 'ContactRequest' });

export type Contact = z.infer<typeof contactSchema>;
export type ContactRequest = z.infer<typeof contactRequestSchema>;

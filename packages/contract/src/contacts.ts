import { z } from 'zod';
import { idOf, idParamSchema, timestampSchema } from './common';
import { userSchema } from './users';

export const contactRequestBodySchema = z.object({ userId: idOf('a user id') }).strict();
export const contactIdParamSchema = idParamSchema('an id');

/** A contact's presence is always theirs to see. */
export const contactSchema = z.object({ user: userSchema, since: timestampSchema }).strict().meta({ id: 'Contact' });

export const incomingContactRequestSchema = z
  .object({ id: z.string(), from: userSchema, createdAt: timestampSchema })
  .strict()
  .meta({ id: 'IncomingContactRequest' });

export const outgoingContactRequestSchema = z
  .object({ id: z.string(), to: userSchema, createdAt: timestampSchema })
  .strict()
  .meta({ id: 'OutgoingContactRequest' });

/** A request with both sides: what its sender gets back, and what both sides' devices hear of it. */
export const contactRequestSchema = z
  .object({ id: z.string(), from: userSchema, to: userSchema, createdAt: timestampSchema })
  .strict()
  .meta({ id: 'ContactRequest' });

export const contactsResponseSchema = z.object({ contacts: z.array(contactSchema) }).strict();
export const contactResponseSchema = z.object({ contact: contactSchema }).strict();
export const contactRequestsResponseSchema = z
  .object({ incoming: z.array(incomingContactRequestSchema), outgoing: z.array(outgoingContactRequestSchema) })
  .strict();
export const contactRequestResponseSchema = z.object({ request: contactRequestSchema }).strict();

export type Contact = z.infer<typeof contactSchema>;
export type IncomingContactRequest = z.infer<typeof incomingContactRequestSchema>;
export type OutgoingContactRequest = z.infer<typeof outgoingContactRequestSchema>;
export type ContactRequest = z.infer<typeof contactRequestSchema>;
export type ContactsResponse = z.infer<typeof contactsResponseSchema>;
export type ContactResponse = z.infer<typeof contactResponseSchema>;
export type ContactRequestsResponse = z.infer<typeof contactRequestsResponseSchema>;
export type ContactRequestResponse = z.infer<typeof contactRequestResponseSchema>;
/** 201 when a request was created; 200 when it accepted the other user's pending request instead. */
export type SendContactRequestResponse = ContactRequestResponse | ContactResponse;

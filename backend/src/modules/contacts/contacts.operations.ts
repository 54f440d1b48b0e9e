import {
  contactIdParamSchema,
  contactRequestBodySchema,
  contactRequestsResponseSchema,
  contactResponseSchema,
  contactsResponseSchema,
  contactRequestResponseSchema,
} from '@messenger/contract';
import type { RequestHandler } from 'express';
import { operationsOf } from '../../http/operations';
import type { ContactsService } from './contacts.service';

/** `limitRequests` caps how many contact requests one user sends (spam). */
const operation = operationsOf<{ contacts: ContactsService; limitRequests: RequestHandler }>();

export const contactsOperations = [
  operation({
    method: 'get',
    path: '/api/contacts',
    tag: 'contacts',
    access: 'user',
    summary: 'Your contacts',
    responses: { 200: { description: 'Your contacts, with their presence', json: contactsResponseSchema } },
    handle: async ({ userId }, { contacts }) => ({ status: 200, body: { contacts: await contacts.list(userId) } }),
  }),
  operation({
    method: 'get',
    path: '/api/contacts/requests',
    tag: 'contacts',
    access: 'user',
    summary: 'Pending requests',
    responses: { 200: { description: 'To you and from you', json: contactRequestsResponseSchema } },
    handle: async ({ userId }, { contacts }) => ({ status: 200, body: await contacts.requests(userId) }),
  }),
  operation({
    method: 'post',
    path: '/api/contacts/requests',
    tag: 'contacts',
    access: 'user',
    summary: 'Ask someone to be a contact',
    before: ({ limitRequests }) => [limitRequests],
    body: contactRequestBodySchema,
    responses: {
      201: { description: 'asked', json: contactRequestResponseSchema },
      200: { description: 'their pending request was accepted instead', json: contactResponseSchema },
      400: 'yourself',
      404: 'no such user',
      409: 'already contacts or already asked',
    },
    handle: async ({ userId, body }, { contacts }) => {
      const result = await contacts.sendRequest(userId, body.userId);
      return result.accepted
        ? { status: 200, body: { contact: result.contact } }
        : { status: 201, body: { request: result.request } };
    },
  }),
  operation({
    method: 'post',
    path: '/api/contacts/requests/{id}/accept',
    tag: 'contacts',
    access: 'user',
    summary: 'Accept a request (recipient)',
    params: contactIdParamSchema,
    responses: {
      200: { description: 'your new contact', json: contactResponseSchema },
      403: 'not the recipient',
      404: 'no such request',
    },
    handle: async ({ userId, params }, { contacts }) => ({
      status: 200,
      body: { contact: await contacts.accept(userId, params.id) },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/contacts/requests/{id}',
    tag: 'contacts',
    access: 'user',
    summary: 'Decline or cancel a request',
    params: contactIdParamSchema,
    responses: { 204: { description: 'gone' }, 404: 'no such request of yours' },
    handle: async ({ userId, params }, { contacts }) => {
      await contacts.decline(userId, params.id);
      return { status: 204 };
    },
  }),
  operation({
    method: 'delete',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    access: 'user',
    summary: 'Remove a contact',
    params: contactIdParamSchema,
    responses: { 204: { description: 'removed' }, 404: 'not a contact' },
    handle: async ({ userId, params }, { contacts }) => {
      await contacts.remove(userId, params.id);
      return { status: 204 };
    },
  }),
];

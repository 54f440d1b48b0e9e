import type { ApiOperation } from '../../http/openapi';
import { contactRequestBodySchema, idParamSchema } from './contacts.schemas';

/** The contacts operations, described from the schemas that validate them. */
export const contactsOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/contacts',
    tag: 'contacts',
    summary: 'Your contacts',
    responses: { 200: '{contacts: [{user, since}]}' },
  },
  {
    method: 'get',
    path: '/api/contacts/requests',
    tag: 'contacts',
    summary: 'Pending requests',
    responses: { 200: '{incoming, outgoing}' },
  },
  {
    method: 'post',
    path: '/api/contacts/requests',
    tag: 'contacts',
    summary: 'Ask someone to be a contact',
    body: contactRequestBodySchema,
    responses: {
      201: '{request}',
      200: '{contact}: their pending request was accepted',
      400: 'yourself',
      404: 'no such user',
      409: 'already contacts or already asked',
    },
  },
  {
    method: 'post',
    path: '/api/contacts/requests/{id}/accept',
    tag: 'contacts',
    summary: 'Accept a request (recipient)',
    params: idParamSchema,
    responses: { 200: '{contact}', 403: 'not the recipient', 404: 'no such request' },
  },
  {
    method: 'delete',
    path: '/api/contacts/requests/{id}',
    tag: 'contacts',
    summary: 'Decline or cancel a request',
    params: idParamSchema,
    responses: { 204: 'gone', 404: 'no such request of yours' },
  },
  {
    method: 'delete',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    summary: 'Remove a contact',
    params: idParamSchema,
    responses: { 204: 'removed', 404: 'not a contact' },
  },
];

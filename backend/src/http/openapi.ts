import { errorBodySchema } from '@messenger/contract';
import { z } from 'zod';
import { authOperations } from '../modules/auth/auth.openapi';
import { usersOperations } from '../modules/users/users.openapi';
import { blocksOperations } from '../modules/blocks/blocks.openapi';
import { contactsOperations } from '../modules/contacts/contacts.openapi';
import { chatsOperations } from '../modules/chats/chats.openapi';
import { messagesOperations } from '../modules/messages/messages.openapi';
import { mediaOperations } from '../modules/media/media.openapi';
import { searchOperations } from '../modules/search/search.openapi';
import { passwordsOperations } from '../modules/passwords/passwords.openapi';
import { registrationOperations } from '../modules/registration/registration.openapi';
import { adminUsersOperations } from '../modules/admin/admin-users.openapi';

export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** False for the routes that work without an access token. */
  auth?: boolean;
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  multipart?: boolean;
  responses: Record<number, string>;
}

/**
 * Every REST operation with the zod schemas that validate it (declared by each feature in <feature>.openapi.ts):
 * the document is generated from these, so it cannot describe inputs the server does not accept. The checked-in
 * copy (docs/openapi.json) is compared with it by a test.
 */
const OPERATIONS: ApiOperation[] = [
  ...authOperations,
  ...usersOperations,
  ...blocksOperations,
  ...contactsOperations,
  ...chatsOperations,
  ...messagesOperations,
  ...mediaOperations,
  ...searchOperations,
  ...passwordsOperations,
  ...registrationOperations,
  ...adminUsersOperations,
];

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const properties = (jsonSchema(schema).properties ?? {}) as Record<string, object>;
  const required = new Set(jsonSchema(schema).required ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const errorResponse = { $ref: '#/components/responses/Error' };
    const path = (paths[operation.path] ??= {});
    path[operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      ...(operation.auth === false ? { security: [] } : {}),
      parameters: [...parameters(operation.params, 'path'), ...parameters(operation.query, 'query')],
      ...(operation.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(operation.body) } } } }
        : {}),
      ...(operation.multipart
        ? {
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    properties: { file: { type: 'string', format: 'binary' } },
                    required: ['file'],
                  },
                },
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(operation.responses).map(([status, description]) => [
          status,
          Number(status) >= 400 ? { ...errorResponse, description } : { description },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '1000-Messenger API',
      version: '0.1.0',
      description:
        'REST half of the 1000-Messenger interface; the Socket.IO events are described in docs/api-contract.md. ' +
        'Every error is {"error": {"code", "message", "details?"}}; 400 for invalid input, 401 without a valid ' +
        'access token, 429 when rate limited.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Error: {
          description: 'An error',
          content: {
            'application/json': {
              schema: jsonSchema(errorBodySchema),
            },
          },
        },
      },
    },
    paths,
  };
}

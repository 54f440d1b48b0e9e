import { errorBodySchema } from '@messenger/contract';
import { z } from 'zod';
import type { ResponseSpec, TableOperation } from './operations';
import { restOperations } from './rest-api';

type JsonSchema = Record<string, unknown>;

/**
 * The named schemas (`.meta({ id })` in the contract: User, Message, Chat …) are collected here while the document
 * is built, and referenced as components instead of repeated in every operation that carries them.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /** Inputs as clients write them (defaults optional), outputs as the server writes them. */
  jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    for (const [id, definition] of Object.entries($defs ?? {})) this.schemas[id] = toComponentRefs(definition);
    return toComponentRefs(rest);
  }
}

/** `#/$defs/User` (one schema's own definitions) → `#/components/schemas/User` (the document's). */
function toComponentRefs<T>(json: T): T {
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
}

function parameters(components: Components, schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = components.jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, object>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

function requestBody(components: Components, operation: TableOperation<never>) {
  if (operation.upload) {
    const file = { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] };
    return { requestBody: { required: true, content: { 'multipart/form-data': { schema: file } } } };
  }
  if (!operation.body) return {};
  return {
    requestBody: {
      // A body schema that takes `undefined` (the refresh token may come as a cookie instead) makes it optional.
      required: !operation.body.safeParse(undefined).success,
      content: { 'application/json': { schema: components.jsonSchema(operation.body, 'input') } },
    },
  };
}

function response(components: Components, spec: ResponseSpec) {
  if (typeof spec === 'string') return { $ref: '#/components/responses/Error', description: spec };
  if ('json' in spec) {
    return {
      description: spec.description,
      content: { 'application/json': { schema: components.jsonSchema(spec.json, 'output') } },
    };
  }
  if ('file' in spec) {
    return {
      description: spec.description,
      content: { [spec.file]: { schema: { type: 'string', format: 'binary' } } },
    };
  }
  return { description: spec.description };
}

/**
 * The OpenAPI document of every REST operation (http/rest-api.ts), made from the zod schemas that validate its
 * requests and describe its answers: it cannot describe inputs the server does not accept, nor leave an answer
 * out. The checked-in copy (docs/openapi.json) is compared with it by a test.
 */
export function buildOpenApiDocument() {
  const components = new Components();
  const errorBody = components.jsonSchema(errorBodySchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of restOperations()) {
    const path = (paths[operation.path] ??= {});
    path[operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      ...(operation.access === 'public' ? { security: [] } : {}),
      parameters: [
        ...parameters(components, operation.params, 'path'),
        ...parameters(components, operation.query, 'query'),
      ],
      ...requestBody(components, operation),
      responses: Object.fromEntries(
        Object.entries(operation.responses).map(([status, spec]) => [status, response(components, spec)]),
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
        'access token, 429 when rate limited. Operations tagged admin need an active admin.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Error: { description: 'An error', content: { 'application/json': { schema: errorBody } } },
      },
      schemas: components.schemas,
    },
    paths,
  };
}

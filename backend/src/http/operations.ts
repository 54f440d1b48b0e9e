import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { currentUserId } from './authenticate';
import { parseInput } from './validate';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** Who may call: anyone, a signed-in user, or an active admin (admin operations live under ADMIN_PATH). */
export type Access = 'public' | 'user' | 'admin';

export const ADMIN_PATH = '/api/admin/';

/** A success with a JSON body. */
export interface JsonResponse<S extends z.ZodType = z.ZodType> {
  description: string;
  json: S;
}
/** A success that sends the bytes of a file of this media type. */
export interface FileResponse {
  description: string;
  file: string;
}
/** An answer without a body: 204, or a redirect. */
export interface EmptyResponse {
  description: string;
}
/** A status, and what the operation answers with it; a string for an error, whose body is always the Error body. */
export type ResponseSpec = JsonResponse | FileResponse | EmptyResponse | string;
export type Responses = Record<number, ResponseSpec>;

/** What a handler answers: one of its operation's success statuses, with the body that status documents. */
export type Reply<R extends Responses> = {
  [S in keyof R & number]: R[S] extends JsonResponse<infer J>
    ? { status: S; body: z.input<J> }
    : R[S] extends FileResponse
      ? { status: S; file: Readable; headers: Record<string, string> }
      : R[S] extends EmptyResponse
        ? { status: S; headers?: Record<string, string>; redirect?: string }
        : never;
}[keyof R & number];

interface AnyReply {
  status: number;
  body?: unknown;
  file?: Readable;
  headers?: Record<string, string>;
  redirect?: string;
}

/** The request as a handler sees it: params, query and body parsed by the operation's schemas. */
export interface OperationRequest<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in caller (an operation that is not public). */
  readonly userId: string;
  req: Request;
  res: Response;
}

/**
 * One REST operation: everything the router and the OpenAPI document need, in one place. `D` is what the feature
 * hands its handlers (its services), given once when the server mounts the table.
 */
export interface Operation<
  D,
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends Responses = Responses,
> {
  method: HttpMethod;
  /** OpenAPI style: `/api/chats/{id}`. */
  path: `/api/${string}`;
  tag: string;
  summary: string;
  access: Access;
  params?: P;
  query?: Q;
  /** The JSON body; a schema that accepts `undefined` makes it optional. */
  body?: B;
  /** A multipart/form-data upload of one image in the field `file`, which the handler reads. */
  upload?: true;
  /** Middleware that runs before validation (rate limits). */
  before?(deps: D): RequestHandler[];
  responses: R;
  // NoInfer: the statuses come from `responses` alone; what the handler returns is checked against them.
  handle(request: OperationRequest<z.output<P>, z.output<Q>, z.output<B>>, deps: D): Promise<Reply<NoInfer<R>>>;
}

/** An operation of a table, its schemas' types no longer needed: what the router and the document read. */
export interface TableOperation<D> {
  method: HttpMethod;
  path: `/api/${string}`;
  tag: string;
  summary: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  upload?: true;
  before?(deps: D): RequestHandler[];
  responses: Responses;
  handle(request: OperationRequest, deps: D): Promise<AnyReply>;
}

/**
 * Declares the operations of a feature whose handlers take `D`: `const operation = operationsOf<{ chats: ChatsService }>()`,
 * then one `operation({...})` per row of the table. The row is type-checked as a whole: the handler sees what the
 * schemas parse and must answer a documented status with the body its schema describes.
 */
export function operationsOf<D>() {
  return <
    P extends z.ZodType = z.ZodUndefined,
    Q extends z.ZodType = z.ZodUndefined,
    B extends z.ZodType = z.ZodUndefined,
    R extends Responses = Responses,
  >(
    operation: Operation<D, P, Q, B, R>,
  ): TableOperation<D> => operation;
}

/** What `res.locals` carries for the response check (tests): the operation that answered, if one did. */
export const ANSWERING_OPERATION = 'operation';

/** `/api/chats/{id}` → `/chats/:id`, as the routers mounted at /api match it. */
const routerPath = (path: string) => path.slice('/api'.length).replace(/\{(\w+)\}/g, ':$1');

/**
 * Fixed segments before parameters, so that `/api/users/me` is matched before `/api/users/{id}`: paths compared by
 * the kinds of their segments (fixed 0, parameter 1), in order.
 */
const specificity = (path: string) =>
  path
    .split('/')
    .map((segment) => (segment.startsWith('{') ? '1' : '0'))
    .join('');

async function send(req: Request, res: Response, reply: AnyReply): Promise<void> {
  if (reply.headers) res.set(reply.headers);
  if (reply.redirect) return res.redirect(reply.status, reply.redirect);
  res.status(reply.status);
  if (reply.file) {
    // pipeline, never pipe: a client that goes away destroys the source (freeing its file handle or its pooled S3
    // socket), and a read error ends this response instead of the process. The status is sent by then, so a
    // failure is only logged.
    await pipeline(reply.file, res).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        req.log.warn({ err: error, path: req.path }, 'file download failed mid-stream');
      }
    });
  } else if (reply.body !== undefined) res.json(reply.body);
  else res.end();
}

function handler<D>(operation: TableOperation<D>, deps: D): RequestHandler {
  return async (req, res) => {
    res.locals[ANSWERING_OPERATION] = operation;
    const parse = (schema: z.ZodType | undefined, input: unknown) => (schema ? parseInput(schema, input) : undefined);
    const request: OperationRequest = {
      params: parse(operation.params, req.params),
      query: parse(operation.query, req.query),
      body: parse(operation.body, req.body),
      get userId() {
        return currentUserId(req);
      },
      req,
      res,
    };
    await send(req, res, await operation.handle(request, deps));
  };
}

/** A feature's table with what its handlers take. */
export interface MountedTable<D> {
  operations: readonly TableOperation<D>[];
  deps: D;
}

/**
 * Registers every operation on the router its access calls for: public ones on `routers.public`, the rest on
 * `routers.signedIn` (behind the access-token check), admin ones behind `requireAdmin`, which guards the whole of
 * ADMIN_PATH (so that an unknown admin path is refused as any admin operation would be).
 */
export function mountOperations(
  routers: { public: Router; signedIn: Router },
  tables: readonly MountedTable<unknown>[],
  requireAdmin: RequestHandler,
): void {
  const rows = tables.flatMap(({ operations, deps }) => operations.map((operation) => ({ operation, deps })));
  const misplaced = rows.filter(
    ({ operation }) => (operation.access === 'admin') !== operation.path.startsWith(ADMIN_PATH),
  );
  if (misplaced.length) {
    const list = misplaced.map(({ operation }) => `${operation.method} ${operation.path}`).join(', ');
    throw new Error(`admin operations, and only they, live under ${ADMIN_PATH}: ${list}`);
  }
  routers.signedIn.use(routerPath(ADMIN_PATH.slice(0, -1)), requireAdmin);
  rows.sort((a, b) => specificity(a.operation.path).localeCompare(specificity(b.operation.path)));
  for (const { operation, deps } of rows) {
    const router = operation.access === 'public' ? routers.public : routers.signedIn;
    router[operation.method](routerPath(operation.path), ...(operation.before?.(deps) ?? []), handler(operation, deps));
  }
}

import {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosProgressEvent,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { api } from '../shared/api/client';

/** What a fake route handler sees of a request the app made. */
export interface FakeRequest {
  method: string;
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  authorization: string | null;
  /** Reports progress of the request's body going up, or of the answer coming down, as the browser would. */
  progress: { upload(loaded: number, total: number): void; download(loaded: number, total: number): void };
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/** Routes like `'POST /api/contacts/requests/:id/accept'` mapped to their replies. */
export type FakeRoutes = Record<string, Handler>;

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

function compile(routes: FakeRoutes): CompiledRoute[] {
  return Object.entries(routes).map(([key, handler]) => {
    const [method = '', path = ''] = key.split(' ');
    const source = path.replace(/:(\w+)/g, '(?<$1>[^/]+)');
    return { method, pattern: new RegExp(`^${source}$`), handler };
  });
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data;
  return JSON.parse(data) as unknown;
}

function respond(config: InternalAxiosRequestConfig, reply: FakeReply): AxiosResponse {
  const response: AxiosResponse = {
    data: reply.body ?? '',
    status: reply.status,
    statusText: String(reply.status),
    headers: new AxiosHeaders(reply.headers),
    config,
  };
  if (reply.status < 400) return response;
  throw new AxiosError(`Request failed with status code ${reply.status}`, 'ERR_BAD_REQUEST', config, {}, response);
}

/**
 * Replaces the network under the app's axios instance: the app's own interceptors and
 * error handling still run. Unrouted requests fail with 404. Returns the requests seen.
 */
export function fakeApi(routes: FakeRoutes): FakeRequest[] {
  const compiled = compile(routes);
  const requests: FakeRequest[] = [];
  const adapter: AxiosAdapter = async (config) => {
    const method = (config.method ?? 'get').toUpperCase();
    const path = config.url ?? '';
    const route = compiled.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    const request: FakeRequest = {
      method,
      path,
      pathParams: { ...route?.pattern.exec(path)?.groups },
      query: { ...(config.params as Record<string, unknown> | undefined) },
      body: parseBody(config.data),
      authorization: config.headers.get('Authorization')?.toString() ?? null,
      progress: {
        upload: (loaded, total) => config.onUploadProgress?.(progressEvent(loaded, total)),
        download: (loaded, total) => config.onDownloadProgress?.(progressEvent(loaded, total)),
      },
    };
    requests.push(request);
    if (!route)
      return respond(config, {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: `No fake for ${method} ${path}` } },
      });
    return respond(config, await route.handler(request));
  };
  api.defaults.adapter = adapter;
  return requests;
}

const progressEvent = (loaded: number, total: number): AxiosProgressEvent => ({
  loaded,
  total,
  bytes: loaded,
  lengthComputable: true,
});

export const ok = (body: unknown): FakeReply => ({ status: 200, body });
export const created = (body: unknown): FakeReply => ({ status: 201, body });
export const apiError = (status: number, code: string, message: string): FakeReply => ({
  status,
  body: { error: { code, message } },
});
export const noContent: FakeReply = { status: 204 };

/** The server's rate limiter: 429 with the contract's body and how long to wait. */
export const rateLimited = (retryAfterSeconds: number): FakeReply => ({
  ...apiError(429, 'RATE_LIMITED', 'Too many requests; slow down'),
  headers: { 'Retry-After': String(retryAfterSeconds) },
});

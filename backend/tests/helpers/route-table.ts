import { Router } from 'express';
import { buildOpenApiDocument } from '../../src/http/openapi';

/** What `router.listRoutes()` (router 2.3, Express 5's routing) answers: routes and mounted routers, no middleware. */
interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: ListableRouter | undefined;
}
interface ListableRouter {
  listRoutes(): ListedRoute[];
}
interface RouterPrototype {
  use(...args: unknown[]): unknown;
  route(path: string): unknown;
}

/** `METHOD /api/path/{param}`, the key both tables use. */
export type OperationKey = `${'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'} /${string}`;

/** Every operation of the generated OpenAPI document: whether it works without a token, the statuses it lists. */
export function openApiOperations(): Map<string, { public: boolean; statuses: number[] }> {
  const operations = new Map<string, { public: boolean; statuses: number[] }>();
  for (const [path, methods] of Object.entries(buildOpenApiDocument().paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const { security, responses } = operation as { security?: unknown[]; responses?: Record<string, unknown> };
      operations.set(`${method.toUpperCase()} ${path}`, {
        public: Array.isArray(security) && security.length === 0,
        statuses: Object.keys(responses ?? {}).map(Number),
      });
    }
  }
  return operations;
}

/**
 * Records every router the server builds, so that its routes can be listed once it is up.
 *
 * Express 5 keeps no readable mount path on its layers (path-to-regexp 8 matchers), so walking `app._router.stack`
 * as under Express 4 does not work. Its `router` package (2.3) has `listRoutes()` instead, which gives each layer's
 * raw path, methods and mounted router; what it cannot give is the root. So `use` and `route` are spied on (call
 * through) to collect every router instance; the roots are those no other router mounts.
 */
export function recordRouters(): { operations(prefix: string): Set<string> } {
  const prototype = (Router as unknown as { prototype: RouterPrototype }).prototype;
  const uses = jest.spyOn(prototype, 'use');
  const routes = jest.spyOn(prototype, 'route');
  return {
    operations(prefix) {
      const routers = new Set([...uses.mock.contexts, ...routes.mock.contexts] as ListableRouter[]);
      if (routers.size === 0) throw new Error('no router was built after recordRouters()');
      const mounted = new Set(
        [...routers].flatMap((router) => router.listRoutes().flatMap((entry) => entry.router ?? [])),
      );
      const found = new Set<string>();
      const walk = (router: ListableRouter, base: string) => {
        for (const entry of router.listRoutes()) {
          if (typeof entry.path !== 'string')
            throw new Error(`a RegExp route (${String(entry.path)}) cannot be listed`);
          const path = `${base}/${entry.path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
          if (entry.router) walk(entry.router, path);
          for (const method of entry.methods ?? []) {
            // HEAD is answered automatically for every GET route; `*` (an `.all()` route) is kept and fails the match.
            if (method !== 'HEAD') found.add(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      };
      for (const root of routers) if (!mounted.has(root)) walk(root, '');
      return new Set([...found].filter((operation) => operation.split(' ')[1]?.startsWith(prefix)));
    },
  };
}

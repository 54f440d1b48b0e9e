import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import compression from 'compression';
import express, { Router, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { TrustProxy } from '../config/trust-proxy';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import { apiNotFound, errorHandler } from './error-handler';

export interface AppOptions {
  logger: Logger;
  /** The API's own documentation under /api (the OpenAPI document and its viewer), public. */
  docs: Router;
  /** Checks every other answer under /api against the OpenAPI document (tests). */
  checkResponses?: RequestHandler;
  /** Routers mounted under /api that need no access token (register, login, refresh). */
  publicApi: Router;
  /** Routers mounted under /api behind the access-token check. */
  api: Router;
  isReady(): Promise<boolean>;
  instanceName: string;
  metrics: Metrics;
  frontendDist?: string;
  /** The one origin whose pages may call the API from another origin (FRONTEND_URL), with credentials. */
  corsOrigin: string;
  /** S3_PUBLIC_URL's origin, when images are fetched from the store itself: the web app's CSP must allow it. */
  imageOrigin?: string;
  /** TRUST_PROXY: whose X-Forwarded-For to believe for req.ip (rate limits, the sessions list). */
  trustProxy: TrustProxy;
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(options.imageOrigin));
  // req.ip is the connection's peer unless the operator names the proxies in front: trusting any hop more than
  // those lets a client put its own address in X-Forwarded-For and escape every per-address limit.
  app.set('trust proxy', options.trustProxy);
  app.use(
    pinoHttp({
      logger: options.logger,
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
      genReqId: requestId,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'debug'),
    }),
  );

  app.use((req, res, next) => {
    const stop = options.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      // The matched route pattern, never the raw path: ids would make every URL its own series.
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      stop({ route, status: String(res.statusCode) });
    });
    next();
  });

  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', instance: options.instanceName });
  });
  app.get('/ready', async (_req, res) => {
    const ready = await options.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });

  const api = Router();
  // Same-origin pages need no CORS; a web app served from elsewhere (VITE_API_URL) only from FRONTEND_URL.
  api.use(cors({ origin: [options.corsOrigin], credentials: true, maxAge: 600 }));
  api.use(options.docs);
  if (options.checkResponses) api.use(options.checkResponses);
  api.use(express.json({ limit: '100kb' }), cookieParser());
  api.use(options.publicApi);
  api.use(options.api);
  api.use(apiNotFound);
  app.use('/api', api);

  if (options.frontendDist && existsSync(join(options.frontendDist, 'index.html'))) {
    serveWebApp(app, options.frontendDist);
  }
  app.use(errorHandler(options.logger));
  return app;
}

/**
 * helmet's headers, with a Content-Security-Policy the built web app satisfies as it is: its own scripts and
 * styles only (React sets inline styles through the DOM, which CSP allows), images from us or from the blob: URLs
 * that authenticated images are shown through, the API and Socket.IO on this origin. No
 * upgrade-insecure-requests and no HSTS: `npm start` serves plain http on localhost, and TLS (with its HSTS
 * header) belongs to the proxy in front (nginx/nginx-tls.conf). nginx/messenger-web-app-headers.conf sends the same
 * headers with the web app's static files (tests/nginx.test.ts compares them). With S3_PUBLIC_URL, the app follows
 * the API's redirects to the store, whose origin is then allowed too (nginx's copy needs it added by hand: see
 * docs/deployment.md).
 */
function securityHeaders(imageOrigin: string | undefined) {
  const images = imageOrigin ? [imageOrigin] : [];
  return helmet({
    strictTransportSecurity: false,
    // The legacy twin of frame-ancestors 'none', for browsers without CSP 2.
    xFrameOptions: { action: 'deny' },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'blob:', 'data:', ...images],
        connectSrc: ["'self'", ...images],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/**
 * Every request's log lines carry its id, and so does the response (X-Request-Id), so that a user's error report
 * finds its log lines. An id from the proxy in front is kept when it looks like one.
 */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * The built SPA: static files, and index.html for every other GET (and HEAD) so that deep links load the app. Vite names the
 * files under /assets by their content hash, so they never change and are cached for a year; everything else
 * (index.html above all, which names the current assets) is revalidated on every load.
 */
function serveWebApp(app: Express, dist: string): void {
  // Compressed here for `npm start`, where no nginx is in front (the login page's script: 376 → 122 KB). Only the
  // web app: the API's small JSON answers are not worth the CPU on the message path.
  const compress = compression();
  const assets = express.static(join(dist, 'assets'), { index: false, immutable: true, maxAge: '365d' });
  // A missing asset is a 404, not index.html: a page from an older build must not get HTML for its script.
  app.use('/assets', compress, assets, (_req, res) => void res.sendStatus(404));
  app.use(compress, express.static(dist, { index: false, cacheControl: false, setHeaders: (res) => noCache(res) }));
  app.use(compress, (req, res, next) => {
    // HEAD too: uptime monitors and link checkers ask with it, and must see the page that GET would load.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/socket.io')) return next();
    noCache(res);
    res.sendFile(join(dist, 'index.html'));
  });
}

const noCache = (res: ServerResponse) => res.setHeader('Cache-Control', 'no-cache');

import { dirname, join } from 'node:path';
import { Router } from 'express';
import { buildOpenApiDocument } from './openapi';

/** Swagger UI's prebuilt files (npm swagger-ui-dist): served from here, so the reference works offline. */
const SWAGGER_UI = dirname(require.resolve('swagger-ui-dist/package.json'));
const VIEWER_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js'];

/** Starts the viewer on the document; a file of its own, because the page allows no inline script. */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true });\n`;

const PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>1000-Messenger API</title>' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body>' +
  '<noscript>The reference needs JavaScript; the document itself is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</noscript>' +
  '<div id="reference"></div>' +
  '<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>';

/**
 * The viewer's scripts and styles come from this origin only; Swagger UI sets styles inline and shows its icons as
 * data: images; it fetches nothing but the document.
 */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'";

/** GET /api/openapi.json and the reference at /api/docs (Swagger UI on that document). */
export function openApiRoutes(): Router {
  const document = buildOpenApiDocument();
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').set('Content-Security-Policy', DOCS_CSP).send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(INIT_SCRIPT);
  });
  for (const file of VIEWER_FILES) {
    router.get(`/docs/${file}`, (_req, res) => res.sendFile(join(SWAGGER_UI, file), { maxAge: '1d' }));
  }
  return router;
}

import { Router } from 'express';
import { buildOpenApiDocument } from './openapi';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** GET /api/openapi.json and a plain, dependency-free reference page at /api/docs (works offline). */
export function openApiRoutes(): Router {
  const document = buildOpenApiDocument();
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    const rows = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => {
        const { summary, responses } = operation as {
          summary: string;
          responses: Record<string, { description: string }>;
        };
        const statuses = Object.entries(responses)
          .map(([status, response]) => `<li><code>${status}</code> ${escapeHtml(response.description)}</li>`)
          .join('');
        return `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2><p>${escapeHtml(summary)}</p><ul>${statuses}</ul></section>`;
      }),
    );
    res
      .type('html')
      // A static page with one inline stylesheet and no script at all.
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>1000-Messenger API</title>` +
          `<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}h2{font-size:1rem;margin-bottom:.25rem}section{border-bottom:1px solid #ddd;padding:.5rem 0}</style>` +
          `</head><body><h1>1000-Messenger API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). ` +
          `Socket.IO events: docs/api-contract.md.</p>${rows.join('')}</body></html>`,
      );
  });
  return router;
}

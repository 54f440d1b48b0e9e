import { readFileSync } from 'node:fs';
import request from 'supertest';
import { buildOpenApiDocument } from '../src/http/openapi';
import { OPENAPI_FILE } from '../src/http/openapi.cli';
import { useTestServer } from './helpers/test-server';

const server = useTestServer();

it('matches the checked-in docs/openapi.json (run `npm run openapi -w backend` after changing an API)', () => {
  expect(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
});

it('serves the document and a reference page without a token', async () => {
  const document = await request(server.url).get('/api/openapi.json').expect(200);
  expect(document.body.openapi).toBe('3.1.0');
  expect(
    document.body.paths['/api/chats/{id}/messages'].post.requestBody.content['application/json'].schema.properties,
  ).toHaveProperty('clientMsgId');
});

it('serves the reference at /api/docs from our own origin: Swagger UI on the document, no inline script', async () => {
  const page = await request(server.url).get('/api/docs').expect(200).expect('Content-Type', /html/);
  expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
  expect(page.text).not.toMatch(/<script>/);
  const sources = [...page.text.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((match) => match[1] ?? '');
  expect(sources).toEqual(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
  for (const source of sources) {
    const file = await request(server.url).get(source).expect(200);
    expect(file.headers['content-type']).toMatch(source.endsWith('.css') ? /text\/css/ : /javascript/);
  }
  const init = await request(server.url).get('/api/docs/init.js');
  expect(init.text).toContain("url: '/api/openapi.json'");
});

it('gives every success a schema: JSON bodies in full, files as binary', async () => {
  const { paths } = (await request(server.url).get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
  };
  const withoutSchema = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, { responses }]) =>
      Object.entries(responses)
        .filter(([status, response]) => /^2/.test(status) && status !== '204' && !response.content)
        .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
    ),
  );
  expect(withoutSchema).toEqual([]);
});

it('describes every route the server answers', async () => {
  const paths = Object.keys((await request(server.url).get('/api/openapi.json')).body.paths as object);
  expect(paths).toEqual(
    expect.arrayContaining([
      '/api/search',
      '/api/attachments',
      '/api/auth/sessions/{id}',
      '/api/users/me/password',
      '/api/auth/password-reset',
      '/api/admin/invites/{id}',
      '/api/users/{id}/block',
      '/api/admin/audit',
      '/api/messages/{id}/pin',
      '/api/chats/{id}/pins',
      '/api/chats/discover',
      '/api/chats/{id}/join',
    ]),
  );
  expect(paths).toHaveLength(47);
});

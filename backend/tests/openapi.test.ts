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
  const page = await request(server.url).get('/api/docs').expect(200).expect('Content-Type', /html/);
  expect(page.text).toContain('POST /api/auth/register');
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
    ]),
  );
  expect(paths).toHaveLength(43);
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { useTestServer } from './helpers/test-server';

// A stand-in for `frontend/dist`: what Vite's build writes, in miniature.
const dist = mkdtempSync(join(tmpdir(), 'messenger-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/index-3f2a1b.js"></script>');
writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), `console.log("app");\n`.repeat(200));
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

const server = useTestServer({ FRONTEND_DIST: dist });

it('serves the app for every deep link, always revalidated', async () => {
  for (const path of ['/', '/chats/123/messages/456', '/search?q=x', '/users/abc']) {
    const page = await request(server.url).get(path).expect(200);
    expect(page.text).toContain('/assets/index-3f2a1b.js');
    expect(page.headers['cache-control']).toBe('no-cache');
  }
  expect((await request(server.url).get('/favicon.svg').expect(200)).headers['cache-control']).toBe('no-cache');
});

it('answers a HEAD of a page as its GET would, without the body (uptime monitors, link checkers)', async () => {
  for (const path of ['/', '/chats/123']) {
    const head = await request(server.url).head(path).expect(200);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
    expect(head.text ?? '').toBe('');
  }
});

it('lets browsers keep content-hashed assets for a year, and sends them compressed', async () => {
  const asset = await request(server.url).get('/assets/index-3f2a1b.js').set('Accept-Encoding', 'gzip').expect(200);
  expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers['content-encoding']).toBe('gzip');
  expect(asset.text).toContain('console.log("app")');
  await request(server.url).get('/assets/index-old.js').expect(404);
});

it('never answers an API path with the app', async () => {
  const missing = await request(server.url).get('/api/no-such-thing').expect(401);
  expect(missing.body.error.code).toBe('UNAUTHORIZED');
  const user = await request(server.url)
    .post('/api/auth/register')
    .send({ username: 'webapp_user', password: 'a long password' })
    .expect(201);
  const signedIn = await request(server.url)
    .get('/api/no-such-thing')
    .set('Authorization', `Bearer ${user.body.accessToken as string}`)
    .expect(404);
  expect(signedIn.body.error.code).toBe('NOT_FOUND');
});

it('sends a Content-Security-Policy and the other browser hardening headers', async () => {
  const page = await request(server.url).get('/chats').expect(200);
  const csp = page.headers['content-security-policy'] as string;
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
  expect(page.headers['x-powered-by']).toBeUndefined();
  const api = await request(server.url).get('/api/users/me').expect(401);
  expect(api.headers['content-security-policy']).toBe(csp);
});

import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestServer, type TestServer } from './helpers/test-server';

/** CORS for FRONTEND_URL alone, and the refresh cookie's flags, in development and in production. */

const FRONTEND_URL = 'https://chat.example.com';
const register = (server: TestServer) =>
  request(server.url)
    .post('/api/auth/register')
    .send({ username: `cookie_${randomBytes(3).toString('hex')}`, password: 'correct horse battery' })
    .expect(201);

describe('in production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      NODE_ENV: 'production',
      FRONTEND_URL,
      JWT_SECRET: randomBytes(48).toString('base64'),
      JWT_REFRESH_SECRET: randomBytes(48).toString('base64'),
    });
  });
  afterAll(() => server.close());

  it('lets only FRONTEND_URL call the API from another origin, with credentials', async () => {
    const allowed = await request(server.url)
      .options('/api/auth/login')
      .set('Origin', FRONTEND_URL)
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(FRONTEND_URL);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');

    for (const origin of ['https://evil.example', 'https://chat.example.com.evil.example', 'null']) {
      const refused = await request(server.url)
        .options('/api/auth/login')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST');
      expect({ origin, allowOrigin: refused.headers['access-control-allow-origin'] }).toEqual({
        origin,
        allowOrigin: undefined,
      });
    }
  });

  it('sets the refresh cookie Secure, HttpOnly, SameSite=Strict, for /api/auth only', async () => {
    const cookie = (await register(server)).headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/api\/auth/);
  });

  it('names no framework in its headers', async () => {
    const response = await request(server.url).get('/health');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('in development (plain http://localhost)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ FRONTEND_URL: 'http://localhost:5173' });
  });
  afterAll(() => server.close());

  it('leaves the cookie without Secure, so that it works over http://localhost, and HttpOnly still', async () => {
    const cookie = (await register(server)).headers['set-cookie']?.[0] ?? '';
    expect(cookie).not.toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
  });
});

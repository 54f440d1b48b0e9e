import { connect } from 'node:net';
import request from 'supertest';
import { images } from './helpers/images';
import { useTestServer } from './helpers/test-server';
import { slowUpload } from './helpers/uploads';
import { registerUser, type TestUser } from './helpers/users';

/**
 * Requests that are broken below the API: bodies that are not JSON, too big or in another encoding, URLs and
 * headers past Node's limits, bytes that are not HTTP, uploads that are not images. Each gets the contract's
 * JSON error (tests/fuzz.test.ts throws generated garbage at the API itself).
 */

const server = useTestServer({ RATE_LIMIT_ENABLED: 'false' });
let owner: TestUser;

beforeAll(async () => {
  owner = await registerUser(server);
});

describe('malformed requests', () => {
  const send = (body: string | Buffer, contentType: string) =>
    request(server.url).post('/api/contacts/requests').set(owner.auth).set('Content-Type', contentType).send(body);

  it('refuses JSON that does not parse, with INVALID_JSON', async () => {
    for (const body of ['{', '{"userId": }', '[1,2', 'null x', '\u0000{}']) {
      const response = await send(body, 'application/json');
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({
        body,
        status: 400,
        code: 'INVALID_JSON',
      });
    }
  });

  it('refuses a body nested 100,000 levels deep without falling over', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const response = await send(deep, 'application/json');
    expect([400, 413]).toContain(response.status);
    expect(response.body.error.code).toMatch(/^(INVALID_JSON|PAYLOAD_TOO_LARGE)$/);
  });

  it('answers a URL over 16 KB, and bytes that are not HTTP, with JSON errors', async () => {
    const long = await request(server.url)
      .get(`/api/users/search?q=${'a'.repeat(20_000)}`)
      .set(owner.auth);
    expect(long.status).toBe(431);
    expect(long.body.error.code).toBe('HEADERS_TOO_LARGE');
    const { port } = new URL(server.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('HELLO THERE\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.split('\r\n\r\n')[1] ?? '')).toMatchObject({ error: { code: 'MALFORMED_REQUEST' } });
  });

  it('refuses text with a NUL character (PostgreSQL cannot store one) as a validation error naming the field', async () => {
    const search = await request(server.url).get('/api/users/search?q=a%00b').set(owner.auth);
    const profile = await request(server.url).put('/api/users/me').set(owner.auth).send({ displayName: 'Ann\u0000' });
    const group = await request(server.url)
      .post('/api/chats/group')
      .set(owner.auth)
      .send({ name: 'x\u0000y', memberIds: [] });
    for (const [response, field] of [
      [search, 'q'],
      [profile, 'displayName'],
      [group, 'name'],
    ] as const) {
      expect({ status: response.status, code: response.body.error?.code }).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(response.body.error.details).toEqual([{ field, message: 'must not contain the NUL character' }]);
    }
  });

  it('refuses bodies over 100 kB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await send(JSON.stringify({ userId: 'a'.repeat(200_000) }), 'application/json');
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('treats a body of another content type as no body: a validation error, not a crash', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await send('{"userId":"x"}', contentType);
      expect({ contentType, status: response.status, code: response.body.error?.code }).toEqual({
        contentType,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
    }
  });

  it('refuses invalid UTF-8 and unsupported charsets', async () => {
    const invalidUtf8 = Buffer.concat([Buffer.from('{"userId":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const invalid = await send(invalidUtf8, 'application/json');
    expectClientError(invalid.status, invalid.body);
    const charset = await send('{}', 'application/json; charset=ebcdic');
    expect(charset.status).toBe(415);
    expect(charset.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers uploads that are not images, or not multipart at all, with contract errors', async () => {
    const garbage = await request(server.url)
      .post('/api/attachments')
      .set(owner.auth)
      .attach('file', Buffer.from('<svg onload="alert(1)"/>'), { filename: 'x.png', contentType: 'image/png' });
    expectClientError(garbage.status, garbage.body);
    const notMultipart = await request(server.url)
      .post('/api/attachments')
      .set(owner.auth)
      .set('Content-Type', 'application/json')
      .send('{"file": "x"}');
    expectClientError(notMultipart.status, notMultipart.body);
    const wrongField = await request(server.url)
      .post('/api/attachments')
      .set(owner.auth)
      .attach('__proto__', Buffer.from('x'), 'x.png');
    expectClientError(wrongField.status, wrongField.body);
  });
});

it('keeps serving others while an upload trickles in, and takes the upload when it completes', async () => {
  const upload = slowUpload(Number(new URL(server.url).port), owner.accessToken, await images.png(400, 300));
  // Half of the upload is in; everything else goes on meanwhile.
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await request(server.url).get('/api/users/me').set(owner.auth).expect(200);
    expect(Date.now() - started).toBeLessThan(1_000);
  }
  upload.finish();
  expect((await upload.response).status).toBe(201);
});

/** A 4xx with the contract's error body. */
function expectClientError(status: number, body: unknown) {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(body).toMatchObject({ error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) } });
}

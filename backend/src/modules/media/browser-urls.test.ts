import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { documents } from '../../../tests/helpers/documents';
import { images } from '../../../tests/helpers/images';
import { hasValidSignature, startS3 } from '../../../tests/helpers/s3';
import { startTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';
import { createLogger } from '../../lib/logger';
import { S3Storage } from './s3-storage';

const WEB_APP = 'http://chat.example.test';

/** The part of the browser's XMLHttpRequest the test uses (the backend's TypeScript has no DOM types). */
interface BrowserXhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(): void;
  responseType: string;
  response: unknown;
  responseURL: string;
  status: number;
  onload: () => void;
  onerror: () => void;
}

/**
 * S3_PUBLIC_URL against a real S3-protocol server, which the API reaches as 127.0.0.1 and browsers as localhost. A
 * signature covers the Host header, so each URL's is checked for the host it names (s3rver checks only expiry).
 */
describe('images with S3_PUBLIC_URL', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let server: TestServer;
  let publicUrl: string;
  let alice: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    s3 = await startS3();
    publicUrl = s3.endpoint.replace('127.0.0.1', 'localhost');
    server = await startTestServer({
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_PUBLIC_URL: publicUrl,
      FRONTEND_URL: `${WEB_APP}/`,
    });
    alice = await registerUser(server);
    stranger = await registerUser(server);
  });
  afterAll(async () => {
    await server.close();
    await s3.stop();
  });

  const storage = () =>
    new S3Storage({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: 'chat-images',
      accessKeyId: s3.accessKey,
      secretAccessKey: s3.secretKey,
      browserAccess: { endpoint: publicUrl, webAppOrigin: WEB_APP },
    });
  const uploadPng = async () =>
    (
      await request(server.url)
        .post('/api/attachments')
        .set(alice.auth)
        .attach('file', await images.png(), { filename: 'photo.png', contentType: 'image/png' })
        .expect(201)
    ).body.attachment as { id: string; url: string; thumbnailUrl: string };
  const storedBytes = async (attachmentId: string, key: 'storageKey' | 'thumbnailKey') => {
    const row = await server.prisma.attachment.findUniqueOrThrow({ where: { id: attachmentId } });
    const object = await storage().get(String(row[key]));
    const chunks: Buffer[] = [];
    for await (const chunk of object?.body ?? []) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  /** What the web app's XMLHttpRequest does after the redirect: a GET from its own origin, no Authorization. */
  const fetchAsWebApp = (url: string, origin = WEB_APP) => fetch(url, { headers: { Origin: origin } });

  it('redirects a member to a short-lived URL on the public endpoint that serves exactly the stored image', async () => {
    const image = await uploadPng();

    for (const [path, key, type] of [
      [image.url, 'storageKey', 'image/png'],
      [image.thumbnailUrl, 'thumbnailKey', 'image/webp'],
    ] as const) {
      const redirect = await request(server.url).get(path).set(alice.auth).redirects(0).expect(302);
      const location = new URL(redirect.headers.location as string);
      expect(location.origin).toBe(publicUrl);
      expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
      expect(hasValidSignature(location.href, s3.secretKey)).toBe(true);
      // Cached well within the URL's 5 minutes, and never telling the store which page asked.
      expect(redirect.headers['cache-control']).toBe('private, max-age=120');
      expect(redirect.headers['referrer-policy']).toBe('no-referrer');

      const fetched = await fetchAsWebApp(location.href);
      expect(fetched.status).toBe(200);
      expect(Buffer.from(await fetched.arrayBuffer())).toEqual(await storedBytes(image.id, key));
      expect(fetched.headers.get('content-type')).toBe(type);
      expect(fetched.headers.get('content-disposition')).toBe('inline');
      expect(fetched.headers.get('cache-control')).toBe('private, max-age=86400, immutable');
      // The bucket's CORS rule, set at start, lets the web app's origin read the answer, and no other origin.
      expect(fetched.headers.get('access-control-allow-origin')).toBe(WEB_APP);
      expect(
        (await fetchAsWebApp(location.href, 'http://evil.example.test')).headers.get('access-control-allow-origin'),
      ).toBeNull();
    }
  });

  it('serves a file through the API itself, with its download headers, never by a redirect to the store', async () => {
    const file = (
      await request(server.url)
        .post('/api/attachments')
        .set(alice.auth)
        .attach('file', documents.pdf(), { filename: 'report.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body.attachment as { url: string };
    const answer = await request(server.url).get(file.url).set(alice.auth).redirects(0).expect(200);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename=report.pdf',
      'x-content-type-options': 'nosniff',
    });
  });

  it('tells a non-member nothing: 404, no redirect', async () => {
    const image = await uploadPng();
    for (const path of [image.url, image.thumbnailUrl]) {
      const answer = await request(server.url).get(path).set(stranger.auth).redirects(0).expect(404);
      expect(answer.headers.location).toBeUndefined();
    }
    await request(server.url).get(image.url).redirects(0).expect(401);
  });

  it('hands out URLs that stop working once they expire and cannot be altered to reach another image', async () => {
    const image = await uploadPng();
    const other = await uploadPng();
    const row = await server.prisma.attachment.findUniqueOrThrow({ where: { id: image.id } });
    const otherRow = await server.prisma.attachment.findUniqueOrThrow({ where: { id: other.id } });
    const sign = (expiresInSeconds: number) =>
      storage().browserUrls!.sign(row.storageKey, expiresInSeconds, {
        contentType: 'image/png',
        cacheControl: 'no-store',
      });

    const altered = new URL(await sign(300));
    altered.pathname = `/chat-images/${otherRow.storageKey}`;
    expect(hasValidSignature(altered.href, s3.secretKey)).toBe(false);
    const otherHost = new URL(await sign(300));
    otherHost.hostname = '127.0.0.1';
    expect(hasValidSignature(otherHost.href, s3.secretKey)).toBe(false);

    // Five seconds, not one: on a loaded machine the first fetch alone has taken longer than a second.
    const shortLived = await sign(5);
    expect(hasValidSignature(shortLived, s3.secretKey)).toBe(true);
    expect((await fetchAsWebApp(shortLived)).status).toBe(200);
    // Signatures count whole seconds: wait until the store's clock is past the expiry, however slow the machine.
    let status = 200;
    for (const deadline = Date.now() + 20_000; status === 200 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = (await fetchAsWebApp(shortLived)).status;
    }
    expect(status).toBe(403);
  }, 45_000);

  it('lets a real browser show the image: the redirect is followed without the token, and CORS and CSP allow it', async () => {
    const image = await uploadPng();
    // The page is on the web app's origin (FRONTEND_URL), served by this backend with its Content-Security-Policy.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        `--host-resolver-rules=MAP chat.example.test ${new URL(server.url).host}`,
      ],
    });
    try {
      const page = await browser.newPage();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) blocked.push(message.text());
      });
      await page.goto(`${WEB_APP}/health`);
      // What useAuthenticatedImage does through axios: an XMLHttpRequest with the bearer token, the bytes as a blob.
      const fetched = await page.evaluate(
        ({ url, authorization }) =>
          new Promise<{ status: number; bytes: number[]; finalUrl: string }>((resolve, reject) => {
            const Xhr = (globalThis as unknown as { XMLHttpRequest: new () => BrowserXhr }).XMLHttpRequest;
            const xhr = new Xhr();
            xhr.open('GET', url);
            xhr.setRequestHeader('Authorization', authorization);
            xhr.responseType = 'arraybuffer';
            xhr.onload = () =>
              resolve({
                status: xhr.status,
                bytes: Array.from(new Uint8Array(xhr.response as ArrayBuffer)),
                finalUrl: xhr.responseURL,
              });
            xhr.onerror = () => reject(new Error('the browser refused the request (CORS or CSP)'));
            xhr.send();
          }),
        { url: image.url, authorization: alice.auth.Authorization },
      );
      expect(blocked).toEqual([]);
      expect(fetched.status).toBe(200);
      expect(new URL(fetched.finalUrl).origin).toBe(publicUrl);
      expect(Buffer.from(fetched.bytes)).toEqual(await storedBytes(image.id, 'storageKey'));
    } finally {
      await browser.close();
    }
  });

  it("allows the store's origin in the Content-Security-Policy of the web app the backend serves", async () => {
    const answer = await request(server.url).get('/health').expect(200);
    const policy = String(answer.headers['content-security-policy']);
    expect(policy).toContain(`connect-src 'self' ${publicUrl}`);
    expect(policy).toContain(`img-src 'self' blob: data: ${publicUrl}`);
  });
});

it('streams as before when S3_PUBLIC_URL is set but images are on local disk', async () => {
  const server = await startTestServer({ S3_PUBLIC_URL: 'http://localhost:1' });
  try {
    const alice = await registerUser(server);
    const png = await images.png();
    const { body } = await request(server.url)
      .post('/api/attachments')
      .set(alice.auth)
      .attach('file', png, { filename: 'photo.png', contentType: 'image/png' })
      .expect(201);
    await request(server.url)
      .get(body.attachment.url)
      .set(alice.auth)
      .redirects(0)
      .expect(200)
      .expect('Content-Type', 'image/png');
    const policy = String((await request(server.url).get('/health')).headers['content-security-policy']);
    expect(policy).not.toContain('localhost:1');
  } finally {
    await server.close();
  }
});

it("says what to configure when the store refuses the bucket's CORS rule, and starts anyway", async () => {
  // A store without bucket CORS: it has the bucket, and answers NotImplemented to PutBucketCors.
  const store = createServer((req, res) => {
    const refused = req.method === 'PUT' && (req.url ?? '').includes('cors');
    res.writeHead(refused ? 501 : 200, { 'Content-Type': 'application/xml' });
    res.end(refused ? '<Error><Code>NotImplemented</Code><Message>not here</Message></Error>' : '');
  });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
  const lines: string[] = [];
  const storage = new S3Storage(
    {
      endpoint,
      region: 'us-east-1',
      bucket: 'chat-images',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      browserAccess: { endpoint, webAppOrigin: WEB_APP },
    },
    createLogger('warn', { write: (line: string) => void lines.push(line) }),
  );
  try {
    await storage.prepare();
  } finally {
    store.close();
  }
  expect(lines).toHaveLength(1);
  const warning = JSON.parse(lines[0] ?? '{}') as { msg: string };
  expect(warning.msg).toContain("could not set the bucket's CORS rule");
  expect(warning.msg).toContain(`allows GET and HEAD from ${WEB_APP}`);
});

import request from 'supertest';
import { images } from '../../../tests/helpers/images';
import { useTestServer } from '../../../tests/helpers/test-server';
import { slowUpload } from '../../../tests/helpers/uploads';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

/** What one user's uploads may cost the server: pixels per image, and bytes per day. */

// Room for one 200×200 noise image (~120 KB stored) a day, not two.
const server = useTestServer({ UPLOAD_QUOTA_BYTES_PER_DAY: String(200_000) });

const upload = (user: TestUser, file: Buffer) =>
  request(server.url).post('/api/attachments').set(user.auth).attach('file', file, 'image.png');

it('refuses an image of more than 50 megapixels, however small its file', async () => {
  const alice = await registerUser(server);
  const response = await upload(alice, await images.overFiftyMegapixels()).expect(415);
  expect(response.body.error).toMatchObject({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The image has too many pixels',
  });
});

it("refuses uploads past a user's daily quota with 429 UPLOAD_QUOTA_EXCEEDED, and only that user's", async () => {
  const [alice, bob] = [await registerUser(server), await registerUser(server)];
  const image = await images.noise(200);
  await upload(alice, image).expect(201);

  const refused = await upload(alice, image).expect(429);
  expect(refused.body.error).toMatchObject({
    code: 'UPLOAD_QUOTA_EXCEEDED',
    details: { retryAfterSeconds: expect.any(Number) },
  });
  expect(refused.body.error.details.retryAfterSeconds).toBeGreaterThan(86_000);
  // The same wait in the header that HTTP clients and proxies read.
  expect(refused.headers['retry-after']).toBe(String(refused.body.error.details.retryAfterSeconds));
  expect(await server.prisma.attachment.count({ where: { uploaderId: alice.id } })).toBe(1);

  await upload(bob, image).expect(201);
});

it('refuses a fourth upload while a user has three under way, and takes uploads again once they are done', async () => {
  const carol = await registerUser(server);
  const port = Number(new URL(server.url).port);
  const image = await images.png(400, 300);
  const underWay = Array.from({ length: 3 }, () => slowUpload(port, carol.accessToken, image));

  // The three are read only half-way; once the server has them all, a fourth is refused before it is read.
  let fourth: { status: number; headers: Record<string, string>; body: { error?: unknown } } = {
    status: 0,
    headers: {},
    body: {},
  };
  try {
    const deadline = Date.now() + 10_000;
    while (fourth.status !== 429 && Date.now() < deadline) {
      fourth = await upload(carol, image);
      if (fourth.status !== 429) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    // Whatever happened, the half-sent uploads end, or the server could not close.
    for (const { finish } of underWay) finish();
  }
  expect(fourth.status).toBe(429);
  expect(fourth.body.error).toMatchObject({ code: 'UPLOAD_QUOTA_EXCEEDED', details: { retryAfterSeconds: 1 } });
  expect(fourth.headers['retry-after']).toBe('1');

  for (const { response } of underWay) expect((await response).status).toBe(201);
  await upload(carol, image).expect(201);
});

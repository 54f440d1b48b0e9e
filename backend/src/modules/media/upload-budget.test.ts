import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { documents } from '../../../tests/helpers/documents';
import { images } from '../../../tests/helpers/images';
import { useTestServer } from '../../../tests/helpers/test-server';
import { partialUpload } from '../../../tests/helpers/uploads';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

/** What all uploads under way together may hold of the server's memory: UPLOAD_MEMORY_BUDGET_MB, across users. */

const MB = 1024 * 1024;
// The smallest budget there may be: one file of the largest size.
const server = useTestServer({ UPLOAD_MEMORY_BUDGET_MB: '25' });

const register = () => registerUser(server);

/** The bytes the uploads under way hold now, as the instance reports them to Prometheus. */
async function reservedBytes(): Promise<number> {
  const metrics = await request(server.url).get('/metrics').expect(200);
  const value = /^messenger_upload_bytes_reserved (\d+)$/m.exec(metrics.text)?.[1];
  if (value === undefined) throw new Error('no messenger_upload_bytes_reserved in /metrics');
  return Number(value);
}

/** Polls the gauge until `holds` is true of it (a loaded machine takes its time); answers the last value seen. */
async function reservedOnce(holds: (bytes: number) => boolean, what: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const bytes = await reservedBytes();
    if (holds(bytes)) return bytes;
    if (Date.now() > deadline) throw new Error(`the upload budget never ${what} (${bytes} bytes reserved)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads the test holds open: whatever happens in it, they end, or the server could not close. */
const heldUploads: { abort(): void }[] = [];

/** A PDF upload of `size` bytes of which only the start is sent until `finish` (or `abort`). */
const heldPdf = (user: TestUser, size: number, options: { sendFirst?: number; chunked?: boolean } = {}) => {
  const port = Number(new URL(server.url).port);
  const upload = partialUpload(port, user.accessToken, documents.pdf(size), {
    filename: 'report.pdf',
    contentType: 'application/pdf',
    sendFirst: 64 * 1024,
    ...options,
  });
  // An aborted upload has no answer; one that the test does not wait for must not fail it either.
  upload.response.catch(() => undefined);
  heldUploads.push(upload);
  return upload;
};

const uploadPdf = (user: TestUser, size: number) =>
  request(server.url)
    .post('/api/attachments')
    .set(user.auth)
    .attach('file', documents.pdf(size), { filename: 'report.pdf', contentType: 'application/pdf' });

let photo: Buffer;
beforeAll(async () => {
  photo = await images.png();
});

const uploadImage = (user: TestUser, image = photo) =>
  request(server.url)
    .post('/api/attachments')
    .set(user.auth)
    .attach('file', image, { filename: 'photo.png', contentType: 'image/png' });

afterEach(async () => {
  for (const upload of heldUploads.splice(0)) upload.abort();
  // Every upload has ended, whichever way: a reservation left behind would refuse uploads for good.
  expect(await reservedOnce((bytes) => bytes === 0, 'came back to 0')).toBe(0);
});

it('refuses uploads past the budget with 503 and Retry-After, takes those within it, and is free again once they end or are abandoned', async () => {
  const [alice, bob, carol, dave] = await Promise.all([register(), register(), register(), register()]);
  // Two 10 MB uploads under way, both declaring their length: 20 of the 25 MB are taken before they are read.
  const fromAlice = heldPdf(alice, 10 * MB);
  const fromBob = heldPdf(bob, 10 * MB);
  await reservedOnce((bytes) => bytes >= 20 * MB, 'held both uploads');

  const refused = await uploadPdf(carol, 10 * MB).expect(503);
  expect(refused.headers['retry-after']).toBe('5');
  expect(refused.body.error).toMatchObject({ code: 'UPLOADS_BUSY' });
  expect(await server.prisma.attachment.count({ where: { uploaderId: carol.id } })).toBe(0);
  // A small one still fits in what is left.
  await uploadImage(dave).expect(201);

  fromAlice.finish();
  // Bob's client goes away mid-upload.
  fromBob.abort();
  expect((await fromAlice.response).status).toBe(201);
  await reservedOnce((bytes) => bytes === 0, 'came back to 0 after one upload ended and one was abandoned');

  await uploadPdf(carol, 10 * MB).expect(201);
  // Bob's abandoned upload no longer counts among his uploads under way either.
  await uploadPdf(bob, 10 * MB).expect(201);
}, 60_000);

it('counts an upload without Content-Length as its bytes arrive, and stops it where the budget ends', async () => {
  const [alice, bob, carol] = await Promise.all([register(), register(), register()]);
  heldPdf(alice, 20 * MB);
  const alicesShare = await reservedOnce((bytes) => bytes >= 20 * MB, "held Alice's upload");

  // 2 MB of a 4 MB upload of unknown length have been sent: only what has arrived is reserved.
  const fromCarol = heldPdf(carol, 4 * MB, { chunked: true, sendFirst: 2 * MB });
  const withCarols = await reservedOnce((bytes) => bytes > alicesShare, "counted Carol's first bytes");
  expect(withCarols - alicesShare).toBeLessThanOrEqual(2 * MB);
  fromCarol.finish();
  expect((await fromCarol.response).status).toBe(201);

  // 10 MB of unknown length cannot fit beside Alice's 20: refused once it passes the 5 MB left, as it streams.
  const fromBob = heldPdf(bob, 10 * MB, { chunked: true, sendFirst: 10 * MB });
  fromBob.finish();
  const refused = await fromBob.response;
  expect(refused.status).toBe(503);
  expect(JSON.parse(refused.body).error).toMatchObject({ code: 'UPLOADS_BUSY' });
  // Alice's upload is abandoned (afterEach).
}, 60_000);

it('gives the bytes back when an upload fails after it was read: an image sharp cannot decode, a store that fails', async () => {
  const alice = await registerUser(server);
  // A PNG's header, then nothing that decodes.
  await uploadImage(alice, Buffer.concat([photo.subarray(0, 40), Buffer.alloc(4096)])).expect(415);
  expect(await reservedBytes()).toBe(0);

  // The local store cannot create the upload's folder where a file is in the way.
  const attachments = join(server.dataDir, 'uploads', 'attachments');
  rmSync(attachments, { recursive: true, force: true });
  writeFileSync(attachments, 'in the way');
  try {
    await uploadImage(alice).expect(500);
    expect(await reservedBytes()).toBe(0);
  } finally {
    rmSync(attachments);
    mkdirSync(attachments);
  }
  await uploadImage(alice).expect(201);
});

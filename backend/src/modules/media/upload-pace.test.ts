import request from 'supertest';
import { documents } from '../../../tests/helpers/documents';
import { useTestServer } from '../../../tests/helpers/test-server';
import { partialUpload } from '../../../tests/helpers/uploads';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

/** The slowest an upload may arrive (UPLOAD_MIN_BYTES_PER_SECOND over UPLOAD_RATE_WINDOW_SECONDS) before it ends. */

const MB = 1024 * 1024;
// The smallest budget (one file of the largest size), and a window short enough for a test: 4 KiB/s over 2 s.
const server = useTestServer({ UPLOAD_MEMORY_BUDGET_MB: '25', UPLOAD_RATE_WINDOW_SECONDS: '2' });

const uploadPdf = (user: TestUser, size: number) =>
  request(server.url)
    .post('/api/attachments')
    .set(user.auth)
    .attach('file', documents.pdf(size), { filename: 'report.pdf', contentType: 'application/pdf' });

/** An upload of `size` bytes that declares its whole length, sends 64 kB of it, then `bytes` every `everyMs` ms. */
const trickle = (user: TestUser, size: number, bytes: number, everyMs: number) =>
  partialUpload(Number(new URL(server.url).port), user.accessToken, documents.pdf(size), {
    filename: 'report.pdf',
    contentType: 'application/pdf',
    sendFirst: 64 * 1024,
    trickle: { bytes, everyMs },
  });

const trickling: { abort(): void }[] = [];
afterEach(() => {
  // Whatever happened, the test's clients stop, or the server could not close.
  for (const upload of trickling.splice(0)) upload.abort();
});

it('ends uploads that trickle with 408 UPLOAD_TOO_SLOW, giving back their share of the budget and their slots', async () => {
  const [alice, bob] = await Promise.all([registerUser(server), registerUser(server)]);
  // Alice's three uploads under way declare 24 of the 25 MB, then send 10 bytes a second.
  const uploads = Array.from({ length: 3 }, () => trickle(alice, 8 * MB - 1024, 1, 100));
  trickling.push(...uploads);

  for (const { response } of uploads) {
    const answer = await response;
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'UPLOAD_TOO_SLOW' });
    // The server stops reading what the client still sends.
    expect(answer.headers.connection).toBe('close');
  }
  expect(await server.prisma.attachment.count({ where: { uploaderId: alice.id } })).toBe(0);

  // Bob's file needs most of the budget, and Alice has her three upload slots again.
  await uploadPdf(bob, 20 * MB).expect(201);
  await uploadPdf(alice, MB).expect(201);
}, 60_000);

it('keeps an upload that arrives slowly but steadily, over many windows', async () => {
  const carol = await registerUser(server);
  // 64 kB at once, then 192 kB at 40 kB/s (ten times the floor): about five seconds, more than two windows.
  const upload = trickle(carol, 256 * 1024, 4 * 1024, 100);
  trickling.push(upload);
  expect((await upload.response).status).toBe(201);
});

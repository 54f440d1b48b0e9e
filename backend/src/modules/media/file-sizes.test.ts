import { MAX_FILE_BYTES, MAX_IMAGE_BYTES } from '@messenger/contract';
import request from 'supertest';
import { documents } from '../../../tests/helpers/documents';
import { useTestServer } from '../../../tests/helpers/test-server';
import { partialUpload } from '../../../tests/helpers/uploads';
import { registerUser } from '../../../tests/helpers/users';

/** How large an upload may be: 25 MB for a document, 10 MB for an image, enforced while the bytes stream in. */

const server = useTestServer();
const MB = 1024 * 1024;

it('takes a 25 MB PDF and refuses one byte more with 413', async () => {
  const alice = await registerUser(server);
  const exactly = documents.pdf(MAX_FILE_BYTES - documents.pdf().length);
  const upload = (file: Buffer) =>
    request(server.url)
      .post('/api/attachments')
      .set(alice.auth)
      .attach('file', file, { filename: 'big.pdf', contentType: 'application/pdf' });
  const taken = await upload(exactly).expect(201);
  expect(taken.body.attachment).toMatchObject({ kind: 'file', size: MAX_FILE_BYTES });
  const refused = await upload(Buffer.concat([exactly, Buffer.alloc(1)])).expect(413);
  expect(refused.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 25 MB' });
}, 30_000);

it.each([
  ['a 26 MB PDF', 'big.pdf', 'application/pdf', 26 * MB, MAX_FILE_BYTES, 'The file is larger than 25 MB'],
  [
    'an 11 MB file declared as an image',
    'photo.png',
    'image/png',
    11 * MB,
    MAX_IMAGE_BYTES,
    'The file is larger than 10 MB',
  ],
])(
  'cuts %s off with 413 as soon as it passes the limit, before the rest has arrived',
  async (_label, filename, contentType, size, limit, message) => {
    const alice = await registerUser(server);
    const port = Number(new URL(server.url).port);
    // Past the limit by 64 kB, then nothing more: the upload is still open when the answer comes.
    const upload = partialUpload(port, alice.accessToken, documents.pdf(size), {
      filename,
      contentType,
      sendFirst: limit + 64 * 1024,
    });
    try {
      // A server that waited for the whole upload would never answer: fail then, rather than hang. Generous, as
      // 25 MB cross loopback and the parser slowly on a loaded machine (10 s was once not enough in CI).
      const tooLate = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), 40_000));
      const answer = await Promise.race([upload.response, tooLate]);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message });
    } finally {
      upload.abort();
    }
    expect(await server.prisma.attachment.count({ where: { uploaderId: alice.id } })).toBe(0);
  },
  60_000,
);

import request from 'supertest';
import sharp from 'sharp';
import { images } from '../../../tests/helpers/images';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { STORAGE_BACKENDS, type StorageBackend } from '../../../tests/helpers/storage-backends';
import { downloadBytes } from '../../../tests/helpers/uploads';
import { startTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { makeContacts, registerUser, type TestUser } from '../../../tests/helpers/users';
import { createLogger } from '../../lib/logger';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { UploadBudget } from './upload-budget';

const TEN_MB = 10 * 1024 * 1024;

describe.each(STORAGE_BACKENDS)('images on %s', (_, startStorage) => {
  let server: TestServer;
  let backend: StorageBackend;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    backend = await startStorage();
    server = await startTestServer(backend.env);
    alice = await registerUser(server);
    bob = await registerUser(server);
  });
  afterAll(async () => {
    await server.close();
    await backend.stop();
  });

  /** The storage the server writes to, opened independently to look behind its back. */
  const serverStorage = () => backend.open(server.dataDir);
  const upload = (user: TestUser, file: Buffer, filename = 'photo.bin', contentType = 'application/octet-stream') =>
    request(server.url).post('/api/attachments').set(user.auth).attach('file', file, { filename, contentType });
  const download = (user: TestUser, path: string) => downloadBytes(server.url, user.auth, path);

  it('turns a JPEG upright, strips its EXIF (GPS included) and makes a WebP thumbnail', async () => {
    const response = await upload(alice, await images.jpegWithGps(), 'holiday.png', 'image/png').expect(201);
    const { attachment } = response.body;
    expect(attachment).toMatchObject({ mime: 'image/jpeg', width: 400, height: 600 });
    expect(attachment.url).toBe(`/api/attachments/${attachment.id}`);

    const original = await download(alice, attachment.url).expect(200).expect('Content-Type', 'image/jpeg');
    const stored = await sharp(original.body as Buffer).metadata();
    expect({ width: stored.width, height: stored.height, exif: stored.exif }).toEqual({
      width: 400,
      height: 600,
      exif: undefined,
    });
    expect((original.body as Buffer).includes(Buffer.from('Spy cam'))).toBe(false);

    const thumbnail = await download(alice, attachment.thumbnailUrl).expect(200).expect('Content-Type', 'image/webp');
    const small = await sharp(thumbnail.body as Buffer).metadata();
    expect(Math.max(small.width ?? 0, small.height ?? 0)).toBe(320);
  });

  it('accepts PNG and WebP, and keeps an animated GIF animated', async () => {
    await upload(alice, await images.png())
      .expect(201)
      .expect(({ body }) => expect(body.attachment.mime).toBe('image/png'));
    await upload(alice, await images.webp()).expect(201);
    const gif = await upload(alice, await images.animatedGif()).expect(201);
    expect(gif.body.attachment).toMatchObject({ mime: 'image/gif', width: 40, height: 30 });
    const stored = await download(alice, gif.body.attachment.url).expect(200);
    expect((await sharp(stored.body as Buffer, { animated: true }).metadata()).pages).toBe(2);
  });

  it.each([
    ['SVG', images.svg, 'icon.svg', 'image/svg+xml'],
    ['text that claims to be a PNG', async () => Buffer.from('hello, not an image'), 'fake.png', 'image/png'],
    ['a truncated JPEG', async () => (await images.jpegWithGps()).subarray(0, 300), 'cut.jpg', 'image/jpeg'],
  ])('refuses %s with 415', async (_label, make, filename, contentType) => {
    const response = await upload(alice, await make(), filename, contentType).expect(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a decompression bomb', async () => {
    await upload(alice, await images.decompressionBomb()).expect(415);
  }, 20_000);

  it('takes 10 MB and refuses 10 MB + 1 byte, without a 500 for bad requests', async () => {
    const jpeg = await images.jpegWithGps();
    const exactly = Buffer.concat([jpeg, Buffer.alloc(TEN_MB - jpeg.length)]);
    await upload(alice, exactly).expect(201);
    const response = await upload(alice, Buffer.concat([exactly, Buffer.alloc(1)])).expect(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    await request(server.url).post('/api/attachments').set(alice.auth).send({ file: 'json' }).expect(415);
    await request(server.url).post('/api/attachments').set(alice.auth).field('other', 'x').expect(400);
    await request(server.url).post('/api/attachments').attach('file', jpeg, 'x.jpg').expect(401);
  }, 20_000);

  it('shows an upload only to its uploader, and an avatar to everyone signed in', async () => {
    const { body } = await upload(alice, await images.png()).expect(201);
    await download(bob, body.attachment.url).expect(404);
    await download(bob, body.attachment.thumbnailUrl).expect(404);
    await request(server.url).get(body.attachment.url).expect(401);
    await request(server.url).get('/api/attachments/not-an-id').set(alice.auth).expect(400);

    await request(server.url)
      .put('/api/users/me')
      .set(alice.auth)
      .send({ avatarAttachmentId: body.attachment.id })
      .expect(200);
    await download(bob, body.attachment.thumbnailUrl).expect(200);
    const profile = await request(server.url).get(`/api/users/${alice.id}`).set(bob.auth).expect(200);
    expect(profile.body.user.avatarUrl).toBe(body.attachment.thumbnailUrl);
  });

  describe('in messages', () => {
    let carol: TestUser;
    let chatId: string;
    beforeAll(async () => {
      carol = await registerUser(server);
      await makeContacts(server, alice, bob);
      await makeContacts(server, alice, carol);
      const group = await request(server.url)
        .post('/api/chats/group')
        .set(alice.auth)
        .send({ name: 'Photos', memberIds: [bob.id, carol.id] })
        .expect(201);
      chatId = group.body.chat.id;
    });
    const send = (user: TestUser, body: Record<string, unknown>) =>
      request(server.url).post(`/api/chats/${chatId}/messages`).set(user.auth).send(body);

    it('sends images with or without a caption, and shows them to members only, at once', async () => {
      const first = (await upload(alice, await images.png()).expect(201)).body.attachment;
      const second = (await upload(alice, await images.webp()).expect(201)).body.attachment;
      const sent = await send(alice, { clientMsgId: 'img-1', attachmentIds: [first.id, second.id] }).expect(201);
      expect(sent.body.message).toMatchObject({ type: 'image', content: '', attachments: [first, second] });
      const captioned = (await upload(alice, await images.png()).expect(201)).body.attachment;
      await send(alice, { clientMsgId: 'img-2', content: 'look', attachmentIds: [captioned.id] })
        .expect(201)
        .expect(({ body }) => expect(body.message).toMatchObject({ type: 'image', content: 'look' }));

      const stranger = await registerUser(server);
      await download(bob, first.url).expect(200);
      await download(carol, second.thumbnailUrl).expect(200);
      await download(stranger, first.url).expect(404);

      await request(server.url).delete(`/api/chats/${chatId}/participants/${carol.id}`).set(alice.auth).expect(204);
      await download(carol, second.thumbnailUrl).expect(404);
    });

    const sockets = useTestSockets();

    it("pushes an image message to the members' devices, and a stranger's images find no chat", async () => {
      const bobsPhone = await sockets.connect(server.url, bob.accessToken);
      const pushed = nextEvent<{ message: { clientMsgId: string; attachments: unknown[] } }>(
        bobsPhone,
        'message:new',
        5_000,
        ({ message }) => message.clientMsgId === 'img-live',
      );
      const image = (await upload(alice, await images.png()).expect(201)).body.attachment;
      await send(alice, { clientMsgId: 'img-live', attachmentIds: [image.id] }).expect(201);
      expect((await pushed).message.attachments).toEqual([image]);

      // Access comes first: whether the images are usable is none of a non-member's business.
      const stranger = await registerUser(server);
      const own = (await upload(stranger, await images.png()).expect(201)).body.attachment;
      await send(stranger, { clientMsgId: 'own', attachmentIds: [own.id] }).expect(404);
      await send(stranger, { clientMsgId: 'taken', attachmentIds: [image.id] }).expect(404);
    });

    it("refuses someone else's upload, an image sent twice, and a message with nothing in it", async () => {
      const bobs = (await upload(bob, await images.png()).expect(201)).body.attachment;
      await send(alice, { clientMsgId: 'steal', attachmentIds: [bobs.id] }).expect(400);
      await send(bob, { clientMsgId: 'mine', attachmentIds: [bobs.id] }).expect(201);
      await send(bob, { clientMsgId: 'again', attachmentIds: [bobs.id] }).expect(400);
      await send(bob, { clientMsgId: 'empty' }).expect(400);
      await send(bob, { clientMsgId: 'empty-list', attachmentIds: [] }).expect(400);
    });

    it('removes the images from storage when their message is deleted', async () => {
      const image = (await upload(bob, await images.png()).expect(201)).body.attachment;
      const sent = await send(bob, { clientMsgId: 'to-delete', attachmentIds: [image.id] }).expect(201);
      const { storageKey, thumbnailKey } = await server.prisma.attachment.findUniqueOrThrow({
        where: { id: image.id },
      });
      const storage = serverStorage();
      expect(await storage.get(storageKey)).not.toBeNull();
      await request(server.url).delete(`/api/messages/${sent.body.message.id}`).set(bob.auth).expect(200);
      await download(bob, image.url).expect(404);
      expect(await storage.get(storageKey)).toBeNull();
      expect(await storage.get(String(thumbnailKey))).toBeNull();
    });
  });

  it('removes uploads that nothing used within a day, but keeps avatars and sent images', async () => {
    const abandoned = (await upload(alice, await images.png()).expect(201)).body.attachment;
    const avatar = (await upload(alice, await images.png()).expect(201)).body.attachment;
    const fresh = (await upload(alice, await images.png()).expect(201)).body.attachment;
    await request(server.url).put('/api/users/me').set(alice.auth).send({ avatarAttachmentId: avatar.id }).expect(200);
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    await server.prisma.attachment.updateMany({
      where: { id: { in: [abandoned.id, avatar.id] } },
      data: { createdAt: dayAgo },
    });

    const storage = serverStorage();
    const repository = new MediaRepository(server.prisma);
    const pace = { minBytesPerSecond: 1, windowSeconds: 60 };
    const logger = createLogger('silent');
    const media = new MediaService(repository, storage, logger, 1024 ** 3, new UploadBudget(1024 ** 3), pace);
    expect(await media.removeAbandoned(24 * 3_600_000)).toBeGreaterThanOrEqual(1);
    await download(alice, abandoned.url).expect(404);
    await download(alice, avatar.url).expect(200);
    await download(alice, fresh.url).expect(200);
  });
});

import { FILE_TYPES } from '@messenger/contract';
import { parse as parseContentDisposition } from 'content-disposition';
import request from 'supertest';
import { documents } from '../../../tests/helpers/documents';
import { groupWithOutsider } from '../../../tests/helpers/groups';
import { images } from '../../../tests/helpers/images';
import { STORAGE_BACKENDS, type StorageBackend } from '../../../tests/helpers/storage-backends';
import { startTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { downloadBytes } from '../../../tests/helpers/uploads';
import type { TestUser } from '../../../tests/helpers/users';

interface FileAttachment {
  id: string;
  kind: string;
  name: string;
  mime: string;
  size: number;
  url: string;
}

describe.each(STORAGE_BACKENDS)('files on %s', (_, startStorage) => {
  let server: TestServer;
  let backend: StorageBackend;
  let alice: TestUser;
  let bob: TestUser;
  let stranger: TestUser;
  let chatId: string;
  beforeAll(async () => {
    backend = await startStorage();
    server = await startTestServer(backend.env);
    ({ owner: alice, member: bob, outsider: stranger, chatId } = await groupWithOutsider(server, 'Documents'));
  });
  afterAll(async () => {
    await server.close();
    await backend.stop();
  });

  const upload = (user: TestUser, file: Buffer, filename: string, contentType = 'application/octet-stream') =>
    request(server.url).post('/api/attachments').set(user.auth).attach('file', file, { filename, contentType });
  const uploaded = async (file: Buffer, filename: string, contentType?: string) =>
    (await upload(alice, file, filename, contentType).expect(201)).body.attachment as FileAttachment;
  const download = (user: TestUser, path: string) => downloadBytes(server.url, user.auth, path);
  const send = (user: TestUser, body: Record<string, unknown>) =>
    request(server.url).post(`/api/chats/${chatId}/messages`).set(user.auth).send(body);

  it.each([
    ['a PDF', 'report.pdf', 'application/pdf', documents.pdf(), 'application/pdf'],
    ['plain text', 'notes.txt', 'text/plain', documents.text(), 'text/plain; charset=utf-8'],
    ['a CSV', 'data.csv', 'application/vnd.ms-excel', documents.csv(), 'text/csv; charset=utf-8'],
    ['a ZIP', 'bundle.zip', 'application/zip', documents.zip(), 'application/zip'],
    ['a Word document', 'letter.docx', '', documents.docx(), FILE_TYPES.docx.mime],
    ['an Excel workbook', 'budget.xlsx', '', documents.xlsx(), FILE_TYPES.xlsx.mime],
    ['a PowerPoint deck', 'slides.pptx', '', documents.pptx(), FILE_TYPES.pptx.mime],
    ['a Word 97 document', 'old.doc', 'application/msword', documents.compoundFile(), 'application/msword'],
  ])('takes %s and serves it back to download, never to show', async (_label, name, declared, bytes, served) => {
    const file = await uploaded(bytes, name, declared || 'application/octet-stream');
    expect(file).toMatchObject({ kind: 'file', name, size: bytes.length, url: `/api/attachments/${file.id}` });
    expect(file).not.toHaveProperty('thumbnailUrl');

    const answer = await download(alice, file.url).expect(200);
    expect(answer.body).toEqual(bytes);
    expect(answer.headers['content-type']).toBe(served);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe('private, max-age=86400, immutable');
    expect(parseContentDisposition(answer.headers['content-disposition'] as string)).toEqual({
      type: 'attachment',
      parameters: { filename: name },
    });
    await download(alice, `${file.url}/thumbnail`).expect(404);
  });

  it('keeps a name in any script, sent as RFC 6266 filename* with an ASCII fallback, and defuses the rest', async () => {
    const file = await uploaded(documents.pdf(), 'Übersicht «Q3» 📈.pdf');
    expect(file.name).toBe('Übersicht «Q3» 📈.pdf');
    const header = (await download(alice, file.url).expect(200)).headers['content-disposition'] as string;
    expect(header).toBe(
      `attachment; filename="Ubersicht _Q3_ _.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%C2%ABQ3%C2%BB%20%F0%9F%93%88.pdf`,
    );

    const tricked = await uploaded(documents.pdf(), 'invoice\u202Efdp.exe');
    expect(tricked.name).toBe('invoicefdp.exe.pdf');
    const unnamed = await uploaded(documents.docx(), 'download');
    expect(unnamed).toMatchObject({ name: 'download.docx', mime: FILE_TYPES.docx.mime });
  });

  it.each([
    ['a ZIP named .pdf', documents.zip(), 'report.pdf', 'application/pdf'],
    ['a plain ZIP named .docx', documents.zip(), 'letter.docx', ''],
    ['binary bytes named .txt', documents.binary(), 'notes.txt', 'text/plain'],
    ['a PDF declared as a PNG', documents.pdf(), 'scan', 'image/png'],
    ['a PNG named .pdf', 'png', 'photo.pdf', 'application/pdf'],
    ['text that declares nothing', documents.text(), 'notes', ''],
    ['a program', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'setup.exe', 'application/x-msdownload'],
  ])('refuses %s with 415, storing nothing', async (_label, bytes, name, declared) => {
    const before = await server.prisma.attachment.count();
    const file = bytes === 'png' ? await images.png() : (bytes as Buffer);
    const answer = await upload(alice, file, name, declared || 'application/octet-stream').expect(415);
    expect(answer.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await server.prisma.attachment.count()).toBe(before);
  });

  it('never makes a file an avatar', async () => {
    const file = await uploaded(documents.pdf(), 'me.pdf');
    await request(server.url).put('/api/users/me').set(alice.auth).send({ avatarAttachmentId: file.id }).expect(400);
    await upload(alice, documents.pdf(), 'me.pdf').query({ purpose: 'avatar' }).expect(415);
  });

  it('sends files in a message that only its chat can download, and removes them with it', async () => {
    const pdf = await uploaded(documents.pdf(), 'agenda.pdf');
    await download(bob, pdf.url).expect(404);
    const sent = await send(alice, { clientMsgId: 'file-1', content: 'the agenda', attachmentIds: [pdf.id] });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ type: 'file', content: 'the agenda', attachments: [pdf] });
    expect((await download(bob, pdf.url).expect(200)).body).toEqual(documents.pdf());
    await download(stranger, pdf.url).expect(404);
    await request(server.url).get(pdf.url).expect(401);

    // A file among images makes a file message.
    const image = (await upload(alice, await images.png(), 'photo.png', 'image/png').expect(201)).body.attachment;
    const csv = await uploaded(documents.csv(), 'data.csv', 'text/csv');
    const mixed = await send(alice, { clientMsgId: 'file-2', attachmentIds: [image.id, csv.id] }).expect(201);
    expect(mixed.body.message).toMatchObject({ type: 'file', attachments: [image, csv] });

    const { storageKey } = await server.prisma.attachment.findUniqueOrThrow({ where: { id: pdf.id } });
    const storage = backend.open(server.dataDir);
    expect(await storage.get(storageKey)).not.toBeNull();
    await request(server.url).delete(`/api/messages/${sent.body.message.id}`).set(alice.auth).expect(200);
    await download(bob, pdf.url).expect(404);
    expect(await storage.get(storageKey)).toBeNull();
  });
});

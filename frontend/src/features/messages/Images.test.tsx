import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CreateMessageRequest, ImageAttachment } from '@messenger/contract';
import { apiError, created, fakeApi, ok, type FakeReply } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const chat = makeGroupChat('c1', 'Team', [alice, bob]);
const photo: ImageAttachment = {
  kind: 'image',
  id: 'a1',
  name: 'cat.png',
  mime: 'image/png',
  size: 1234,
  width: 1600,
  height: 800,
  url: '/api/attachments/a1',
  thumbnailUrl: '/api/attachments/a1/thumbnail',
};
const imageBytes = (): FakeReply => ({ status: 200, body: new Blob(['png'], { type: 'image/png' }) });
const page = (messages = [makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: bob })]) =>
  ok({ messages, hasMoreBefore: false, hasMoreAfter: false });
const pngFile = (name = 'cat.png') => new File(['png-bytes'], name, { type: 'image/png' });

describe('image messages', () => {
  it('shows the thumbnail in a box sized from the image, fetched with the token, and opens the full image', async () => {
    const message = makeMessage({
      id: 'm1',
      chatId: 'c1',
      seq: 1,
      sender: bob,
      type: 'image',
      content: 'our cat',
      attachments: [photo],
    });
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page([message]),
      'GET /api/attachments/a1/thumbnail': imageBytes,
      'GET /api/attachments/a1': imageBytes,
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    const thumbnail = await screen.findByRole('img', { name: 'our cat' });
    expect(thumbnail.getAttribute('src')).toMatch(/^blob:/);
    expect(thumbnail.closest('button')).toHaveStyle({ width: '320px' });
    expect(screen.getByText('our cat', { selector: 'div *, div' })).toBeInTheDocument();
    const thumbnailFetch = requests.find((request) => request.path === photo.thumbnailUrl);
    expect(thumbnailFetch?.authorization).toBe('Bearer token-1');

    await user.click(thumbnail);
    const viewer = screen.getByRole('dialog', { name: 'Image viewer' });
    expect(await within(viewer).findByRole('img', { name: 'our cat' })).toBeInTheDocument();
    expect(requests.filter((request) => request.path === photo.url)).toHaveLength(1);
    expect(within(viewer).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.click(thumbnail);
    await user.click(
      within(screen.getByRole('dialog', { name: 'Image viewer' })).getByRole('button', { name: 'Close' }),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.filter((request) => request.path === photo.thumbnailUrl)).toHaveLength(1);
  });

  it('names an image without a caption "Image"', async () => {
    const message = makeMessage({
      id: 'm1',
      chatId: 'c1',
      seq: 1,
      sender: bob,
      type: 'image',
      content: '',
      attachments: [photo],
    });
    fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page([message]),
      'GET /api/attachments/a1/thumbnail': imageBytes,
    });
    renderAppAs(alice, '/chats/c1');

    expect(await screen.findByRole('img', { name: 'Image' })).toBeInTheDocument();
  });
});

describe('sending images', () => {
  it('previews the chosen images, uploads them and sends them with the caption', async () => {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page(),
      'POST /api/attachments': () => created({ attachment: photo }),
      'GET /api/attachments/a1/thumbnail': imageBytes,
      'POST /api/chats/c1/messages': ({ body }) => {
        const { clientMsgId, content } = body as CreateMessageRequest;
        return created({
          message: makeMessage({
            id: 'm2',
            chatId: 'c1',
            seq: 2,
            clientMsgId,
            content,
            sender: alice,
            type: 'image',
            attachments: [photo],
          }),
        });
      },
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Attach image'), [pngFile('cat.png'), pngFile('dog.png')]);
    const strip = screen.getByRole('list', { name: 'Images to send' });
    expect(within(strip).getByRole('img', { name: 'cat.png' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove dog.png' }));
    expect(within(strip).queryByRole('img', { name: 'dog.png' })).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'look{Enter}');

    expect(await screen.findByRole('img', { name: 'look' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Images to send' })).not.toBeInTheDocument();
    const uploads = requests.filter((request) => request.path === '/api/attachments');
    expect(uploads).toHaveLength(1);
    expect((uploads[0]?.body as FormData).get('file')).toHaveProperty('name', 'cat.png');
    expect(
      requests.find((request) => request.method === 'POST' && request.path.endsWith('/messages'))?.body,
    ).toMatchObject({ content: 'look', attachmentIds: ['a1'] });
  });

  it.each([
    [413, 'PAYLOAD_TOO_LARGE', 'That file is too big (max 10 MB).'],
    [415, 'UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG, GIF and WebP images can be sent.'],
  ])('explains a %i from the upload and keeps the draft', async (status, code, explanation) => {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page(),
      'POST /api/attachments': () => apiError(status, code, 'refused'),
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Attach image'), pngFile());
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(explanation);
    expect(screen.getByRole('img', { name: 'cat.png' })).toBeInTheDocument();
    expect(requests.some((request) => request.path.endsWith('/messages') && request.method === 'POST')).toBe(false);
  });

  it('asks to send again when the server is too busy for the upload (503), keeping caption and image', async () => {
    let busy = true;
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page(),
      'POST /api/attachments': () =>
        busy
          ? {
              ...apiError(503, 'UPLOADS_BUSY', 'The server is receiving too many uploads'),
              headers: { 'Retry-After': '5' },
            }
          : created({ attachment: photo }),
      'GET /api/attachments/a1/thumbnail': imageBytes,
      'POST /api/chats/c1/messages': ({ body }) => {
        const { clientMsgId, content } = body as CreateMessageRequest;
        const attachments = [photo];
        return created({
          message: makeMessage({ id: 'm2', chatId: 'c1', seq: 2, clientMsgId, content, sender: alice, attachments }),
        });
      },
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Attach image'), pngFile());
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'look');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'cat.png: The server is busy right now. Try again in a moment.',
    );
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('look');
    expect(
      within(screen.getByRole('list', { name: 'Images to send' })).getByRole('img', { name: 'cat.png' }),
    ).toBeVisible();
    const sends = () => requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
    expect(sends()).toHaveLength(0);

    busy = false;
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sends()).toHaveLength(1));
    expect(sends()[0]?.body).toMatchObject({ content: 'look', attachmentIds: ['a1'] });
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  });

  it('refuses files of a type that cannot be sent before uploading', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page(),
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup({ applyAccept: false });

    await user.upload(
      await screen.findByLabelText('Attach image'),
      new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      'setup.exe: Only images, PDF, text, CSV, ZIP and Office documents can be sent.',
    );
    expect(screen.queryByRole('list', { name: 'Images to send' })).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Files to send' })).not.toBeInTheDocument();
  });

  it('shows the upload progress and stops it with Cancel upload', async () => {
    let finish: (reply: FakeReply) => void = () => undefined;
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page(),
      'POST /api/attachments': () => new Promise<FakeReply>((resolve) => (finish = resolve)),
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Attach image'), pngFile());
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const progress = await screen.findByRole('progressbar', { name: 'Upload progress' });
    expect(progress).toHaveAttribute('aria-valuenow', '0');
    await user.click(screen.getByRole('button', { name: 'Cancel upload' }));

    await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
    finish(created({ attachment: photo }));
    expect(screen.getByRole('img', { name: 'cat.png' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(requests.some((request) => request.path.endsWith('/messages') && request.method === 'POST')).toBe(false);
  });

  it('takes images pasted into the message field and dropped on the chat', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => page(),
    });
    renderAppAs(alice, '/chats/c1');

    const field = await screen.findByRole('textbox', { name: 'Message' });
    fireEvent.paste(field, { clipboardData: { files: [pngFile('pasted.png')] } });
    fireEvent.drop(field.closest('section') as HTMLElement, {
      dataTransfer: { files: [pngFile('dropped.png')], types: ['Files'] },
    });

    const strip = await screen.findByRole('list', { name: 'Images to send' });
    expect(within(strip).getByRole('img', { name: 'pasted.png' })).toBeInTheDocument();
    expect(within(strip).getByRole('img', { name: 'dropped.png' })).toBeInTheDocument();
  });
});

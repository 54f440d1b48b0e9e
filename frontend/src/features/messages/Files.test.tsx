import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateMessageRequest, FileAttachment, ImageAttachment } from '@messenger/contract';
import { saveFile } from '../../shared/lib/saveFile';
import { apiError, created, fakeApi, ok, type FakeReply, type FakeRequest } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

vi.mock('../../shared/lib/saveFile', () => ({ saveFile: vi.fn() }));

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const report: FileAttachment = {
  kind: 'file',
  id: 'f1',
  mime: 'application/pdf',
  size: Math.round(2.4 * 1024 * 1024),
  name: 'report.pdf',
  url: '/api/attachments/f1',
};
const photo: ImageAttachment = {
  kind: 'image',
  id: 'a1',
  mime: 'image/png',
  size: 1234,
  name: 'cat.png',
  width: 40,
  height: 30,
  url: '/api/attachments/a1',
  thumbnailUrl: '/api/attachments/a1/thumbnail',
};
const fileMessage = makeMessage({
  id: 'm1',
  chatId: 'c1',
  seq: 1,
  sender: bob,
  type: 'file',
  content: '',
  attachments: [report],
});
const chat = makeGroupChat('c1', 'Team', [alice, bob], fileMessage);
const page = (messages = [fileMessage]) => ok({ messages, hasMoreBefore: false, hasMoreAfter: false });
const pdfFile = (name = 'report.pdf') => new File(['%PDF-1.4'], name, { type: 'application/pdf' });
const pngFile = (name = 'cat.png') => new File(['png-bytes'], name, { type: 'image/png' });
const chatRoutes = {
  'GET /api/chats': () => ok({ chats: [chat] }),
  'GET /api/chats/c1': () => ok({ chat }),
  'GET /api/chats/c1/messages': () => page(),
  'GET /api/attachments/a1/thumbnail': () => ({ status: 200, body: new Blob(['png'], { type: 'image/png' }) }),
};

beforeEach(() => vi.mocked(saveFile).mockClear());

describe('file messages', () => {
  it('shows a card with the type, name and size, and downloads the file with the token under its name', async () => {
    let finish: (reply: FakeReply) => void = () => undefined;
    let download: FakeRequest | undefined;
    fakeApi({
      ...chatRoutes,
      'GET /api/attachments/f1': (request) => {
        download = request;
        return new Promise<FakeReply>((resolve) => (finish = resolve));
      },
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    const files = await screen.findByRole('list', { name: 'Files' });
    expect(within(files).getByText('report.pdf')).toBeInTheDocument();
    expect(within(files).getByText('PDF · 2.4 MB')).toBeInTheDocument();
    // The chat list names the file of a message without text.
    expect(await screen.findByRole('link', { name: /Team/ })).toHaveTextContent('report.pdf');

    await user.click(within(files).getByRole('button', { name: 'Download report.pdf' }));
    // The request leaves through axios's promise chain, not within the click.
    await waitFor(() => expect(download?.authorization).toBe('Bearer token-1'));
    download?.progress.download(40, 100);
    expect(await within(files).findByText(/Downloading 40%/)).toBeInTheDocument();
    expect(within(files).getByRole('button', { name: 'Download report.pdf' })).toBeDisabled();
    const bytes = new Blob(['%PDF-1.4'], { type: 'application/pdf' });
    finish({ status: 200, body: bytes });

    await waitFor(() => expect(vi.mocked(saveFile).mock.calls).toEqual([[bytes, 'report.pdf']]));
    await waitFor(() => expect(within(files).getByRole('button', { name: 'Download report.pdf' })).toBeEnabled());
  });

  it('says when a download fails', async () => {
    fakeApi({ ...chatRoutes, 'GET /api/attachments/f1': () => apiError(404, 'NOT_FOUND', 'Attachment not found') });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Download report.pdf' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not download: Attachment not found');
    expect(saveFile).not.toHaveBeenCalled();
  });
});

describe('sending files', () => {
  it('uploads a chosen file with its progress and name shown, then sends it with the caption', async () => {
    let finish: (reply: FakeReply) => void = () => undefined;
    let upload: FakeRequest | undefined;
    const requests = fakeApi({
      ...chatRoutes,
      'GET /api/chats/c1/messages': () => page([]),
      'POST /api/attachments': (request) => {
        upload = request;
        return new Promise<FakeReply>((resolve) => (finish = resolve));
      },
      'POST /api/chats/c1/messages': ({ body }) => {
        const { clientMsgId, content } = body as CreateMessageRequest;
        const message = { id: 'm2', chatId: 'c1', seq: 2, clientMsgId, content, sender: alice, type: 'file' as const };
        return created({ message: makeMessage({ ...message, attachments: [report] }) });
      },
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Attach file'), pdfFile());
    const draft = screen.getByRole('list', { name: 'Files to send' });
    expect(within(draft).getByText('report.pdf')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Images to send' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'the report{Enter}');

    const progress = await screen.findByRole('progressbar', { name: 'Upload progress' });
    upload?.progress.upload(50, 100);
    await waitFor(() => expect(progress).toHaveAttribute('aria-valuenow', '50'));
    expect(screen.getByText('Uploading report.pdf… 50%')).toBeInTheDocument();
    finish(created({ attachment: report }));

    expect(await screen.findByRole('button', { name: 'Download report.pdf' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Files to send' })).not.toBeInTheDocument();
    expect((upload?.body as FormData).get('file')).toHaveProperty('name', 'report.pdf');
    expect(
      requests.find((request) => request.method === 'POST' && request.path.endsWith('/messages'))?.body,
    ).toMatchObject({ content: 'the report', attachmentIds: ['f1'] });
  });

  it('routes pasted and dropped files by type: images to the previews, documents to the file list', async () => {
    fakeApi({ ...chatRoutes, 'GET /api/chats/c1/messages': () => page([]) });
    renderAppAs(alice, '/chats/c1');

    const field = await screen.findByRole('textbox', { name: 'Message' });
    fireEvent.paste(field, { clipboardData: { files: [pngFile('pasted.png'), pdfFile('pasted.pdf')] } });
    fireEvent.drop(field.closest('section') as HTMLElement, {
      dataTransfer: { files: [new File(['a,b'], 'dropped.csv', { type: 'text/csv' })], types: ['Files'] },
    });

    const images = await screen.findByRole('list', { name: 'Images to send' });
    expect(within(images).getByRole('img', { name: 'pasted.png' })).toBeInTheDocument();
    const files = screen.getByRole('list', { name: 'Files to send' });
    expect(within(files).getByText('pasted.pdf')).toBeInTheDocument();
    expect(within(files).getByText('dropped.csv')).toBeInTheDocument();
    expect(within(images).queryByText('pasted.pdf')).not.toBeInTheDocument();
  });

  it('refuses a file over 25 MB before uploading it', async () => {
    fakeApi({ ...chatRoutes, 'GET /api/chats/c1/messages': () => page([]) });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    const huge = pdfFile('huge.pdf');
    Object.defineProperty(huge, 'size', { value: 25 * 1024 * 1024 + 1 });
    await user.upload(await screen.findByLabelText('Attach file'), huge);

    expect(screen.getByRole('alert')).toHaveTextContent('huge.pdf: That file is too big (max 25 MB).');
    expect(screen.queryByRole('list', { name: 'Files to send' })).not.toBeInTheDocument();
  });

  it.each([
    [413, 'PAYLOAD_TOO_LARGE', 'The file is larger than 25 MB', 'report.pdf: That file is too big (max 25 MB).'],
    [
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'The file is not the PDF file that its name or type says',
      'report.pdf: The file is not the PDF file that its name or type says',
    ],
  ])('explains a %i from the upload of a file and keeps the draft', async (status, code, message, explanation) => {
    fakeApi({
      ...chatRoutes,
      'GET /api/chats/c1/messages': () => page([]),
      'POST /api/attachments': () => apiError(status, code, message),
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Attach file'), pdfFile());
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(explanation);
    expect(within(screen.getByRole('list', { name: 'Files to send' })).getByText('report.pdf')).toBeInTheDocument();
  });

  it('shows an image with a file of the same message: the thumbnail and the card', async () => {
    const mixed = makeMessage({ ...fileMessage, content: 'both', attachments: [photo, report] });
    fakeApi({ ...chatRoutes, 'GET /api/chats/c1/messages': () => page([mixed]) });
    renderAppAs(alice, '/chats/c1');

    expect(await screen.findByRole('img', { name: 'both' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download report.pdf' })).toBeInTheDocument();
  });
});

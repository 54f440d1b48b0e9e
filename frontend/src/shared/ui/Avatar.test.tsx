import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, type FakeReply } from '../../test/fakeApi';
import { Avatar } from './Avatar';

const bytes = (): FakeReply => ({ status: 200, body: new Blob(['webp'], { type: 'image/webp' }) });

describe('Avatar', () => {
  it('shows the initial without an image', () => {
    const { container } = render(<Avatar name="alice" url={null} />);

    expect(container).toHaveTextContent('a');
    expect(container.querySelector('img')).toBeNull();
  });

  it('fetches the image once with the API client, however many avatars show it', async () => {
    const requests = fakeApi({ 'GET /api/attachments/:id/thumbnail': bytes });
    const { container } = render(
      <>
        <Avatar name="alice" url="/api/attachments/p1/thumbnail" />
        <Avatar name="alice" url="/api/attachments/p1/thumbnail" />
      </>,
    );

    await screen.findAllByRole('presentation');
    const images = container.querySelectorAll('img');
    expect(images).toHaveLength(2);
    expect(images[0]?.getAttribute('src')).toMatch(/^blob:/);
    expect(requests.filter((request) => request.path === '/api/attachments/p1/thumbnail')).toHaveLength(1);
  });

  it('keeps the initial when the image cannot be fetched', async () => {
    const requests = fakeApi({});
    const { container } = render(<Avatar name="bob" url="/api/attachments/gone/thumbnail" />);

    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(container).toHaveTextContent('b');
    expect(container.querySelector('img')).toBeNull();
  });
});

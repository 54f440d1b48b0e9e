import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, ok } from '../../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../../test/factories';
import { renderAppAs } from '../../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const theirs = makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: bob, content: 'hi alice' });

// The first import of the picker transforms Emojibase's data, which can outlast a findBy: done once, up front.
beforeAll(async () => {
  await import('./EmojiPicker');
}, 30_000);

// jsdom lays nothing out and has no ResizeObserver; the picker measures its rows with one.
beforeEach(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe = vi.fn();
      unobserve = vi.fn();
      disconnect = vi.fn();
    },
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** The picker filters as a deferred update: on a loaded test machine it can take more than findBy's second. */
const SLOW = { timeout: 5_000 };

async function openPicker() {
  const requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [makeGroupChat('c1', 'Team', [bob, alice])] }),
    'GET /api/chats/c1/messages': () => ok({ messages: [theirs], hasMoreBefore: false, hasMoreAfter: false }),
    'POST /api/messages/m2/reactions': (request) =>
      ok({ reactions: [{ emoji: (request.body as { emoji: string }).emoji, count: 1, userIds: ['u1'] }] }),
  });
  renderAppAs(alice, '/chats/c1');
  const user = userEvent.setup();
  const message = (await screen.findByText('hi alice')).closest('li') as HTMLElement;
  await user.click(within(message).getByRole('button', { name: 'React to message' }));
  await user.click(within(message).getByRole('button', { name: 'More reactions' }));
  const dialog = screen.getByRole('dialog', { name: 'React with any emoji' });
  // The picker loads on first use; its search field takes the focus.
  const search = await within(dialog).findByRole('searchbox', { name: 'Search emoji' }, SLOW);
  await waitFor(() => expect(search).toHaveFocus());
  return { requests, user, message, dialog, search };
}

// Filtering ~3,400 emoji per keystroke is quick in a browser, slower in jsdom on a loaded machine.
describe('the emoji picker of reactions', { timeout: 20_000 }, () => {
  it('finds an emoji by name and sends it as a reaction with the keyboard alone', async () => {
    const { requests, user, message, dialog } = await openPicker();

    // "thumbs" finds 👎 and 👍 (best match first), the first one active; the arrow moves to the second.
    await user.paste('thumbs');
    expect(
      await within(dialog).findByRole('gridcell', { name: 'Thumbs down', selected: true }, SLOW),
    ).toBeInTheDocument();
    await user.keyboard('{ArrowRight}');
    expect(
      await within(dialog).findByRole('gridcell', { name: 'Thumbs up', selected: true }, SLOW),
    ).toBeInTheDocument();
    await user.keyboard('{Enter}');

    expect(await within(message).findByRole('button', { name: '👍 1 reaction, you reacted' })).toBeInTheDocument();
    // In the server's spelling, without Emojibase's needless variation selector (👍️): one chip with the quick 👍.
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ emoji: '👍' });
    expect(dialog).not.toBeInTheDocument();
    expect(within(message).getByRole('button', { name: 'React to message' })).toHaveFocus();
  });

  it('says when nothing matches, and closes on Escape back to where it was opened', async () => {
    const { user, message, dialog } = await openPicker();

    await user.paste('zzqqxx');
    expect(await within(dialog).findByText('No emoji found.', {}, SLOW)).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(dialog).not.toBeInTheDocument();
    await waitFor(() => expect(within(message).getByRole('button', { name: 'More reactions' })).toHaveFocus());
  });
});

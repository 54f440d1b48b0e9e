import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const mine = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: alice, content: 'hello there' });
const theirs = makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: bob, content: 'hi alice' });

function openGroup(path = '/chats/c1') {
  fakeApi({
    'GET /api/chats': () => ok({ chats: [makeGroupChat('c1', 'Team', [alice, bob])] }),
    'GET /api/chats/c1/messages': () => ok({ messages: [mine, theirs], hasMoreBefore: false, hasMoreAfter: false }),
    'GET /api/users/u2': () => ok({ user: { ...bob, isContact: true } }),
  });
  const router = renderAppAs(alice, path);
  return { router, user: userEvent.setup() };
}

const row = async (text: string) => (await screen.findByText(text)).closest('li') as HTMLElement;

/** The clipboard belongs to the browser: the tests put a stand-in in its place (after userEvent.setup's own). */
function stubClipboard(clipboard: Pick<Clipboard, 'writeText'> | undefined) {
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
}

describe('links to messages and people', () => {
  it('copies the address of a message and says so', async () => {
    const { user } = openGroup();
    const writeText = vi.fn(() => Promise.resolve());
    stubClipboard({ writeText });
    const message = await row('hi alice');

    await user.click(within(message).getByRole('button', { name: 'More actions' }));
    await user.click(within(message).getByRole('menuitem', { name: 'Copy link to message' }));

    expect(await within(screen.getByRole('status', { name: 'Notifications' })).findByText('Link copied')).toBeVisible();
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/chats/c1/messages/m2`);
  });

  it('copies the text of a message from its menu', async () => {
    const { user } = openGroup();
    const writeText = vi.fn(() => Promise.resolve());
    stubClipboard({ writeText });
    const message = await row('hi alice');

    await user.click(within(message).getByRole('button', { name: 'More actions' }));
    await user.click(within(message).getByRole('menuitem', { name: 'Copy text' }));

    expect(await within(screen.getByRole('status', { name: 'Notifications' })).findByText('Text copied')).toBeVisible();
    expect(writeText).toHaveBeenCalledWith('hi alice');
  });

  it('shows the address to copy by hand where there is no clipboard', async () => {
    const { user } = openGroup();
    stubClipboard(undefined);

    const message = await row('hello there');
    await user.click(within(message).getByRole('button', { name: 'More actions' }));
    await user.click(within(message).getByRole('menuitem', { name: 'Copy link to message' }));

    const link = screen.getByRole('textbox', { name: /copy the link yourself/ });
    expect(link).toHaveValue(`${window.location.origin}/chats/c1/messages/m1`);
    expect(screen.queryByText('Link copied')).not.toBeInTheDocument();
  });

  it("leads from a sender's name in a group to their profile", async () => {
    const { router, user } = openGroup();

    expect(within(await row('hello there')).queryByRole('link', { name: 'Alice' })).not.toBeInTheDocument();
    await user.click(within(await row('hi alice')).getByRole('link', { name: 'Bob' }));

    expect(await screen.findByRole('heading', { name: 'Bob' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/users/u2');
  });

  it('marks the message a link leads to as the current one', async () => {
    openGroup('/chats/c1/messages/m1');

    await screen.findByText('hi alice');
    const current = screen.getByRole('log', { name: 'Messages' }).querySelectorAll('[aria-current="true"]');
    expect([...current].map((element) => element.textContent)).toEqual(['hello there']);
  });
});

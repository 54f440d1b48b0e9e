import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Chats from '../features/chats';
import type * as Contacts from '../features/contacts';
import { fakeApi, ok } from '../test/fakeApi';
import { makeGroupChat, makeUser } from '../test/factories';
import { renderAppAs } from '../test/renderApp';

/** Which pane's component throws while rendering. */
const crashing = vi.hoisted(() => ({ contactsPage: false, chatList: false }));

function crashWhen<Props extends object>(flag: keyof typeof crashing, Original: ComponentType<Props>) {
  return function MaybeCrashing(props: Props) {
    if (crashing[flag]) throw new Error(`${flag} crashed`);
    return <Original {...props} />;
  };
}

vi.mock('../features/contacts', async (importOriginal) => {
  const contacts = await importOriginal<typeof Contacts>();
  return { ...contacts, ContactsPage: crashWhen('contactsPage', contacts.ContactsPage) };
});
vi.mock('../features/chats', async (importOriginal) => {
  const chats = await importOriginal<typeof Chats>();
  return { ...chats, ChatList: crashWhen('chatList', chats.ChatList) };
});

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const FALLBACK = 'Something went wrong in this part of the app.';

const sidebar = () => screen.getByRole('complementary');
const mainPane = () => screen.getByRole('main');

describe('a crash in one pane', () => {
  beforeEach(() => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [makeGroupChat('c1', 'Builders', [alice, bob])] }),
      'GET /api/chats/c1/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
      'GET /api/contacts': () => ok({ contacts: [] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
    });
    // React reports the caught error too; the boundary's own report is what the tests check.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    crashing.contactsPage = false;
    crashing.chatList = false;
  });

  it('in the main pane shows the fallback there while the chat list still works', async () => {
    crashing.contactsPage = true;
    const router = renderAppAs(alice, '/contacts');
    const user = userEvent.setup();

    expect(await within(mainPane()).findByText(FALLBACK)).toBeInTheDocument();
    expect(console.error).toHaveBeenCalledWith(
      'A part of the app crashed:',
      expect.objectContaining({ message: 'contactsPage crashed' }),
      expect.any(String),
    );

    await user.click(within(sidebar()).getByRole('link', { name: /Builders/ }));
    expect(await within(mainPane()).findByRole('heading', { name: 'Builders' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/chats/c1');
  });

  it('in the main pane recovers with "Try again"', async () => {
    crashing.contactsPage = true;
    renderAppAs(alice, '/contacts');
    const user = userEvent.setup();
    await within(mainPane()).findByText(FALLBACK);

    crashing.contactsPage = false;
    await user.click(within(mainPane()).getByRole('button', { name: 'Try again' }));

    expect(await within(mainPane()).findByRole('heading', { name: 'Contacts' })).toBeInTheDocument();
    expect(screen.queryByText(FALLBACK)).not.toBeInTheDocument();
  });

  it('in the sidebar leaves the main pane working, and "Try again" brings the chat list back', async () => {
    crashing.chatList = true;
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    expect(await within(sidebar()).findByText(FALLBACK)).toBeInTheDocument();
    const composer = await within(mainPane()).findByRole('textbox', { name: 'Message' });
    await user.type(composer, 'still here');
    expect(composer).toHaveValue('still here');

    crashing.chatList = false;
    await user.click(within(sidebar()).getByRole('button', { name: 'Try again' }));
    expect(await within(sidebar()).findByRole('link', { name: /Builders/ })).toBeInTheDocument();
  });
});

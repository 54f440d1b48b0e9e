import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chat, Message } from '@messenger/contract';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const group = makeGroupChat('g1', 'Team', [bob, alice]);
const direct = makeDirectChat('c1', [alice, bob]);

// The app's routes load on first use, which can take a while for the first test of a file.
const firstRender = { timeout: 5000 };

/** The browser's Notification, which the test plays: what was shown, and the permission the user gave. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(() => Promise.resolve(FakeNotification.permission));
  onclick: (() => void) | null = null;
  close = vi.fn();

  readonly title: string;
  readonly options: NotificationOptions;

  constructor(title: string, options: NotificationOptions) {
    this.title = title;
    this.options = options;
    FakeNotification.shown.push(this);
  }
}

let socket: FakeSocket;

beforeEach(() => {
  socket = new FakeSocket();
  socketIo.io.mockReturnValue(socket);
  FakeNotification.permission = 'granted';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
  localStorage.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

function tabIs(visibility: DocumentVisibilityState, focused: boolean) {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(visibility);
  vi.spyOn(document, 'hasFocus').mockReturnValue(focused);
}

async function openApp(chats: Chat[]) {
  fakeApi({ 'GET /api/chats': () => ok({ chats }) });
  const router = renderAppAs(alice, '/chats');
  await screen.findByRole('list', { name: 'Chat list' }, firstRender);
  return router;
}

const fromBob = (overrides: Partial<Message> & Pick<Message, 'id' | 'chatId' | 'seq'>) =>
  makeMessage({ sender: bob, ...overrides });

const serverSendsMessage = (message: Message) => act(() => socket.serverEmit('message:new', { message }));
const serverSendsMention = (mention: { chatId: string; messageId: string; seq: number }) =>
  act(() => socket.serverEmit('mention:new', mention));

describe('desktop notifications', () => {
  it('tells of a message from someone else while the tab is hidden, and opens it on click', async () => {
    tabIs('hidden', false);
    const router = await openApp([group, direct]);

    serverSendsMessage(fromBob({ id: 'm2', chatId: 'g1', seq: 2, content: 'lunch?' }));
    serverSendsMessage(fromBob({ id: 'm3', chatId: 'c1', seq: 3, type: 'image', content: '' }));

    expect(FakeNotification.shown.map(({ title, options }) => [title, options.body, options.tag])).toEqual([
      ['Bob in Team', 'lunch?', 'g1'],
      ['Bob', 'Sent an image', 'c1'],
    ]);
    const focus = vi.spyOn(window, 'focus').mockReturnValue(undefined);
    act(() => FakeNotification.shown[0]?.onclick?.());
    expect(focus).toHaveBeenCalled();
    await waitFor(() => expect(router.state.location.pathname).toBe('/chats/g1/messages/m2'));
  });

  it('also tells while the window is visible but another window has the focus', async () => {
    tabIs('visible', false);
    await openApp([direct]);

    serverSendsMessage(fromBob({ id: 'm2', chatId: 'c1', seq: 2, content: 'hi' }));

    expect(FakeNotification.shown.map(({ title }) => title)).toEqual(['Bob']);
  });

  it('stays quiet while I am looking, for my own messages and for muted chats', async () => {
    tabIs('visible', true);
    await openApp([{ ...group, muted: true }, direct]);

    serverSendsMessage(fromBob({ id: 'm2', chatId: 'c1', seq: 2, content: 'hi' }));
    tabIs('hidden', false);
    serverSendsMessage(fromBob({ id: 'm3', chatId: 'g1', seq: 3, content: 'in the muted group' }));
    serverSendsMessage(makeMessage({ id: 'm4', chatId: 'c1', seq: 4, sender: alice, content: 'from my phone' }));

    expect(screen.getByText('in the muted group')).toBeInTheDocument();
    expect(FakeNotification.shown).toEqual([]);
  });

  it('tells of a mention once, even in a muted chat, and opens the message on click', async () => {
    tabIs('hidden', false);
    const router = await openApp([{ ...group, muted: true }, direct]);

    serverSendsMessage(fromBob({ id: 'm5', chatId: 'g1', seq: 5, content: '@alice look', mentions: [alice.id] }));
    serverSendsMention({ chatId: 'g1', messageId: 'm5', seq: 5 });
    // Not muted: told once too, as a mention rather than as a message.
    serverSendsMessage(fromBob({ id: 'm6', chatId: 'c1', seq: 6, content: 'hey @alice', mentions: [alice.id] }));
    serverSendsMention({ chatId: 'c1', messageId: 'm6', seq: 6 });

    expect(FakeNotification.shown.map(({ title, options }) => [title, options.body, options.tag])).toEqual([
      ['Bob mentioned you in Team', '@alice look', 'mention:m5'],
      ['Bob mentioned you', 'hey @alice', 'mention:m6'],
    ]);
    vi.spyOn(window, 'focus').mockReturnValue(undefined);
    act(() => FakeNotification.shown[0]?.onclick?.());
    await waitFor(() => expect(router.state.location.pathname).toBe('/chats/g1/messages/m5'));
  });

  it('keeps quiet about a mention while I am looking', async () => {
    tabIs('visible', true);
    await openApp([{ ...group, muted: true }]);

    serverSendsMessage(fromBob({ id: 'm5', chatId: 'g1', seq: 5, content: '@alice look', mentions: [alice.id] }));
    serverSendsMention({ chatId: 'g1', messageId: 'm5', seq: 5 });

    expect(FakeNotification.shown).toEqual([]);
  });

  it('stays quiet when the build turns notifications off, and does not offer them', async () => {
    vi.stubEnv('VITE_ENABLE_NOTIFICATIONS', 'false');
    FakeNotification.permission = 'default';
    tabIs('hidden', false);
    await openApp([direct]);

    FakeNotification.permission = 'granted';
    serverSendsMessage(fromBob({ id: 'm2', chatId: 'c1', seq: 2, content: 'hi' }));

    expect(FakeNotification.shown).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).not.toBeInTheDocument();
  });
});

describe('asking for the permission', () => {
  beforeEach(() => {
    FakeNotification.permission = 'default';
  });

  it('asks only when the user clicks, then leaves the choice to the browser', async () => {
    await openApp([direct]);
    const turnOn = screen.getByRole('button', { name: 'Turn on desktop notifications' });
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();

    await userEvent.click(turnOn);

    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(turnOn).not.toBeInTheDocument());
  });

  it('remembers "Not now" for the next visit', async () => {
    await openApp([direct]);

    await userEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).not.toBeInTheDocument();

    cleanup();
    await openApp([direct]);
    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).not.toBeInTheDocument();
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
  });

  it('is not shown once the browser has an answer', async () => {
    FakeNotification.permission = 'denied';
    await openApp([direct]);

    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).not.toBeInTheDocument();
  });
});

describe('the tab title', () => {
  it('counts the unread messages of chats that are not muted', async () => {
    await openApp([
      { ...group, unreadCount: 2 },
      { ...makeGroupChat('g2', 'Noisy', [bob, alice]), unreadCount: 5, muted: true },
      { ...direct, unreadCount: 1 },
    ]);
    expect(document.title).toBe('(3) 1000-Messenger');

    serverSendsMessage(fromBob({ id: 'm7', chatId: 'c1', seq: 7 }));

    expect(document.title).toBe('(4) 1000-Messenger');
  });

  it('counts the mentions of me in muted chats too', async () => {
    await openApp([
      { ...group, unreadCount: 2 },
      { ...makeGroupChat('g2', 'Noisy', [bob, alice]), unreadCount: 5, mentionCount: 1, muted: true },
    ]);
    expect(document.title).toBe('(3) 1000-Messenger');

    serverSendsMessage(fromBob({ id: 'm7', chatId: 'g2', seq: 7, content: '@alice', mentions: [alice.id] }));

    expect(document.title).toBe('(4) 1000-Messenger');
  });

  it('is the plain name when nothing is unread', async () => {
    await openApp([{ ...makeGroupChat('g2', 'Noisy', [bob, alice]), unreadCount: 5, muted: true }, direct]);

    expect(document.title).toBe('1000-Messenger');
  });
});

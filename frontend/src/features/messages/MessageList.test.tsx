import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });

const said = (seq: number, createdAt: string) =>
  makeMessage({ id: `m${seq}`, chatId: 'c1', seq, sender: bob, content: `message ${seq}`, createdAt });

describe('the message list', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-25T12:00:00') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('separates days, not the messages within one, and gives each message its exact time on hover', async () => {
    const messages = [
      said(1, '2026-11-23T09:00:00'),
      said(2, '2026-11-24T22:10:00'),
      said(3, '2026-11-24T23:50:00'),
      said(4, '2026-11-25T08:15:00'),
      said(5, '2026-11-25T11:59:00'),
    ];
    fakeApi({
      'GET /api/chats': () => ok({ chats: [makeDirectChat('c1', [alice, bob], messages.at(-1))] }),
      'GET /api/chats/c1/messages': () => ok({ messages, hasMoreBefore: false, hasMoreAfter: false }),
    });
    renderAppAs(alice, '/chats/c1');

    const log = await screen.findByRole('log', { name: 'Messages' }, { timeout: 5000 });
    await within(log).findByText('message 5');

    const separators = within(log).getAllByRole('separator');
    expect(separators.map((separator) => separator.getAttribute('aria-label'))).toEqual([
      'Monday, 23 November 2026',
      'Yesterday',
      'Today',
    ]);
    // In reading order: each day's label comes right before that day's messages.
    const order = within(log)
      .getAllByText(/^message \d$|^Monday, 23 November 2026$|^Yesterday$|^Today$/)
      .map((element) => element.textContent);
    expect(order).toEqual([
      'Monday, 23 November 2026',
      'message 1',
      'Yesterday',
      'message 2',
      'message 3',
      'Today',
      'message 4',
      'message 5',
    ]);
    expect(within(log).getByText('22:10')).toHaveAttribute('title', 'Tuesday, 24 November 2026, 22:10');
  });
});

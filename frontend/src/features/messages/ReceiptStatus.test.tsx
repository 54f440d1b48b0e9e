import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { useChatsStore } from '../chats';
import { ReceiptStatus } from './ReceiptStatus';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });
const dave = makeUser({ id: 'u4', username: 'dave', displayName: 'Dave' });
const mine = makeMessage({ id: 'm5', chatId: 'g1', seq: 5, sender: alice });

describe('ReceiptStatus in a group', () => {
  it('shows delivery until someone has read it, then "Read by N" with the list of readers', async () => {
    useChatsStore.getState().chatsFetched([makeGroupChat('g1', 'Team', [alice, bob, carol, dave])]);
    render(<ReceiptStatus message={mine} currentUserId="u1" />);
    expect(screen.getByRole('img', { name: 'Sent' })).toBeInTheDocument();

    const receipt = (kind: 'delivered' | 'read', userId: string, seq: number) =>
      useChatsStore.getState().receiptReceived(kind, { chatId: 'g1', userId, seq }, 'u1');
    receipt('delivered', 'u2', 5);
    expect(await screen.findByRole('img', { name: 'Delivered' })).toBeInTheDocument();

    receipt('read', 'u2', 6);
    receipt('read', 'u3', 5);
    receipt('read', 'u4', 4); // Not this far yet.
    const readBy = await screen.findByRole('button', { name: 'Read by 2' });
    expect(readBy).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(readBy);
    const readers = screen.getByRole('list', { name: 'Read by' });
    expect(readers).toHaveTextContent('Bob');
    expect(readers).toHaveTextContent('Carol');
    expect(readers).not.toHaveTextContent('Dave');
  });

  it('never lowers a watermark when receipts arrive out of order', async () => {
    useChatsStore.getState().chatsFetched([makeGroupChat('g1', 'Team', [alice, bob])]);
    render(<ReceiptStatus message={mine} currentUserId="u1" />);

    useChatsStore.getState().receiptReceived('read', { chatId: 'g1', userId: 'u2', seq: 7 }, 'u1');
    useChatsStore.getState().receiptReceived('read', { chatId: 'g1', userId: 'u2', seq: 3 }, 'u1');

    expect(await screen.findByRole('button', { name: 'Read by 1' })).toBeInTheDocument();
  });
});

import { describe, expect, it } from 'vitest';
import type { CreateMessageRequest } from '@messenger/contract';
import { apiError, created, fakeApi } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { useChatsStore } from '../chats';
import { useMessagesStore } from './messagesStore';
import { sendMessage } from './sendMessage';

const alice = makeUser({ id: 'u1', username: 'alice' });
const bob = makeUser({ id: 'u2', username: 'bob' });
const chatId = 'c1';
const timeline = () => useMessagesStore.getState().timelines[chatId];

describe('sendMessage without a realtime connection', () => {
  it('shows the message as pending at once, then as the server stored it', async () => {
    useChatsStore.getState().chatsFetched([makeDirectChat(chatId, [alice, bob])]);
    const requests = fakeApi({
      'POST /api/chats/:chatId/messages': ({ body }) => {
        const { clientMsgId, content } = body as CreateMessageRequest;
        return created({
          message: makeMessage({ id: 'm1', chatId, seq: 1, clientMsgId, content, sender: alice }),
        });
      },
    });

    const sending = sendMessage(chatId, 'hi **bob**');
    expect(timeline()?.outbox).toMatchObject([{ content: 'hi **bob**', status: 'sending' }]);
    await sending;

    const sent = requests[0]?.body as CreateMessageRequest;
    expect(sent.content).toBe('hi **bob**');
    expect(sent.clientMsgId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(timeline()?.outbox).toEqual([]);
    expect(timeline()?.messages.map((message) => message.clientMsgId)).toEqual([sent.clientMsgId]);
    expect(useChatsStore.getState().chats[0]?.lastMessage?.content).toBe('hi **bob**');
  });

  it('keeps a rejected message, marked failed with the reason', async () => {
    fakeApi({
      'POST /api/chats/:chatId/messages': () => apiError(403, 'FORBIDDEN', 'You are not in this chat'),
    });

    await sendMessage(chatId, 'hello?');

    expect(timeline()?.outbox).toMatchObject([
      { content: 'hello?', status: 'failed', error: 'You are not in this chat' },
    ]);
    expect(timeline()?.messages).toEqual([]);
  });
});

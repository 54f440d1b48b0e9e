import { getErrorMessage } from '../../shared/api/errors';
import type { Message } from '../../shared/api/types';
import { newClientId } from '../../shared/lib/clientId';
import type { SendMessagePayload } from '../../shared/realtime/events';
import { emitMessageSend, RealtimeUnavailableError } from '../../shared/realtime/socket';
import { receiveMessage } from './messageActions';
import { createMessage } from './messagesApi';
import { useMessagesStore } from './messagesStore';

/** Shows the message at once as pending, then replaces it with the server's copy. */
export async function sendMessage(chatId: string, content: string, replyToId?: string): Promise<void> {
  const clientMsgId = newClientId();
  useMessagesStore.getState().messageQueued({
    chatId,
    clientMsgId,
    content,
    replyToId,
    createdAt: new Date().toISOString(),
    status: 'sending',
    error: null,
  });
  await deliver({ chatId, clientMsgId, content, ...(replyToId && { replyToId }) });
}

/** Sends a failed message again under the same clientMsgId, so the server cannot store it twice. */
export async function retryMessage(chatId: string, clientMsgId: string): Promise<void> {
  const outgoing = useMessagesStore
    .getState()
    .timelines[chatId]?.outbox.find((candidate) => candidate.clientMsgId === clientMsgId);
  if (!outgoing) return;
  useMessagesStore.getState().messageRetried(chatId, clientMsgId);
  const { content, replyToId } = outgoing;
  await deliver({ chatId, clientMsgId, content, ...(replyToId && { replyToId }) });
}

async function deliver(payload: SendMessagePayload): Promise<void> {
  try {
    receiveMessage(await submit(payload));
  } catch (error) {
    useMessagesStore.getState().messageFailed(payload.chatId, payload.clientMsgId, getErrorMessage(error));
  }
}

/**
 * Over the socket when it is up; over HTTP when it is down or the acknowledgement does not
 * come (the clientMsgId makes a second delivery of the same message harmless).
 */
async function submit(payload: SendMessagePayload): Promise<Message> {
  try {
    const ack = await emitMessageSend(payload);
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.message;
  } catch (error) {
    if (!(error instanceof RealtimeUnavailableError)) throw error;
    const { chatId, ...body } = payload;
    return createMessage(chatId, body);
  }
}

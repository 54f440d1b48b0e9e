import type { ClientEventPayload } from '@messenger/contract';
import { isAxiosError } from 'axios';
import { getErrorMessage } from '../../shared/api/errors';
import type { Message } from '@messenger/contract';
import { newClientId } from '../../shared/lib/clientId';
import { emitWithAck, isRealtimeConnected, RealtimeUnavailableError } from '../../shared/realtime/socket';
import { useSessionStore } from '../auth';
import { receiveMessage } from './messageActions';
import { createMessage } from './messagesApi';
import { useMessagesStore } from './messagesStore';
import { loadStoredOutgoing, storeOutgoing } from './outboxStorage';
import type { OutgoingMessage } from './timeline';

const store = () => useMessagesStore.getState();
const currentUserId = () => useSessionStore.getState().user?.id;

/** clientMsgIds on their way right now, so that a reconnect does not send them a second time in parallel. */
const inFlight = new Set<string>();

/** Shows the message at once as pending, keeps it in the persistent outbox, then replaces it with the server's copy. */
export async function sendMessage(
  chatId: string,
  content: string,
  replyToId?: string,
  attachmentIds?: string[],
): Promise<void> {
  const outgoing: OutgoingMessage = {
    chatId,
    clientMsgId: newClientId(),
    content,
    replyToId,
    ...(attachmentIds?.length && { attachmentIds }),
    createdAt: new Date().toISOString(),
    status: 'sending',
    error: null,
  };
  store().messageQueued(outgoing);
  const userId = currentUserId();
  if (userId) void storeOutgoing(userId, outgoing);
  await deliver(outgoing);
}

/** Sends a failed message again under the same clientMsgId, so the server cannot store it twice. */
export async function retryMessage(chatId: string, clientMsgId: string): Promise<void> {
  const outgoing = store().timelines[chatId]?.outbox.find((candidate) => candidate.clientMsgId === clientMsgId);
  if (!outgoing) return;
  store().messageRetried(chatId, clientMsgId);
  await deliver(outgoing);
}

/** On every (re)connect: everything still pending goes out again, same clientMsgIds, oldest first. */
export async function flushOutbox(): Promise<void> {
  const pending = Object.values(store().timelines).flatMap((timeline) =>
    timeline.outbox.filter((outgoing) => outgoing.status === 'sending'),
  );
  for (const outgoing of pending) await deliver(outgoing);
}

/** After a reload: what was pending shows as pending again (and is sent by the next flush). */
export async function restoreOutbox(userId: string): Promise<void> {
  const stored = await loadStoredOutgoing(userId);
  for (const outgoing of stored) {
    const held = store().timelines[outgoing.chatId]?.outbox.some((known) => known.clientMsgId === outgoing.clientMsgId);
    if (!held) store().messageQueued({ ...outgoing, status: 'sending', error: null });
  }
  if (isRealtimeConnected()) await flushOutbox();
}

async function deliver(outgoing: OutgoingMessage): Promise<void> {
  const { chatId, clientMsgId, content, replyToId, attachmentIds } = outgoing;
  if (inFlight.has(clientMsgId)) return;
  inFlight.add(clientMsgId);
  try {
    receiveMessage(
      await submit({
        chatId,
        clientMsgId,
        content,
        ...(replyToId && { replyToId }),
        ...(attachmentIds?.length && { attachmentIds }),
      }),
    );
  } catch (error) {
    // Unreachable server: the message stays pending and goes out on the next connect. A refusal is final.
    if (!isNetworkFailure(error)) store().messageFailed(chatId, clientMsgId, getErrorMessage(error));
  } finally {
    inFlight.delete(clientMsgId);
  }
}

function isNetworkFailure(error: unknown): boolean {
  return isAxiosError(error) && error.response === undefined;
}

/**
 * Over the socket when it is up; over HTTP when it is down, rate-limited, or the acknowledgement does not
 * come (the clientMsgId makes a second delivery of the same message harmless).
 */
async function submit(payload: ClientEventPayload<'message:send'>): Promise<Message> {
  try {
    const ack = await emitWithAck('message:send', payload);
    if (!ack.ok && ack.error.code === 'RATE_LIMITED') throw new RealtimeUnavailableError();
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.message;
  } catch (error) {
    if (!(error instanceof RealtimeUnavailableError)) throw error;
    const { chatId, ...body } = payload;
    return createMessage(chatId, body);
  }
}

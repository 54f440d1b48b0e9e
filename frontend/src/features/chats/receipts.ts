import type { Chat, ServerEventPayload } from '@messenger/contract';

export type ReceiptKind = 'delivered' | 'read';

export interface Receipt {
  chatId: string;
  userId: string;
  seq: number;
}

/**
 * The chat once a participant's watermark has risen (never lowered: events can arrive out of order and be
 * replayed). Reading implies delivery. Our own read, on any device, settles the unread count.
 */
export function withReceipt(chat: Chat, kind: ReceiptKind, receipt: Receipt, currentUserId: string | undefined): Chat {
  const participants = chat.participants.map((participant) => {
    if (participant.user.id !== receipt.userId) return participant;
    const lastDeliveredSeq = Math.max(participant.lastDeliveredSeq, receipt.seq);
    const lastReadSeq = kind === 'read' ? Math.max(participant.lastReadSeq, receipt.seq) : participant.lastReadSeq;
    return { ...participant, lastDeliveredSeq, lastReadSeq };
  });
  const ownRead = kind === 'read' && receipt.userId === currentUserId;
  const unreadCount = ownRead ? Math.min(chat.unreadCount, Math.max(0, chat.lastSeq - receipt.seq)) : chat.unreadCount;
  // Read to the end, no mention is left; a read that stops short of it is counted by the server (chat:updated).
  const mentionCount = ownRead && receipt.seq >= chat.lastSeq ? 0 : chat.mentionCount;
  return { ...chat, participants, unreadCount, mentionCount };
}

/** One participant's watermarks of one chat that rose, as `receipts:changed` carries them. */
export type ChangedReceipt = ServerEventPayload<'receipts:changed'>['receipts'][number];

/** The chat once an entry of `receipts:changed` is applied: as its `message:delivered` and `message:read` would. */
export function withChangedReceipt(chat: Chat, change: ChangedReceipt, currentUserId: string | undefined): Chat {
  const { chatId, userId, delivered, read } = change;
  const afterDelivery =
    delivered === undefined ? chat : withReceipt(chat, 'delivered', { chatId, userId, seq: delivered }, currentUserId);
  return read === undefined
    ? afterDelivery
    : withReceipt(afterDelivery, 'read', { chatId, userId, seq: read }, currentUserId);
}

/** For one of our messages: how far it got with the others. */
export type DeliveryState = 'sent' | 'delivered' | 'read';

export function deliveryState(chat: Chat, seq: number, currentUserId: string | undefined): DeliveryState {
  const others = chat.participants.filter((participant) => participant.user.id !== currentUserId);
  if (others.length > 0 && others.every((participant) => participant.lastReadSeq >= seq)) return 'read';
  if (others.some((participant) => participant.lastDeliveredSeq >= seq)) return 'delivered';
  return 'sent';
}

/** Who, other than us, has read up to `seq`: the group's "Read by N". */
export function readers(chat: Chat, seq: number, currentUserId: string | undefined) {
  return chat.participants
    .filter((participant) => participant.user.id !== currentUserId && participant.lastReadSeq >= seq)
    .map((participant) => participant.user);
}

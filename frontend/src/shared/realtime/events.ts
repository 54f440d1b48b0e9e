import type { Chat, Contact, ContactRequest, Message, Reaction } from '@messenger/contract';

/** Server → client event names (contract: "Socket.IO"). */
export const ServerEvent = {
  MessageNew: 'message:new',
  MessageEdited: 'message:edited',
  MessageDeleted: 'message:deleted',
  ReactionUpdated: 'reaction:updated',
  ChatCreated: 'chat:created',
  ChatUpdated: 'chat:updated',
  ChatRemoved: 'chat:removed',
  PresenceOnline: 'presence:online',
  PresenceOffline: 'presence:offline',
  /** The presence changes of the server's last window, for sockets that declared `presence-batch`. */
  PresenceChanged: 'presence:changed',
  // Not in the written contract yet: the backend sends these to both people's devices so that the
  // contacts page and profiles stay live.
  ContactRequest: 'contact:request',
  ContactRequestRemoved: 'contact:request:removed',
  ContactAccepted: 'contact:accepted',
  ContactRemoved: 'contact:removed',
  MessageDelivered: 'message:delivered',
  MessageRead: 'message:read',
  TypingStart: 'typing:start',
  TypingStop: 'typing:stop',
  AuthExpired: 'auth:expired',
} as const;

/** Client → server event names. */
export const ClientEvent = {
  MessageSend: 'message:send',
  MessageDelivered: 'message:delivered',
  MessageRead: 'message:read',
  TypingStart: 'typing:start',
  TypingStop: 'typing:stop',
  Sync: 'sync',
  AuthRefresh: 'auth:refresh',
} as const;

/** A receipt watermark: everything in the chat up to `seq` was delivered to / read by `userId`. */
export interface ReceiptPayload {
  chatId: string;
  userId: string;
  seq: number;
}

/** One event replayed by `sync`, as it was sent live. */
export interface ReplayedEvent {
  event: string;
  payload: unknown;
}

export interface SyncResult {
  events: ReplayedEvent[];
  cursor: string;
  hasMore?: boolean;
}

export interface ServerToClientEvents {
  [ServerEvent.MessageNew]: (payload: { message: Message }) => void;
  [ServerEvent.MessageEdited]: (payload: { message: Message }) => void;
  [ServerEvent.MessageDeleted]: (payload: { message: Message }) => void;
  /** The whole new set of reactions on the message. */
  [ServerEvent.ReactionUpdated]: (payload: { chatId: string; messageId: string; reactions: Reaction[] }) => void;
  [ServerEvent.ChatCreated]: (payload: { chat: Chat }) => void;
  [ServerEvent.ChatUpdated]: (payload: { chat: Chat }) => void;
  [ServerEvent.ChatRemoved]: (payload: { chatId: string }) => void;
  [ServerEvent.PresenceOnline]: (payload: { userId: string }) => void;
  [ServerEvent.PresenceOffline]: (payload: { userId: string; lastSeenAt: string }) => void;
  [ServerEvent.PresenceChanged]: (payload: {
    online: string[];
    offline: { userId: string; lastSeenAt: string }[];
  }) => void;
  /** Sent to the recipient, and to the sender's other devices. */
  [ServerEvent.ContactRequest]: (payload: { request: ContactRequest }) => void;
  /** Declined or cancelled, by either side. */
  [ServerEvent.ContactRequestRemoved]: (payload: { requestId: string }) => void;
  /** `contact.user` is the other person. */
  [ServerEvent.ContactAccepted]: (payload: { contact: Contact }) => void;
  /** `userId` is no longer our contact, whoever removed whom. */
  [ServerEvent.ContactRemoved]: (payload: { userId: string }) => void;
  [ServerEvent.MessageDelivered]: (payload: ReceiptPayload) => void;
  /** Also our own reads, from our other devices and tabs. */
  [ServerEvent.MessageRead]: (payload: ReceiptPayload) => void;
  [ServerEvent.TypingStart]: (payload: { chatId: string; userId: string }) => void;
  [ServerEvent.TypingStop]: (payload: { chatId: string; userId: string }) => void;
}

export interface AckError {
  code: string;
  message: string;
}

/** Every client event is acknowledged with one of these. */
export type Ack<Result> = ({ ok: true } & Result) | { ok: false; error: AckError };

export interface SendMessagePayload {
  chatId: string;
  clientMsgId: string;
  content: string;
  replyToId?: string;
  attachmentIds?: string[];
}

export interface ClientToServerEvents {
  [ClientEvent.MessageSend]: (payload: SendMessagePayload, ack: (response: Ack<{ message: Message }>) => void) => void;
  [ClientEvent.MessageDelivered]: (
    payload: { chatId: string; seq: number },
    ack: (response: Ack<object>) => void,
  ) => void;
  [ClientEvent.MessageRead]: (payload: { chatId: string; seq: number }, ack: (response: Ack<object>) => void) => void;
  [ClientEvent.TypingStart]: (payload: { chatId: string }, ack: (response: Ack<object>) => void) => void;
  [ClientEvent.TypingStop]: (payload: { chatId: string }, ack: (response: Ack<object>) => void) => void;
  [ClientEvent.Sync]: (payload: { cursor: string | null }, ack: (response: Ack<SyncResult>) => void) => void;
  [ClientEvent.AuthRefresh]: (payload: { token: string }, ack: (response: Ack<object>) => void) => void;
}

/** Sent by the server, not handled by the dispatch table: the socket module answers it itself. */
export interface TransportEvents {
  [ServerEvent.AuthExpired]: () => void;
}

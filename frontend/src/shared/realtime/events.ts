import type { Chat, Contact, ContactRequest, Message, Reaction } from '../api/types';

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
  // Not in the written contract yet: the backend sends these to both people's devices so that the
  // contacts page and profiles stay live.
  ContactRequest: 'contact:request',
  ContactRequestRemoved: 'contact:request:removed',
  ContactAccepted: 'contact:accepted',
  ContactRemoved: 'contact:removed',
} as const;

/** Client → server event names. */
export const ClientEvent = {
  MessageSend: 'message:send',
} as const;

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
  /** Sent to the recipient, and to the sender's other devices. */
  [ServerEvent.ContactRequest]: (payload: { request: ContactRequest }) => void;
  /** Declined or cancelled, by either side. */
  [ServerEvent.ContactRequestRemoved]: (payload: { requestId: string }) => void;
  /** `contact.user` is the other person. */
  [ServerEvent.ContactAccepted]: (payload: { contact: Contact }) => void;
  /** `userId` is no longer our contact, whoever removed whom. */
  [ServerEvent.ContactRemoved]: (payload: { userId: string }) => void;
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
}

export interface ClientToServerEvents {
  [ClientEvent.MessageSend]: (payload: SendMessagePayload, ack: (response: Ack<{ message: Message }>) => void) => void;
}

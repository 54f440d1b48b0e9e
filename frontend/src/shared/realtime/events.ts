import type { Chat, Contact, IncomingContactRequest, Message } from '../api/types';

/** Server → client event names (contract: "Socket.IO"). */
export const ServerEvent = {
  MessageNew: 'message:new',
  MessageEdited: 'message:edited',
  MessageDeleted: 'message:deleted',
  ChatCreated: 'chat:created',
  ChatUpdated: 'chat:updated',
  ChatRemoved: 'chat:removed',
  // Not in the written contract yet: the backend sends these so the contacts page stays live.
  ContactRequest: 'contact:request',
  ContactAccepted: 'contact:accepted',
} as const;

/** Client → server event names. */
export const ClientEvent = {
  MessageSend: 'message:send',
} as const;

export interface ServerToClientEvents {
  [ServerEvent.MessageNew]: (payload: { message: Message }) => void;
  [ServerEvent.MessageEdited]: (payload: { message: Message }) => void;
  [ServerEvent.MessageDeleted]: (payload: { message: Message }) => void;
  [ServerEvent.ChatCreated]: (payload: { chat: Chat }) => void;
  [ServerEvent.ChatUpdated]: (payload: { chat: Chat }) => void;
  [ServerEvent.ChatRemoved]: (payload: { chatId: string }) => void;
  [ServerEvent.ContactRequest]: (payload: { request: IncomingContactRequest }) => void;
  [ServerEvent.ContactAccepted]: (payload: { contact: Contact }) => void;
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
}

export interface ClientToServerEvents {
  [ClientEvent.MessageSend]: (payload: SendMessagePayload, ack: (response: Ack<{ message: Message }>) => void) => void;
}

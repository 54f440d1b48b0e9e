import { io, type Socket } from 'socket.io-client';
import type { Message } from '../api/types';
import {
  ClientEvent,
  type Ack,
  type ClientToServerEvents,
  type SendMessagePayload,
  type ServerToClientEvents,
} from './events';

type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RealtimeOptions {
  /** '' connects to the page's own origin. */
  url: string;
  getAccessToken: () => string | null;
  refreshAccessToken: () => Promise<string>;
  /** The one dispatch table from server events to store actions. */
  handlers: ServerToClientEvents;
  /** After a dropped connection is back: events may have been missed meanwhile. */
  onReconnect: () => void;
}

/** Thrown when a request cannot go over the socket (not connected, or no acknowledgement in time). */
export class RealtimeUnavailableError extends Error {
  constructor() {
    super('The realtime connection is not available');
    this.name = 'RealtimeUnavailableError';
  }
}

const ACK_TIMEOUT_MS = 8_000;
const RECONNECT_AFTER_FAILED_REFRESH_MS = 5_000;

let socket: RealtimeSocket | null = null;

export function connectRealtime(options: RealtimeOptions): void {
  disconnectRealtime();
  const connection: RealtimeSocket = io(options.url || undefined, {
    // A callback, not an object, so that every reconnection presents the current token.
    auth: (callback) => callback({ token: options.getAccessToken() }),
  });
  socket = connection;

  let hasConnected = false;
  let refreshedSinceConnect = false;
  connection.on('connect', () => {
    if (hasConnected) options.onReconnect();
    hasConnected = true;
    refreshedSinceConnect = false;
  });
  connection.on('disconnect', (reason) => {
    // The server closes the connections of a device whose session was revoked, and Socket.IO does not
    // reconnect after a server-side disconnect. The access token may well still be valid, so ask for a new
    // one: a refusal ends the session (and this socket); success means we were only dropped, so come back.
    if (reason !== 'io server disconnect') return;
    options.refreshAccessToken().then(
      () => {
        if (socket === connection) connection.connect();
      },
      // A network failure rather than a refusal: try again later, unless the session ended meanwhile.
      () =>
        setTimeout(() => {
          if (socket === connection) connection.connect();
        }, RECONNECT_AFTER_FAILED_REFRESH_MS),
    );
  });
  connection.on('connect_error', (error) => {
    // Socket.IO does not retry a connection its server middleware refused. Refresh once per
    // connection, so a token the server keeps refusing ends here instead of looping.
    if (error.message !== 'unauthorized' || refreshedSinceConnect) return;
    refreshedSinceConnect = true;
    options.refreshAccessToken().then(
      () => {
        if (socket === connection) connection.connect();
      },
      // A refused refresh ends the session, which disconnects this socket.
      () => undefined,
    );
  });
  subscribe(connection, options.handlers);
}

export function disconnectRealtime(): void {
  socket?.disconnect();
  socket = null;
}

export function emitMessageSend(payload: SendMessagePayload): Promise<Ack<{ message: Message }>> {
  const connection = socket;
  if (!connection?.connected) return Promise.reject(new RealtimeUnavailableError());
  return new Promise((resolve, reject) => {
    connection.timeout(ACK_TIMEOUT_MS).emit(ClientEvent.MessageSend, payload, (timedOut, ack) => {
      if (timedOut) reject(new RealtimeUnavailableError());
      else resolve(ack);
    });
  });
}

function subscribe(connection: RealtimeSocket, handlers: ServerToClientEvents): void {
  for (const event of Object.keys(handlers) as (keyof ServerToClientEvents)[]) {
    connection.on(event, handlers[event]);
  }
}

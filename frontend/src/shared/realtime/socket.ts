import type {
  ClientEvent,
  ClientEventAck,
  ClientEventPayload,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@messenger/contract';
import { DECLARED_FEATURES } from '@messenger/client';
import { io, type Socket } from 'socket.io-client';
import { backoffDelayMs } from '../lib/backoff';
import { useConnectionStore } from './connectionStore';

/** Both event maps are the contract's, the server's own. */
type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Server events that become store updates; `auth:expired` is the connection's own business, answered here. */
export type DispatchedEvents = Omit<ServerToClientEvents, 'auth:expired'>;

export interface RealtimeOptions {
  /** '' connects to the page's own origin. */
  url: string;
  getAccessToken: () => string | null;
  /** Keeps trying while the server cannot answer; rejects only when the session is over. */
  refreshAccessToken: () => Promise<string>;
  /** The one dispatch table from server events to store actions. */
  handlers: DispatchedEvents;
  /** On every connect, the first one included: events may have been missed meanwhile (or before a reload). */
  onConnect: () => void;
}

/** Thrown when a request cannot go over the socket (not connected, or no acknowledgement in time). */
export class RealtimeUnavailableError extends Error {
  constructor() {
    super('The realtime connection is not available');
    this.name = 'RealtimeUnavailableError';
  }
}

const ACK_TIMEOUT_MS = 8_000;
/** The server's refusal of a connection past its per-user cap (SOCKET_MAX_PER_USER). */
const TOO_MANY_CONNECTIONS = 'too many connections';
const CAPACITY_BACKOFF = { baseMs: 5_000, capMs: 60_000 };

/**
 * When an instance drains (a rolling restart) it closes its sockets over up to 2 s, and every client then comes
 * back to the instances left. socket.io-client waits reconnectionDelay ± randomizationFactor × that before its first
 * attempt: its default factor of 0.5 packs everyone into 0.5–1.5 s; a factor of 1 spreads them over 0–2 s (no more
 * than a tenth in any 100 ms), doubling per failed attempt up to the 5 s cap (docs/deployment.md, "Rolling restarts
 * and shutdown").
 */
const RECONNECTION = { reconnectionDelay: 1_000, randomizationFactor: 1, reconnectionDelayMax: 5_000 };

let socket: RealtimeSocket | null = null;

export function connectRealtime(options: RealtimeOptions): void {
  disconnectRealtime();
  const connection: RealtimeSocket = io(options.url || undefined, {
    // A callback, not an object, so that every reconnection presents the current token. The features: presence
    // as one `presence:changed` per server window, a group's member changes as `chat:members`.
    auth: (callback) => callback({ token: options.getAccessToken(), features: DECLARED_FEATURES }),
    ...RECONNECTION,
  });
  socket = connection;
  const connectionState = useConnectionStore.getState();
  connectionState.reset();
  connectionState.statusChanged('connecting');

  let refreshedSinceConnect = false;
  let refusedForCapacity = 0;
  connection.on('connect', () => {
    refreshedSinceConnect = false;
    refusedForCapacity = 0;
    useConnectionStore.getState().statusChanged('connected');
    options.onConnect();
  });
  // The server asks for a fresh token before closing a connection whose access token has expired.
  connection.on('auth:expired', () => {
    options.refreshAccessToken().then(
      // Sent if still connected; otherwise the reconnection presents the new token.
      (token) => void emitWithAck('auth:refresh', { token }).catch(() => undefined),
      // A refused refresh ends the session.
      () => undefined,
    );
  });
  connection.on('disconnect', (reason) => {
    if (socket === connection) useConnectionStore.getState().statusChanged('connecting');
    // The server closes the connections of a device whose session was revoked, and Socket.IO does not
    // reconnect after a server-side disconnect. The access token may well still be valid, so ask for a new
    // one: a refusal ends the session (and this socket); success means we were only dropped, so come back.
    if (reason !== 'io server disconnect') return;
    options.refreshAccessToken().then(
      () => {
        if (socket === connection) connection.connect();
      },
      // A refused refresh ends the session, which disconnects this socket.
      () => undefined,
    );
  });
  connection.on('connect_error', (error) => {
    // Socket.IO does not retry a connection its server middleware refused.
    if (error.message === TOO_MANY_CONNECTIONS) {
      // This user already has as many devices and tabs connected as the server allows: try again later, backing
      // off, since one of them closing is what lets this one in.
      const delay = backoffDelayMs(refusedForCapacity++, CAPACITY_BACKOFF);
      setTimeout(() => {
        if (socket === connection && !connection.connected) connection.connect();
      }, delay);
      return;
    }
    // Refresh once per connection, so a token the server keeps refusing ends here instead of looping.
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
  useConnectionStore.getState().reset();
}

export const isRealtimeConnected = () => socket?.connected ?? false;

/** Sends a client event and waits for its acknowledgement; rejects with RealtimeUnavailableError. */
export function emitWithAck<Event extends ClientEvent>(
  event: Event,
  payload: ClientEventPayload<Event>,
): Promise<ClientEventAck<Event>> {
  const connection = socket;
  if (!connection?.connected) return Promise.reject(new RealtimeUnavailableError());
  return new Promise((resolve, reject) => {
    // Socket.IO's typed emit cannot follow a generic event name: the signature is checked above instead.
    const emit = connection.timeout(ACK_TIMEOUT_MS).emit as unknown as (
      name: string,
      data: unknown,
      callback: (timedOut: Error | null, ack: ClientEventAck<Event>) => void,
    ) => void;
    emit.call(connection, event, payload, (timedOut, ack) => {
      if (timedOut) reject(new RealtimeUnavailableError());
      else resolve(ack);
    });
  });
}

/**
 * For events not worth waiting for (typing, receipts): a refusal (rate limit) costs nothing but a missed hint.
 * Returns whether the event went out at all, so that a caller can try again once connected.
 */
export function emitAndForget<Event extends ClientEvent>(event: Event, payload: ClientEventPayload<Event>): boolean {
  if (!isRealtimeConnected()) return false;
  emitWithAck(event, payload).catch(() => undefined);
  return true;
}

function subscribe(connection: RealtimeSocket, handlers: DispatchedEvents): void {
  for (const event of Object.keys(handlers) as (keyof DispatchedEvents)[]) {
    connection.on(event, handlers[event]);
  }
}

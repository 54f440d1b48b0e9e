import { Server, type Socket } from 'socket.io';
import type { Logger } from '../lib/logger';
import type { TokenService } from '../modules/auth/tokens';
import { sessionRoom, userRoom, type EventPublisher, type ServerToClientEvents } from './events';
import { runHandler, type SocketHandlers } from './handlers';
import type { Presence } from './presence';

interface SocketData {
  userId: string;
  sessionId: string;
}

export type MessengerServer = Server<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketServerOptions {
  tokens: TokenService;
  presence: Presence;
  /** Called when a user's last device disconnects (their "last seen" moment). */
  onOffline(userId: string): Promise<void>;
  logger: Logger;
  corsOrigin: string;
}

/** Created unattached: `attach` it to the HTTP server after the Express app, so that it takes /socket.io first. */
export function createSocketServer(options: SocketServerOptions): MessengerServer {
  const io: MessengerServer = new Server({
    cors: { origin: options.corsOrigin, credentials: true },
    maxHttpBufferSize: 1e6,
  });

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      if (typeof token !== 'string') throw new Error('missing token');
      const claims = options.tokens.verifyAccess(token);
      socket.data.userId = claims.userId;
      socket.data.sessionId = claims.sessionId;
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });
  return io;
}

/** Wires the feature modules' client events onto every new connection. */
export function attachHandlers(io: MessengerServer, handlers: SocketHandlers, options: SocketServerOptions): void {
  io.on('connection', (socket: Socket) => {
    const { userId, sessionId } = socket.data as SocketData;
    void socket.join([userRoom(userId), sessionRoom(sessionId)]);
    void options.presence.connected(userId);
    socket.on('disconnect', async () => {
      if (await options.presence.disconnected(userId)) {
        await options.onOffline(userId).catch((error: unknown) => options.logger.warn({ err: error }, 'last seen'));
      }
    });
    for (const [event, handler] of Object.entries(handlers)) {
      socket.on(event, (...args: unknown[]) => void runHandler(handler, userId, args, options.logger));
    }
  });
}

export class SocketPublisher implements EventPublisher {
  constructor(private readonly io: MessengerServer) {}

  toUsers: EventPublisher['toUsers'] = (userIds, event, payload, options) => {
    if (userIds.length === 0) return;
    const rooms = userIds.map(userRoom);
    const target = options?.volatile ? this.io.volatile.to(rooms) : this.io.to(rooms);
    // The typed emit cannot relate a generic event name to its payload; EventPublisher's signature checks it.
    (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
  };

  endSession(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }
}

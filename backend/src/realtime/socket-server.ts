import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Server, type Socket } from 'socket.io';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import type { EventLog } from './event-log';
import type { PresenceChange } from './redis-presence';
import type { TokenService } from '../modules/auth/tokens';
import { sessionRoom, userRoom, type EventPublisher, type ServerToClientEvents } from './events';
import { refuse, runHandler, type SocketHandlers } from './handlers';

interface SocketData {
  userId: string;
  sessionId: string;
  expiresAt: number;
}

/** Between instances (through the Redis adapter). */
interface InterServerEvents {
  presence: (change: PresenceChange) => void;
}

export type MessengerServer = Server<Record<string, never>, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketServerOptions {
  tokens: TokenService;
  /** Told of every device that connects and disconnects (presence). */
  connections: { connected(userId: string): Promise<void>; disconnected(userId: string): Promise<void> };
  /** How long a socket whose token expired has to send `auth:refresh`. */
  reauthGraceMs: number;
  metrics: Metrics;
  /** Token bucket per socket over all client events; undefined turns it off (load tests). */
  eventLimit?: { events: number; perSeconds: number };
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
      socket.data = claims;
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });
  return io;
}

/**
 * A connection outlives its access token: when the token expires the client is sent `auth:expired` and must answer
 * `auth:refresh {token}` with a fresh token of the same session within the grace period, or it is disconnected.
 */
function watchTokenExpiry(socket: Socket, tokens: TokenService, graceMs: number): void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const { expiresAt } = socket.data as SocketData;
    timer = setTimeout(
      () => {
        socket.emit('auth:expired', {});
        timer = setTimeout(() => socket.disconnect(true), graceMs);
      },
      Math.max(0, expiresAt - Date.now()),
    );
  };
  socket.on('auth:refresh', (payload: unknown, ack?: unknown) => {
    const answer = typeof ack === 'function' ? (ack as (response: unknown) => void) : () => undefined;
    const token = (payload as { token?: unknown } | null)?.token;
    try {
      if (typeof token !== 'string') throw new Error('missing token');
      const claims = tokens.verifyAccess(token);
      const current = socket.data as SocketData;
      if (claims.userId !== current.userId || claims.sessionId !== current.sessionId) throw new Error('other session');
      socket.data = claims;
      schedule();
      answer({ ok: true });
    } catch {
      answer({ ok: false, error: { code: 'UNAUTHORIZED', message: 'A fresh access token of this session is needed' } });
    }
  });
  socket.on('disconnect', () => clearTimeout(timer));
  schedule();
}

const FLOODING = new AppError(429, 'RATE_LIMITED', 'Too many events; slow down');

/** Wires the feature modules' client events onto every new connection. */
export function attachHandlers(io: MessengerServer, handlers: SocketHandlers, options: SocketServerOptions): void {
  const limiter = options.eventLimit
    ? new RateLimiterMemory({ points: options.eventLimit.events, duration: options.eventLimit.perSeconds })
    : undefined;
  io.on('connection', (socket: Socket) => {
    const { userId, sessionId } = socket.data as SocketData;
    void socket.join([userRoom(userId), sessionRoom(sessionId)]);
    watchTokenExpiry(socket, options.tokens, options.reauthGraceMs);
    options.metrics.socketConnections.inc();
    const logFailure = (error: unknown) => options.logger.warn({ err: error, userId }, 'presence update failed');
    options.connections.connected(userId).catch(logFailure);
    socket.on('disconnect', async () => {
      options.metrics.socketConnections.dec();
      await limiter?.delete(socket.id);
      await options.connections.disconnected(userId).catch(logFailure);
    });
    for (const [event, handler] of Object.entries(handlers)) {
      socket.on(event, async (...args: unknown[]) => {
        const allowed =
          !limiter ||
          (await limiter.consume(socket.id).then(
            () => true,
            () => false,
          ));
        if (!allowed) {
          options.metrics.socketEventsIn.inc({ event, outcome: 'rate_limited' });
          refuse(args, FLOODING);
          return;
        }
        const ok = await runHandler(handler, userId, args, options.logger);
        options.metrics.socketEventsIn.inc({ event, outcome: ok ? 'ok' : 'error' });
      });
    }
  });
}

/**
 * Emits events to users' rooms. A state-changing event is first recorded in the replay log, and goes out with its
 * `cursor`; events leave this instance in the order they were published. Volatile ones (typing) skip the log.
 */
export class SocketPublisher implements EventPublisher {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: MessengerServer,
    private readonly log: EventLog,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  toUsers: EventPublisher['toUsers'] = (userIds, event, payload, options) => {
    if (userIds.length === 0) return;
    this.metrics.socketEventsOut.inc({ event });
    const rooms = userIds.map(userRoom);
    // The typed emit cannot relate a generic event name to its payload; EventPublisher's signature checks it.
    const emit = (target: { emit: unknown }, body: unknown) =>
      (target.emit as (event: string, payload: unknown) => boolean)(event, body);
    if (options?.volatile || options?.transient) {
      emit(options.volatile ? this.io.volatile.to(rooms) : this.io.to(rooms), payload);
      return;
    }
    const stopFanout = this.metrics.fanoutLatency.startTimer();
    // The append starts now, not after the previous event went out: appends reach Redis in call order over one
    // connection (so cursors grow in publish order) and their round trips overlap. Only the emits wait their turn.
    const appended = this.log.append(userIds, event, payload).catch((error: unknown) => {
      // The database has the change; clients that miss the push catch up by seq.
      this.logger.error({ err: error, event }, 'replay log unavailable; event sent without a cursor');
      return undefined;
    });
    this.queue = this.queue.then(async () => {
      const cursor = await appended;
      emit(this.io.to(rooms), cursor ? { ...payload, cursor } : payload);
      stopFanout();
    });
  };

  endSession(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }
}

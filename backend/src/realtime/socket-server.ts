import {
  CLIENT_FEATURES,
  clientEvents,
  declaredFeatures,
  serverEvents,
  type ClientFeature,
  type ClientToServerEvents,
  type RefusedAck,
  type ServerToClientEvents,
} from '@messenger/contract';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Server, type Socket } from 'socket.io';
import { AppError } from '../lib/errors';
import type { RedisDegradation } from '../lib/degraded';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import type { AppendedGroup, EventLog } from './event-log';
import type { PresenceChange } from './redis-presence';
import type { AccessVerifier } from '../modules/auth/revoked-sessions';
import {
  declaredRoom,
  sessionRoom,
  undeclaredRoom,
  userRoom,
  type EventPublisher,
  type PublishOptions,
} from './events';
import { refuse, runHandler, type FeatureEvent, type SocketHandlers } from './handlers';
import type { SocketWork } from './socket-drain';
import { SocketsPerUser } from './sockets-per-user';

interface SocketData {
  userId: string;
  sessionId: string;
  expiresAt: number;
}

/** Between instances (through the Redis adapter). */
interface InterServerEvents {
  presence: (change: PresenceChange) => void;
  /** A batch of transient events (EventPublisher.toEach), each with the rooms it goes to. */
  transient: (deliveries: RoomDelivery[]) => void;
}

interface RoomDelivery {
  event: string;
  payload: unknown;
  rooms: string[];
}

/** Both event maps are the contract's: what clients send here, and what they are sent. */
export type MessengerServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type MessengerSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketServerOptions {
  /** Checks access tokens: at connect and on `auth:refresh`. */
  access: AccessVerifier;
  /** Told of every device that connects and disconnects (presence). */
  connections: { connected(userId: string): Promise<void>; disconnected(userId: string): Promise<void> };
  /** How long a socket whose token expired has to send `auth:refresh`. */
  reauthGraceMs: number;
  metrics: Metrics;
  /**
   * Token buckets over all client events, one per socket and one per user (`perUser` events: a user's devices
   * share it, so opening more sockets does not multiply the allowance); undefined turns them off (load tests).
   * Kept in each instance's memory: with sticky sessions a user's sockets mostly share an instance.
   */
  eventLimit?: { events: number; perUser: number; perSeconds: number };
  /**
   * `auth:refresh` per socket: a client sends one per access-token lifetime, so a few per minute is plenty, and each
   * costs a token verification and a revocation lookup. Undefined turns it off (load tests).
   */
  reauthLimit?: { refreshes: number; perSeconds: number };
  /** Sockets one user may hold open at once on this instance (see SocketsPerUser). */
  maxSocketsPerUser: number;
  logger: Logger;
  corsOrigin: string;
}

/** Created unattached: `attach` it to the HTTP server after the Express app, so that it takes /socket.io first. */
export function createSocketServer(options: SocketServerOptions): MessengerServer {
  const io: MessengerServer = new Server({
    cors: { origin: options.corsOrigin, credentials: true },
    maxHttpBufferSize: 1e6,
  });

  const held = new SocketsPerUser(options.maxSocketsPerUser);
  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      if (typeof token !== 'string') throw new Error('missing token');
      socket.data = await options.access.verify(token);
    } catch {
      next(new Error('unauthorized'));
      return;
    }
    const { userId } = socket.data;
    if (!held.admit(userId, socket.id)) {
      next(tooManySockets(held.max));
      return;
    }
    // Given back when the socket disconnects, or when its transport closes before the socket ever connected.
    const release = () => held.release(userId, socket.id);
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    next();
  });
  return io;
}

/** The `connect_error` of a connection past the cap: `message` says why, `data` carries the code and the cap. */
function tooManySockets(max: number): Error {
  return Object.assign(new Error('too many connections'), { data: { code: 'TOO_MANY_CONNECTIONS', max } });
}

/**
 * A connection outlives its access token: when the token expires the client is sent `auth:expired` and must answer
 * `auth:refresh {token}` with a fresh token of the same session within the grace period, or it is disconnected.
 */
function watchTokenExpiry(
  socket: MessengerSocket,
  access: AccessVerifier,
  graceMs: number,
  refreshes: RateLimiterMemory | undefined,
): void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const { expiresAt } = socket.data;
    timer = setTimeout(
      () => {
        socket.emit('auth:expired', {});
        timer = setTimeout(() => socket.disconnect(true), graceMs);
      },
      Math.max(0, expiresAt - Date.now()),
    );
  };
  // Listened to untyped: the payload and the acknowledgement are whatever the client sent, until checked here.
  socket.on('auth:refresh', async (payload: unknown, ack?: unknown) => {
    const answer = typeof ack === 'function' ? (ack as (response: unknown) => void) : () => undefined;
    if (!(await allows(refreshes, socket.id))) {
      refuse([payload, ack], REAUTH_FLOODING);
      return;
    }
    try {
      const { token } = clientEvents['auth:refresh'].payload.parse(payload);
      const claims = await access.verify(token);
      const current = socket.data;
      if (claims.userId !== current.userId || claims.sessionId !== current.sessionId) throw new Error('other session');
      socket.data = claims;
      schedule();
      answer({ ok: true });
    } catch {
      const refused: RefusedAck = {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'A fresh access token of this session is needed' },
      };
      answer(refused);
    }
  });
  socket.on('disconnect', () => {
    clearTimeout(timer);
    void refreshes?.delete(socket.id);
  });
  schedule();
}

/** Takes a point from `key`'s bucket; false when it is empty. No limiter: always allowed. */
function allows(limiter: RateLimiterMemory | undefined, key: string): Promise<boolean> {
  if (!limiter) return Promise.resolve(true);
  return limiter.consume(key).then(
    () => true,
    () => false,
  );
}

/** The features the socket declared in its handshake (`auth.features`). */
function featuresOf(socket: MessengerSocket): ReadonlySet<ClientFeature> {
  return declaredFeatures((socket.handshake.auth as { features?: unknown } | undefined)?.features);
}

/**
 * For each feature, the room of the user's sockets that declared it or the room of those that did not: a client that
 * declares `presence-batch` takes `presence:changed`, older ones the per-user events; one that declares
 * `membership-delta` takes `chat:members`, older ones `chat:updated`.
 */
function featureRooms(features: ReadonlySet<ClientFeature>, userId: string): string[] {
  return Object.values(CLIENT_FEATURES).map((feature) =>
    (features.has(feature) ? declaredRoom(feature) : undeclaredRoom(feature))(userId),
  );
}

const FLOODING = new AppError(429, 'RATE_LIMITED', 'Too many events; slow down');
const REAUTH_FLOODING = new AppError(429, 'RATE_LIMITED', 'Too many auth:refresh; send one when auth:expired asks');

/** Wires the feature modules' client events onto every new connection; `work` counts those running. */
export function attachHandlers(
  io: MessengerServer,
  handlers: SocketHandlers<FeatureEvent>,
  options: SocketServerOptions,
  work: SocketWork,
): void {
  const limit = options.eventLimit;
  const perSocket = limit ? new RateLimiterMemory({ points: limit.events, duration: limit.perSeconds }) : undefined;
  const perUser = limit ? new RateLimiterMemory({ points: limit.perUser, duration: limit.perSeconds }) : undefined;
  const reauth = options.reauthLimit;
  const refreshes = reauth
    ? new RateLimiterMemory({ points: reauth.refreshes, duration: reauth.perSeconds })
    : undefined;
  io.on('connection', (socket) => {
    const { userId, sessionId } = socket.data;
    const features = featuresOf(socket);
    void socket.join([userRoom(userId), sessionRoom(sessionId), ...featureRooms(features, userId)]);
    watchTokenExpiry(socket, options.access, options.reauthGraceMs, refreshes);
    options.metrics.socketConnections.inc();
    const logFailure = (error: unknown) => options.logger.warn({ err: error, userId }, 'presence update failed');
    options.connections.connected(userId).catch(logFailure);
    // Counted with the events: a draining instance records the device's departure before it stops presence.
    socket.on('disconnect', () =>
      work.all.run(async () => {
        options.metrics.socketConnections.dec();
        await perSocket?.delete(socket.id);
        await options.connections.disconnected(userId).catch(logFailure);
      }),
    );
    for (const event of Object.keys(handlers) as FeatureEvent[]) {
      // Listened to untyped: the arguments are whatever the client sent, until runHandler checks them.
      socket.on(event, (...args: unknown[]) =>
        work.run(socket, async () => {
          const allowed = (await allows(perSocket, socket.id)) && (await allows(perUser, userId));
          if (!allowed) {
            options.metrics.socketEventsIn.inc({ event, outcome: 'rate_limited' });
            refuse(args, FLOODING);
            return;
          }
          const ok = await runHandler(handlers, event, { userId, features }, args, options.logger);
          options.metrics.socketEventsIn.inc({ event, outcome: ok ? 'ok' : 'error' });
        }),
      );
    }
  });
}

/** The typed emit cannot relate a generic event name to its payload; EventPublisher's signature checks it. */
const emitAs = (event: string, target: { emit: unknown }, body: unknown) =>
  (target.emit as (event: string, payload: unknown) => boolean)(event, body);

/**
 * Emits events to users' rooms, each as the contract's map says it travels: a logged one (a change of state) is first
 * recorded in the replay log, and goes out with its `cursor`; events leave this instance in the order they were
 * published. Transient (presence) and volatile (typing) ones skip the log.
 */
export class SocketPublisher implements EventPublisher {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: MessengerServer,
    private readonly log: EventLog,
    private readonly degradation: RedisDegradation,
    private readonly metrics: Metrics,
    private readonly fanout: {
      /** Other instances share the sockets' users (Redis adapter): batches of transient events are told to them. */
      shared?: boolean;
      /**
       * The sharded adapter (a Redis Cluster) publishes an emit to one room on that room's shard, heard only by the
       * instances holding its sockets, but an emit to several rooms on the main channel, heard by every instance:
       * so a logged event goes out to each room on its own there.
       */
      perRoom?: boolean;
    } = {},
  ) {
    if (fanout.shared) io.on('transient', (deliveries) => this.deliverHere(deliveries));
  }

  toUsers: EventPublisher['toUsers'] = (userIds, event, payload, options) => {
    if (userIds.length === 0) return;
    this.metrics.socketEventsOut.inc({ event });
    const emit = (target: { emit: unknown }, body: unknown) => emitAs(event, target, body);
    const { delivery } = serverEvents[event];
    if (delivery !== 'logged') {
      const rooms = userIds.map(options?.room ?? userRoom);
      emit(delivery === 'volatile' ? this.io.volatile.to(rooms) : this.io.to(rooms), payload);
      return;
    }
    const stopFanout = this.metrics.fanoutLatency.startTimer();
    // The append starts now, not after the previous event went out: appends reach Redis in call order (so each
    // user's cursors grow in publish order) and their round trips overlap. Only the emits wait their turn.
    const appended = this.log
      .append(userIds, event, payload)
      .catch((error: unknown): AppendedGroup[] => [{ userIds, error }]);
    const older = options?.olderClients;
    this.queue = this.queue.then(async () => {
      // Recipients given the same cursor (every recipient in memory and on one Redis, a bucket's on a cluster) get
      // one emit, unless each room goes out on its own shard.
      for (const group of await appended) {
        const cursor = 'cursor' in group ? { cursor: group.cursor } : {};
        // Without a cursor the database has the change all the same; clients that miss the push catch up by seq.
        if ('error' in group) this.degradation.report('replay_log', group.error);
        this.emitToRooms(event, group.userIds.map(options?.room ?? userRoom), { ...payload, ...cursor });
        if (older) this.emitToOlderClients(older, group.userIds, cursor);
      }
      stopFanout();
    });
  };

  /** The events an older client takes in place of a logged one, under its cursor (see PublishOptions). */
  private emitToOlderClients(
    older: NonNullable<PublishOptions['olderClients']>,
    userIds: readonly string[],
    cursor: { cursor?: string },
  ): void {
    const rooms = userIds.map(older.room);
    for (const { event, payload } of older.events) {
      this.metrics.socketEventsOut.inc({ event });
      this.emitToRooms(event, rooms, { ...payload, ...cursor });
    }
  }

  /** One emit to all the rooms, or one per room where each goes out on its own shard (see `fanout.perRoom`). */
  private emitToRooms(event: string, rooms: string[], body: unknown): void {
    for (const targets of this.fanout.perRoom ? rooms.map((room) => [room]) : [rooms]) {
      emitAs(event, this.io.to(targets), body);
    }
  }

  toEach: EventPublisher['toEach'] = (deliveries) => {
    const inRooms: RoomDelivery[] = [];
    for (const { userIds, event, payload, room } of deliveries) {
      if (serverEvents[event].delivery !== 'transient') throw new Error(`${event} is not a transient event`);
      if (userIds.length > 0) inRooms.push({ event, payload, rooms: userIds.map(room) });
    }
    if (inRooms.length === 0) return;
    this.deliverHere(inRooms);
    if (this.fanout.shared) this.io.serverSideEmit('transient', inRooms);
  };

  /** To this instance's sockets only: each instance delivers a batch to its own. */
  private deliverHere(deliveries: readonly RoomDelivery[]): void {
    for (const { event, payload, rooms } of deliveries) {
      this.metrics.socketEventsOut.inc({ event });
      (this.io.local.to(rooms).emit as (event: string, payload: unknown) => boolean)(event, payload);
    }
  }

  /** One request to every instance (through the adapter), answered with the sockets each holds in those rooms. */
  withoutFeature: EventPublisher['withoutFeature'] = async (feature, userIds) => {
    if (userIds.length === 0) return new Set();
    try {
      const sockets = await this.io.in(userIds.map(undeclaredRoom(feature))).fetchSockets();
      return new Set(sockets.map((socket) => socket.data.userId));
    } catch (error) {
      // Redis is away or an instance did not answer in time (the adapter's 5 s): any of them may hold an older client.
      this.degradation.report('fanout', error);
      return new Set(userIds);
    }
  };

  endSession(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Resolves once every event published so far has gone out (a short-lived publisher, before it closes). */
  drained(): Promise<void> {
    return this.queue;
  }
}

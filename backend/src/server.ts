import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Router } from 'express';
import { REPO_ROOT } from './config/data-dir';
import type { Config } from './config/env';
import { databasePoolStatus, type PrismaClient } from './db/prisma';
import { createApp } from './http/app';
import { answerMalformedRequests } from './http/client-errors';
import { openApiRoutes } from './http/openapi.routes';
import { authenticate } from './http/authenticate';
import { createRateLimiters, rateLimitSettings } from './http/rate-limit';
import { checkResponses, type ResponseViolation } from './http/response-check';
import { mountRestApi } from './http/rest-api';
import { AfterAnswer } from './lib/after-answer';
import { RedisDegradation } from './lib/degraded';
import type { Logger } from './lib/logger';
import { Metrics } from './lib/metrics';
import { connectRedis, pingAll, redisConfigured } from './lib/redis';
import { AdminUsersRepository } from './modules/admin/admin-users.repository';
import { AdminUsersService } from './modules/admin/admin-users.service';
import { AuditLog } from './modules/admin/audit-log';
import { requireAdmin } from './modules/admin/require-admin';
import { passwordsModule } from './modules/passwords/passwords.module';
import { registrationModule } from './modules/registration/registration.module';
import { AuthRepository } from './modules/auth/auth.repository';
import { AuthService } from './modules/auth/auth.service';
import { BlocksRepository } from './modules/blocks/blocks.repository';
import { BlocksService } from './modules/blocks/blocks.service';
import { AccessVerifier, MemoryRevokedSessions, RedisRevokedSessions } from './modules/auth/revoked-sessions';
import { TokenService } from './modules/auth/tokens';
import { ChatPresenter } from './modules/chats/chats.presenter';
import { ChatsRepository } from './modules/chats/chats.repository';
import { ChatsService } from './modules/chats/chats.service';
import { GroupsService } from './modules/chats/groups.service';
import { OpenGroupsRepository } from './modules/chats/open-groups.repository';
import { OpenGroupsService } from './modules/chats/open-groups.service';
import { ContactPresenter } from './modules/contacts/contacts.presenter';
import { ContactsRepository } from './modules/contacts/contacts.repository';
import { ContactsService } from './modules/contacts/contacts.service';
import { MessagePresenter } from './modules/messages/messages.presenter';
import { MessagesRepository } from './modules/messages/messages.repository';
import { ChatPublicationOrder } from './modules/messages/publication-order';
import { MessagesService } from './modules/messages/messages.service';
import { messageSocketHandlers } from './modules/messages/messages.socket';
import { pinsModule } from './modules/pins/pins.module';
import { ReceiptsRepository } from './modules/receipts/receipts.repository';
import { ReceiptsService } from './modules/receipts/receipts.service';
import { receiptSocketHandlers } from './modules/receipts/receipts.socket';
import { TypingService } from './modules/typing/typing.service';
import { typingSocketHandlers } from './modules/typing/typing.socket';
import { UserPresenter } from './modules/users/users.presenter';
import { UsersRepository } from './modules/users/users.repository';
import { SearchRepository } from './modules/search/search.repository';
import { SearchService } from './modules/search/search.service';
import { mediaModule } from './modules/media/media.module';
import { UsersService } from './modules/users/users.service';
import { MemoryEventLog } from './realtime/event-log';
import { RedisEventLog } from './realtime/redis-event-log';
import { LocalPresence } from './realtime/presence';
import { RedisPresence } from './realtime/redis-presence';
import { syncSocketHandlers } from './realtime/sync.socket';
import { PresenceRepository } from './modules/presence/presence.repository';
import { PresenceService } from './modules/presence/presence.service';
import { shedStalledSockets } from './realtime/backpressure';
import { attachRedisAdapter } from './realtime/redis-adapter';
import { SocketWork } from './realtime/socket-drain';
import { attachHandlers, createSocketServer, SocketPublisher } from './realtime/socket-server';

/** Uploads that no message, profile or group used within a day are removed, checked every hour. */
const ABANDONED_UPLOAD_MS = 24 * 3_600_000;
const UPLOAD_CLEANUP_EVERY_MS = 3_600_000;

export interface MessengerServerHandle {
  httpServer: HttpServer;
  /** Resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Drains and closes: /ready answers 503 for `drainDelayMs` (default SHUTDOWN_DRAIN_DELAY_MS) while everything is
   * served, then sockets close, a slice at a time, and what is in flight finishes.
   */
  close(options?: { drainDelayMs?: number }): Promise<void>;
}

/** The composition root: builds every module with exactly the dependencies it uses. */
export async function createMessengerServer(
  config: Config,
  prisma: PrismaClient,
  logger: Logger,
  { onResponseViolation }: { onResponseViolation?: (violation: ResponseViolation) => void } = {},
): Promise<MessengerServerHandle> {
  const tokens = new TokenService(config.JWT_SECRET, config.JWT_REFRESH_SECRET, config.JWT_ACCESS_EXPIRY);
  const httpServer = createServer();
  answerMalformedRequests(httpServer);
  const metrics = new Metrics();
  const degradation = new RedisDegradation(metrics, logger);
  const redis = redisConfigured(config) ? await connectRedis(config, logger, 'commands') : undefined;
  const revokedSessions = redis
    ? new RedisRevokedSessions(redis, config.JWT_ACCESS_EXPIRY, degradation)
    : new MemoryRevokedSessions(config.JWT_ACCESS_EXPIRY);
  const access = new AccessVerifier(tokens, revokedSessions);
  const socketOptions = {
    metrics,
    access,
    logger,
    corsOrigin: config.FRONTEND_URL,
    reauthGraceMs: config.SOCKET_REAUTH_GRACE_MS,
    eventLimit: config.RATE_LIMIT_ENABLED ? { events: 60, perUser: 150, perSeconds: 10 } : undefined,
    reauthLimit: config.RATE_LIMIT_ENABLED ? { refreshes: 5, perSeconds: 60 } : undefined,
    maxSocketsPerUser: config.SOCKET_MAX_PER_USER,
    // Presence needs the publisher, which needs the socket server: resolved when the first socket connects.
    connections: {
      connected: (userId: string) => presenceService.connected(userId),
      disconnected: (userId: string) => presenceService.disconnected(userId),
    },
  };
  const io = createSocketServer(socketOptions);
  const adapter = redis && (await attachRedisAdapter(io, config, logger, degradation));
  const redisClients = redis && adapter ? [redis, adapter.publisher, adapter.subscriber] : [];
  metrics.observeDatabasePool(() => databasePoolStatus(prisma));
  if (redis && adapter) {
    metrics.observeRedis({
      commands: () => redis.status === 'ready',
      'adapter-publisher': () => adapter.publisher.status === 'ready',
      'adapter-subscriber': () => adapter.subscriber.status === 'ready',
    });
  }
  const presence = redis
    ? new RedisPresence(redis, (change) => io.serverSideEmit('presence', change), degradation)
    : new LocalPresence();
  if (presence instanceof RedisPresence) io.on('presence', (change) => presence.apply(change));
  const eventLog = redis ? new RedisEventLog(redis) : new MemoryEventLog();
  const events = new SocketPublisher(io, eventLog, degradation, metrics, {
    shared: Boolean(redis),
    perRoom: Boolean(config.REDIS_CLUSTER_NODES),
  });
  const limiters = createRateLimiters(rateLimitSettings(config), redis && { client: redis, degradation });

  const userPresenter = new UserPresenter(presence);
  const presenceRepository = new PresenceRepository(prisma);
  const messagePresenter = new MessagePresenter();
  const chatPresenter = new ChatPresenter(userPresenter, messagePresenter);

  const audit = new AuditLog(prisma);
  const registration = registrationModule(prisma, audit, config);
  const passwords = passwordsModule(prisma, audit, config, { revoked: revokedSessions, events }, limiters);

  const auth = new AuthService(
    new AuthRepository(prisma),
    tokens,
    userPresenter,
    {
      bcryptRounds: config.BCRYPT_ROUNDS,
      refreshTtlMs: config.JWT_REFRESH_EXPIRY,
      refreshGraceMs: config.JWT_REFRESH_GRACE_MS,
    },
    events,
    revokedSessions,
    registration,
  );
  const blocksRepository = new BlocksRepository(prisma);
  const users = new UsersService(new UsersRepository(prisma), userPresenter, presenceRepository, blocksRepository);
  const contactPresenter = new ContactPresenter(userPresenter);
  const contacts = new ContactsService(new ContactsRepository(prisma), contactPresenter, events, presenceRepository);
  const chatsRepository = new ChatsRepository(prisma);
  // Changes answer once written; their fan-out goes on after the answer, and shutdown waits for it.
  const afterAnswer = new AfterAnswer(logger);
  const chats = new ChatsService(chatsRepository, chatPresenter, events, blocksRepository, afterAnswer);
  const blocks = new BlocksService(blocksRepository, contactPresenter, chats, events);
  // Sends, group changes and pins all give messages their seq: one order of publication for all.
  const publicationOrder = new ChatPublicationOrder();
  const groups = new GroupsService(chatsRepository, chats, messagePresenter, events, publicationOrder, afterAnswer);
  const media = await mediaModule(prisma, config, logger, metrics);
  const abandonedUploads = setInterval(() => {
    media.removeAbandoned(ABANDONED_UPLOAD_MS).catch((error: unknown) => logger.warn({ err: error }, 'upload cleanup'));
  }, UPLOAD_CLEANUP_EVERY_MS);
  abandonedUploads.unref();
  const messages = new MessagesService(
    new MessagesRepository(prisma),
    chats,
    messagePresenter,
    events,
    media,
    blocksRepository,
    publicationOrder,
  );
  const receipts = new ReceiptsService(new ReceiptsRepository(prisma), events, chats, afterAnswer);
  const typing = new TypingService(chats, events, blocksRepository);
  const presenceService = new PresenceService(presence, presenceRepository, events, logger, (userId) =>
    typing.stopAll(userId),
  );
  await presenceService.start();

  const people = new AdminUsersService(new AdminUsersRepository(prisma), audit, revokedSessions, events, groups);

  const publicApi = Router();
  publicApi.use('/auth', limiters.publicApi);
  const api = Router();
  api.use(authenticate(access), limiters.userApi);
  mountRestApi(
    { public: publicApi, signedIn: api },
    {
      auth: {
        auth,
        secureCookies: config.NODE_ENV === 'production',
        refreshTtlMs: config.JWT_REFRESH_EXPIRY,
        limiters,
      },
      users: { users },
      blocks: { blocks },
      contacts: { contacts, limitRequests: limiters.contactRequests },
      chats: { chats, groups },
      openGroups: {
        openGroups: new OpenGroupsService(
          new OpenGroupsRepository(prisma),
          chatsRepository,
          chats,
          groups,
          blocksRepository,
        ),
      },
      messages: { messages },
      pins: { pins: pinsModule(prisma, { chats, messagePresenter, events, blocksRepository, publicationOrder }) },
      media: { media },
      search: { search: new SearchService(new SearchRepository(prisma), messagePresenter) },
      passwords,
      registration: { registration },
      adminUsers: { people, audit },
    },
    requireAdmin(prisma),
  );

  const socketWork = new SocketWork();
  /** From SIGTERM on, /ready answers 503 while everything is still served, so that load balancers move on first. */
  let draining = false;
  const app = createApp({
    logger,
    docs: openApiRoutes(),
    checkResponses: onResponseViolation && checkResponses(onResponseViolation),
    publicApi,
    api,
    frontendDist: config.FRONTEND_DIST ?? join(REPO_ROOT, 'frontend', 'dist'),
    instanceName: config.INSTANCE_NAME,
    metrics,
    corsOrigin: config.FRONTEND_URL,
    imageOrigin:
      config.storageDriver === 's3' && config.S3_PUBLIC_URL ? new URL(config.S3_PUBLIC_URL).origin : undefined,
    trustProxy: config.TRUST_PROXY,
    isReady: async () => {
      if (draining) return false;
      await prisma.$queryRaw`SELECT 1`;
      await Promise.all(redisClients.map(pingAll));
      return true;
    },
  });
  httpServer.on('request', app);
  const closeHttp = closeWhenAnswered(httpServer);
  // Socket.IO must see /socket.io requests before Express does; attach() puts its listener in front.
  io.attach(httpServer);
  const stopShedding = shedStalledSockets(
    io,
    { maxPackets: config.SOCKET_MAX_BACKLOG, maxBytes: config.SOCKET_MAX_BUFFERED_BYTES },
    logger,
  );
  attachHandlers(
    io,
    {
      ...messageSocketHandlers(messages),
      ...receiptSocketHandlers(receipts),
      ...typingSocketHandlers(typing),
      ...syncSocketHandlers(eventLog, metrics, (userId, chatId) => chats.find(userId, chatId), degradation),
    },
    socketOptions,
    socketWork,
  );

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    close: async ({ drainDelayMs = config.SHUTDOWN_DRAIN_DELAY_MS } = {}) => {
      draining = true;
      await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
      clearInterval(abandonedUploads);
      stopShedding();
      const requestsDone = closeHttp();
      await socketWork.closeGradually(io.sockets.sockets.values());
      // The sockets that connected meanwhile (over a kept-alive connection), the engine and the adapter. The HTTP
      // server is closed already: the error its second close gets is expected.
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await Promise.all([requestsDone, socketWork.all.idle()]);
      await afterAnswer.idle();
      await events.drained();
      await presenceService.stop();
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
    },
  };
}

/**
 * Returns the HTTP server's close: it stops accepting connections and resolves once every request in flight is
 * answered. A kept-alive connection would hold that close for its idle timeout (5 s) after its last response, so
 * from then on each is closed as soon as it is idle.
 */
function closeWhenAnswered(httpServer: HttpServer): () => Promise<void> {
  let closing = false;
  httpServer.on('request', (_request, response: ServerResponse) =>
    response.on('finish', () => {
      if (closing) setImmediate(() => httpServer.closeIdleConnections());
    }),
  );
  return () => {
    closing = true;
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    return closed;
  };
}

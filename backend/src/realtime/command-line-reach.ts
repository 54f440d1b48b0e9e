import { Server } from 'socket.io';
import type { Env } from '../config/env';
import { RedisDegradation } from '../lib/degraded';
import type { Logger } from '../lib/logger';
import { Metrics } from '../lib/metrics';
import { connectRedis, redisConfigured } from '../lib/redis';
import { MemoryRevokedSessions, RedisRevokedSessions, type RevokedSessions } from '../modules/auth/revoked-sessions';
import { MemoryEventLog } from './event-log';
import { attachRedisAdapter } from './redis-adapter';
import { RedisEventLog } from './redis-event-log';
import { SocketPublisher, type MessengerServer } from './socket-server';

/** What a command run from a shell (the admin command line) can reach of the running servers. */
export interface CommandLineReach {
  revoked: RevokedSessions;
  events: SocketPublisher;
  /** False without Redis (REDIS_URL or REDIS_CLUSTER_NODES): then nothing of the servers' memory is reachable (see `unreachable`). */
  reachesServers: boolean;
  close(): Promise<void>;
}

/**
 * With Redis (REDIS_URL or REDIS_CLUSTER_NODES) the command line joins the servers' Redis for the moment it runs:
 * it writes to the shared revocation list and replay log, and publishes through the same Socket.IO Redis adapter
 * as the servers (classic on one Redis, sharded on a cluster; a Socket.IO server that
 * listens nowhere), so that every instance closes a revoked session's sockets and delivers events, as when an
 * instance publishes them. Without Redis each server keeps these in its own memory, out of reach of another
 * process: the database change still holds, sockets of ended sessions close when their access token expires
 * (JWT_ACCESS_EXPIRY) and cannot be renewed, and clients see other changes on their next fetch.
 */
export async function reachServers(config: Env, logger: Logger): Promise<CommandLineReach> {
  const metrics = new Metrics();
  const degradation = new RedisDegradation(metrics, logger);
  const io: MessengerServer = new Server();
  if (!redisConfigured(config)) {
    return {
      revoked: new MemoryRevokedSessions(config.JWT_ACCESS_EXPIRY),
      events: new SocketPublisher(io, new MemoryEventLog(), degradation, metrics),
      reachesServers: false,
      close: () => Promise.resolve(),
    };
  }
  const redis = await connectRedis(config, logger, 'commands');
  const { publisher, subscriber } = await attachRedisAdapter(io, config, logger, degradation);
  const events = new SocketPublisher(io, new RedisEventLog(redis), degradation, metrics, {
    perRoom: Boolean(config.REDIS_CLUSTER_NODES),
  });
  return {
    revoked: new RedisRevokedSessions(redis, config.JWT_ACCESS_EXPIRY, degradation),
    events,
    reachesServers: true,
    close: async () => {
      await events.drained();
      // The Socket.IO server was never attached to a port: there is nothing of it to close but its connections.
      // QUIT is sent after the commands queued before it (the adapter's publishes), so none is lost.
      await Promise.all([redis, publisher, subscriber].map((client) => client.quit().catch(() => undefined)));
    },
  };
}

import { RedisDegradation } from '../lib/degraded';
import { createLogger } from '../lib/logger';
import { Metrics } from '../lib/metrics';
import type { AppendedGroup, EventLog } from './event-log';
import { SocketPublisher, type MessengerServer } from './socket-server';

/** A replay log whose appends finish when the test says so, in any order. */
class HeldEventLog implements EventLog {
  readonly pending: { event: string; finish: (...groups: AppendedGroup[]) => void }[] = [];

  append(_userIds: readonly string[], event: string): Promise<AppendedGroup[]> {
    return new Promise((resolve) => this.pending.push({ event, finish: (...groups) => resolve(groups) }));
  }

  current = async () => 'e.0';
  since = async () => 'expired' as const;
}

/** Stands in for Socket.IO's server: what the publisher emitted, to which rooms, in order. */
function recordingServer() {
  const emitted: { rooms: string[]; event: string; payload: unknown; volatile?: true }[] = [];
  const to = (volatile: boolean) => (rooms: string[]) => ({
    emit: (event: string, payload: unknown) =>
      emitted.push({ rooms, event, payload, ...(volatile && { volatile: true as const }) }),
  });
  return { emitted, io: { to: to(false), volatile: { to: to(true) } } as unknown as MessengerServer };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A publisher with event payloads left untyped: these tests follow markers through it, not real messages. */
type UntypedPublish = (userIds: string[], event: string, payload: object) => void;
const publisherOver = (io: MessengerServer, log: EventLog, fanout?: { perRoom: boolean }) =>
  new SocketPublisher(io, log, new RedisDegradation(new Metrics(), createLogger('silent')), new Metrics(), fanout)
    .toUsers as UntypedPublish;

it('asks the replay log for every event at once, yet emits them in the order they were published', async () => {
  const log = new HeldEventLog();
  const { emitted, io } = recordingServer();
  const publish = publisherOver(io, log);

  publish(['u1'], 'message:new', { n: 1 });
  publish(['u1', 'u2'], 'message:new', { n: 2 });
  publish(['u2'], 'message:edited', { n: 3 });
  // All three appends are in flight together: none waits for the one before it.
  expect(log.pending.map((append) => append.event)).toEqual(['message:new', 'message:new', 'message:edited']);

  log.pending[2]?.finish({ userIds: ['u2'], cursor: 'e.3' });
  log.pending[1]?.finish({ userIds: ['u1', 'u2'], cursor: 'e.2' });
  await settle();
  expect(emitted).toEqual([]);

  log.pending[0]?.finish({ userIds: ['u1'], cursor: 'e.1' });
  await settle();
  expect(emitted).toEqual([
    { rooms: ['user:u1'], event: 'message:new', payload: { n: 1, cursor: 'e.1' } },
    { rooms: ['user:u1', 'user:u2'], event: 'message:new', payload: { n: 2, cursor: 'e.2' } },
    { rooms: ['user:u2'], event: 'message:edited', payload: { n: 3, cursor: 'e.3' } },
  ]);
});

it('gives each recipient the cursor of its own log, without a cursor to those whose logs the append missed', async () => {
  const log = new HeldEventLog();
  const { emitted, io } = recordingServer();
  publisherOver(io, log)(['u1', 'u2', 'u3'], 'message:new', { n: 1 });
  log.pending[0]?.finish(
    { userIds: ['u1'], cursor: 'u.1' },
    { userIds: ['u2'], error: new Error('shard down') },
    { userIds: ['u3'], cursor: 'u.7' },
  );
  await settle();
  expect(emitted).toEqual([
    { rooms: ['user:u1'], event: 'message:new', payload: { n: 1, cursor: 'u.1' } },
    { rooms: ['user:u2'], event: 'message:new', payload: { n: 1 } },
    { rooms: ['user:u3'], event: 'message:new', payload: { n: 1, cursor: 'u.7' } },
  ]);
});

it('emits to each room on its own when rooms are published on their shards (a Redis Cluster)', async () => {
  const log = new HeldEventLog();
  const { emitted, io } = recordingServer();
  publisherOver(io, log, { perRoom: true })(['u1', 'u2', 'u3'], 'message:new', { n: 1 });
  // Users of one bucket share a cursor; an emit to both their rooms would travel on the main channel to every instance.
  log.pending[0]?.finish(
    { userIds: ['u1', 'u2'], cursor: 'b4.1' },
    { userIds: ['u3'], error: new Error('shard down') },
  );
  await settle();
  expect(emitted).toEqual([
    { rooms: ['user:u1'], event: 'message:new', payload: { n: 1, cursor: 'b4.1' } },
    { rooms: ['user:u2'], event: 'message:new', payload: { n: 1, cursor: 'b4.1' } },
    { rooms: ['user:u3'], event: 'message:new', payload: { n: 1 } },
  ]);
});

it('still delivers, without a cursor, when the replay log fails', async () => {
  const failing: EventLog = { ...new HeldEventLog(), append: () => Promise.reject(new Error('redis down')) };
  const { emitted, io } = recordingServer();
  publisherOver(io, failing)(['u1'], 'chat:updated', { n: 1 });
  await settle();
  expect(emitted).toEqual([{ rooms: ['user:u1'], event: 'chat:updated', payload: { n: 1 } }]);
});

it('sends what the contract does not log (typing, presence) at once, past the replay log, typing as volatile', async () => {
  const log = new HeldEventLog();
  const { emitted, io } = recordingServer();
  const publish = publisherOver(io, log);

  publish(['u1'], 'typing:start', { n: 1 });
  publish(['u1'], 'presence:online', { n: 2 });
  expect(log.pending).toEqual([]);
  expect(emitted).toEqual([
    { rooms: ['user:u1'], event: 'typing:start', payload: { n: 1 }, volatile: true },
    { rooms: ['user:u1'], event: 'presence:online', payload: { n: 2 } },
  ]);
});

it('counts everyone as an older client when the instances cannot all be asked who is one', async () => {
  const metrics = new Metrics();
  const fetchSockets = jest.fn(() =>
    Promise.reject(new Error('timeout reached while waiting for fetchSockets response')),
  );
  const io = { in: jest.fn(() => ({ fetchSockets })) } as unknown as MessengerServer;
  const publisher = new SocketPublisher(
    io,
    new HeldEventLog(),
    new RedisDegradation(metrics, createLogger('silent')),
    metrics,
  );

  const older = await publisher.withoutFeature('membership-delta', ['u1', 'u2']);

  expect(io.in).toHaveBeenCalledWith(['without-membership-delta:u1', 'without-membership-delta:u2']);
  expect([...older]).toEqual(['u1', 'u2']);
  expect(await metrics.registry.getSingleMetricAsString('messenger_redis_degraded_total')).toContain('check="fanout"');
});

import type { Logger } from '../../lib/logger';
import type { EventPublisher, PresenceChanges } from '../../realtime/events';
import { LocalPresence } from '../../realtime/presence';
import type { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';

interface Told {
  userIds: readonly string[];
  event: string;
  payload: unknown;
  room: string | undefined;
}

/** Bob hears of Alice and Carol; Dave's audience is Bob's other contact Eve only (a block keeps Bob out of it). */
const audiences: Record<string, string[]> = { alice: ['bob', 'eve'], carol: ['bob'], dave: ['eve'], bob: [], eve: [] };

function setUp(windowMaxUsers?: number) {
  const told: Told[] = [];
  const events: EventPublisher = {
    toUsers: () => {
      throw new Error('presence goes out as one batch per window (toEach)');
    },
    toEach: (deliveries) => {
      for (const { userIds, event, payload, room } of deliveries)
        told.push({ userIds, event, payload, room: room(userIds[0] ?? '') });
    },
    withoutFeature: async () => new Set(),
    endSession: () => undefined,
  };
  const repository = {
    audiences: (userIds: readonly string[]) =>
      Promise.resolve(new Map(userIds.map((userId) => [userId, audiences[userId] ?? []]))),
    markSeen: () => Promise.resolve(),
  } as unknown as PresenceRepository;
  const logger = { warn: () => undefined } as unknown as Logger;
  // A window far longer than the test: `stop` ends it, so what is told does not depend on the machine's speed.
  const service = new PresenceService(
    new LocalPresence(),
    repository,
    events,
    logger,
    () => undefined,
    0,
    60_000,
    windowMaxUsers,
  );
  return { service, told };
}

it('tells each recipient one presence:changed with every user who came online in the window', async () => {
  const { service, told } = setUp();
  for (const userId of ['bob', 'eve', 'alice', 'carol', 'dave']) await service.connected(userId);
  expect(told).toEqual([]);
  await service.stop();

  const batches = told.filter((t) => t.event === 'presence:changed');
  const toBob = batches.filter((t) => t.userIds.includes('bob'));
  expect(toBob).toEqual([
    {
      userIds: ['bob'],
      event: 'presence:changed',
      payload: { online: ['alice', 'carol'], offline: [] },
      room: 'presence-batch:bob',
    },
  ]);
  const toEve = batches.filter((t) => t.userIds.includes('eve'));
  expect(toEve.map((t) => (t.payload as PresenceChanges).online)).toEqual([['alice', 'dave']]);
  // Older sockets still get one event per user, in their own rooms; Dave's never reaches Bob.
  const perUser = told.filter((t) => t.event === 'presence:online' && t.userIds.length > 0);
  expect(perUser.map((t) => [(t.payload as { userId: string }).userId, [...t.userIds].sort(), t.room])).toEqual([
    ['alice', ['bob', 'eve'], 'without-presence-batch:bob'],
    ['carol', ['bob'], 'without-presence-batch:bob'],
    ['dave', ['eve'], 'without-presence-batch:eve'],
  ]);
});

it('ends a window early once it holds the most users a window may hold', async () => {
  const { service, told } = setUp(2);
  for (const userId of ['bob', 'eve', 'alice']) await service.connected(userId);
  // Bob and Eve filled the first window, which went out without waiting; Alice is in the next one.
  await new Promise((resolve) => setImmediate(resolve));
  expect(
    told.filter((t) => t.event === 'presence:online').map((t) => (t.payload as { userId: string }).userId),
  ).toEqual(['bob', 'eve']);
  await service.stop();
  const toBob = told.filter((t) => t.event === 'presence:changed' && t.userIds.includes('bob'));
  expect(toBob.map((t) => t.payload)).toEqual([{ online: ['alice'], offline: [] }]);
});

it('tells only recipients who are online now', async () => {
  const { service, told } = setUp();
  await service.connected('alice');
  await service.stop();
  expect(told.filter((t) => t.userIds.length > 0)).toEqual([]);
});

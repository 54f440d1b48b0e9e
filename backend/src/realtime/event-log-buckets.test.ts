import { randomBytes } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { primaryNodes } from '../lib/redis';
import { deleteKeys, startRedisCluster, type TestRedisCluster } from '../../tests/helpers/redis-cluster';
import type { AppendedGroup } from './event-log';
import { CLUSTER_BUCKETS, clusterBucketOf, RedisEventLog } from './redis-event-log';

/**
 * The replay log on a Redis Cluster groups users' logs in buckets, one hash slot each: what sharing a bucket must
 * never change (each user replays exactly their own events, capped on their own) and what it must keep (a cursor of
 * another layout, or from before a bucket lost data, is expired). event-log.test.ts runs the common tests on one
 * Redis and on a cluster.
 */
let cluster: TestRedisCluster;
let client: Cluster;
const prefix = `test-buckets-${randomBytes(4).toString('hex')}:`;
let testNumber = 0;
beforeAll(async () => {
  cluster = await startRedisCluster();
  client = cluster.client();
}, 30_000);
afterAll(async () => {
  await deleteKeys(client, `${prefix}*`);
  await cluster?.stop();
});

const page = { maxEvents: 100, maxBytes: 10_000_000 };

/** A log of its own for each test, and the prefix of its keys. */
function newLog(perUser?: number): { log: RedisEventLog; keys: string } {
  const keys = `${prefix}${++testNumber}:`;
  return { log: new RedisEventLog(client, keys, perUser), keys };
}

/** `count` user ids whose logs share one bucket (and so one slot). */
function usersOfOneBucket(count: number): string[] {
  const bucket = clusterBucketOf('member-0');
  const users: string[] = [];
  for (let i = 0; users.length < count; i++) if (clusterBucketOf(`member-${i}`) === bucket) users.push(`member-${i}`);
  return users;
}

/** A user id of another bucket than `userId`'s. */
function userOfAnotherBucket(userId: string): string {
  for (let i = 0; ; i++) if (clusterBucketOf(`other-${i}`) !== clusterBucketOf(userId)) return `other-${i}`;
}

function cursorOf(groups: AppendedGroup[], userId: string): string {
  const group = groups.find((candidate) => candidate.userIds.includes(userId));
  if (!group || !('cursor' in group)) throw new Error(`no cursor for ${userId}`);
  return group.cursor;
}

it("appends a group's event with one script per bucket among its recipients, each replaying it once", async () => {
  const { log } = newLog();
  const members = Array.from({ length: 300 }, (_, i) => `member-${i}`);
  const starts = await Promise.all(members.map((member) => log.current(member)));
  const groups = await log.append(members, 'message:new', { n: 1 });

  const buckets = new Set(members.map(clusterBucketOf));
  expect(groups).toHaveLength(buckets.size);
  expect(groups.length).toBeLessThanOrEqual(CLUSTER_BUCKETS);
  for (const group of groups) expect(new Set(group.userIds.map(clusterBucketOf)).size).toBe(1);
  for (const [index, member] of members.entries()) {
    expect(await log.since(member, starts[index] ?? '', page)).toEqual({
      events: [{ event: 'message:new', payload: { n: 1 } }],
      cursor: cursorOf(groups, member),
      hasMore: false,
    });
  }
});

it('lets users of one bucket replay only their own events, each log capped on its own', async () => {
  const { log } = newLog(3);
  const [ann = '', bob = ''] = usersOfOneBucket(2);
  const start = { ann: await log.current(ann), bob: await log.current(bob) };
  await log.append([ann], 'message:new', { to: 'ann' });
  let bobAfterFourth = '';
  for (let n = 1; n <= 6; n++) {
    const groups = await log.append([bob], 'message:new', { to: 'bob', n });
    if (n === 4) bobAfterFourth = cursorOf(groups, bob);
  }
  const both = cursorOf(await log.append([ann, bob], 'message:new', { to: 'both' }), ann);

  // Bob's seven events went through the bucket's slot, but not through Ann's log of three; his holds his last three.
  expect(await log.since(ann, start.ann, page)).toMatchObject({
    events: [{ payload: { to: 'ann' } }, { payload: { to: 'both' } }],
    cursor: both,
  });
  expect(await log.since(bob, start.bob, page)).toBe('expired');
  expect(await log.since(bob, bobAfterFourth, page)).toMatchObject({
    events: [{ payload: { n: 5 } }, { payload: { n: 6 } }, { payload: { to: 'both' } }],
  });
});

it('expires a cursor of the per-user layout, or of another bucket, once: a new cursor then replays', async () => {
  const { log } = newLog();
  const ann = 'ann';
  const now = await log.current(ann);
  const position = /\d+$/.exec(now)?.[0] ?? '';
  await log.append([ann], 'message:new', { n: 1 });

  // What the cluster handed out before its buckets, at a position the new log has: it must not be read there.
  expect(await log.since(ann, `u${position}`, page)).toBe('expired');
  const otherBucket = (clusterBucketOf(ann) + 1) % CLUSTER_BUCKETS;
  expect(await log.since(ann, `b${otherBucket}.${position}`, page)).toBe('expired');
  expect(await log.since(ann, now, page)).toMatchObject({ events: [{ payload: { n: 1 } }] });
});

it('expires the cursors of the users of a bucket that lost an append, and only theirs', async () => {
  const { log, keys } = newLog();
  const [ann = '', bob = ''] = usersOfOneBucket(2);
  const cid = userOfAnotherBucket(ann);
  await log.append([ann, bob, cid], 'message:new', { n: 1 });
  const bucketKeys = `${keys}{l:${clusterBucketOf(ann)}}:*`;
  const [master] = (
    await Promise.all(primaryNodes(client).map(async (node) => ({ node, keys: await node.keys(bucketKeys) })))
  ).filter(({ keys }) => keys.length > 0);
  if (!master) throw new Error('no master holds the bucket');
  // The bucket as a replica had it before the next append reached it.
  const replica = await Promise.all(
    master.keys.map(async (key) => ({
      key,
      ttl: await master.node.pttl(key),
      dump: await master.node.dumpBuffer(key),
    })),
  );

  const groups = await log.append([ann, bob, cid], 'message:new', { n: 2 });
  await deleteKeys(client, bucketKeys);
  for (const { key, ttl, dump } of replica) await master.node.restore(key, Math.max(ttl, 0), dump, 'REPLACE');

  // Ann and Bob were handed positions their bucket no longer has; Cid's bucket kept everything.
  expect(await log.since(ann, cursorOf(groups, ann), page)).toBe('expired');
  expect(await log.since(bob, cursorOf(groups, bob), page)).toBe('expired');
  expect(await log.since(cid, cursorOf(groups, cid), page)).toMatchObject({ events: [] });
});

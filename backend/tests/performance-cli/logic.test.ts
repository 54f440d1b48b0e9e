import { Metrics, summarize } from '../../../tools/performance-test/src/metrics';
import { generatorWarnings } from '../../../tools/performance-test/src/monitor';
import { OpenLoopSchedule, runSchedule } from '../../../tools/performance-test/src/schedule';
import { judge, type Outcome } from '../../../tools/performance-test/src/targets';
import { messageId, parseMessageId, trafficPlan } from '../../../tools/performance-test/src/traffic';
import { parseCli } from '../../../tools/performance-test/src/cli';
import { planWorld } from '../../../tools/performance-test/src/world/plan';

describe('open-loop schedule', () => {
  it('spaces intended send times by 1/rate and says how many are due', () => {
    const schedule = new OpenLoopSchedule(50, 2, 1_000);
    expect(schedule.total).toBe(100);
    expect(schedule.intended(0)).toBe(1_000);
    expect(schedule.intended(10)).toBe(1_200);
    expect(schedule.dueBy(999)).toBe(0);
    expect(schedule.dueBy(1_000)).toBe(1);
    expect(schedule.dueBy(1_205)).toBe(11);
    expect(schedule.dueBy(99_000)).toBe(100);
  });

  it('does not wait for a slow send: late messages go out at once and their lag is recorded', async () => {
    const metrics = new Metrics();
    const schedule = new OpenLoopSchedule(200, 0.1, performance.timeOrigin + performance.now());
    const sent: number[] = [];
    await runSchedule(schedule, (n, intendedMs, actualMs) => {
      if (n === 0) {
        const until = Date.now() + 40; // the generator stalls for 40 ms
        while (Date.now() < until);
      }
      sent.push(n);
      metrics.recordSend(intendedMs, actualMs, 1);
    });
    expect(sent).toEqual([...Array(20).keys()]);
    expect(metrics.counts).toMatchObject({ sent: 20, expected: 20 });
    // Messages 1-8 were due during the stall: they went out late, and how late is on record.
    expect(summarize(metrics.lag).max).toBeGreaterThanOrEqual(30);
  });
});

describe('delivery accounting', () => {
  it('counts each (message, recipient) once, duplicates and out-of-order arrivals apart', () => {
    const metrics = new Metrics(0);
    metrics.recordSend(0, 0, 2);
    metrics.recordSend(5, 5, 2);
    expect(metrics.recordDelivery(1, 0, 'chat', 1, 0, 10)).toBe(true);
    expect(metrics.recordDelivery(1, 0, 'chat', 1, 0, 12)).toBe(false); // duplicate
    expect(metrics.recordDelivery(2, 1, 'chat', 2, 5, 20)).toBe(true);
    expect(metrics.recordDelivery(2, 0, 'chat', 1, 0, 30)).toBe(true); // seq 1 after seq 2 at recipient 2
    expect(metrics.counts).toMatchObject({ sent: 2, expected: 4, delivered: 3, duplicates: 1, outOfOrder: 1 });
    expect(summarize(metrics.delivery).count).toBe(3);
    expect(summarize(metrics.delivery).max).toBeCloseTo(30, 1);
  });

  it('merges another process’s histograms, counts and seconds', () => {
    const a = new Metrics(0);
    const b = new Metrics(0);
    a.recordSend(0, 0, 1);
    b.recordDelivery(3, 0, 'chat', 1, 0, 100);
    b.recordDelivery(3, 0, 'chat', 1, 0, 101);
    b.error('ack: timeout');
    a.merge(JSON.parse(JSON.stringify(b.toJSON())));
    expect(a.counts).toMatchObject({ sent: 1, expected: 1, delivered: 1, duplicates: 1 });
    expect(a.errors).toEqual({ 'ack: timeout': 1 });
    expect(summarize(a.delivery).p50).toBeCloseTo(100, 0);
    expect(a.seconds.get(0)).toMatchObject({ sent: 1, delivered: 1 });
  });
});

describe('targets', () => {
  const good: Outcome = {
    users: 100,
    connected: 100,
    rate: 10,
    achievedRate: 10,
    delivery: { count: 1000, mean: 20, p50: 15, p95: 80, p99: 200, p999: 400, max: 600 },
    expected: 1000,
    delivered: 1000,
  };
  const missed = (outcome: Outcome) =>
    judge(outcome)
      .filter((check) => !check.ok)
      .map((check) => check.name);

  it('passes a run within every target and names each miss', () => {
    expect(missed(good)).toEqual([]);
    expect(missed({ ...good, connected: 99 })).toEqual(['connections']);
    expect(missed({ ...good, achievedRate: 9.5 })).toEqual(['sustained rate']);
    expect(missed({ ...good, delivery: { ...good.delivery, mean: 100 } })).toEqual(['average delivery']);
    expect(missed({ ...good, delivery: { ...good.delivery, p95: 301 } })).toEqual(['p95 delivery']);
    expect(missed({ ...good, delivery: { ...good.delivery, p99: 500 } })).toEqual(['p99 delivery']);
    expect(missed({ ...good, delivered: 998 })).toEqual(['delivered']);
    expect(missed({ ...good, delivered: 999 })).toEqual([]);
  });

  it('warns when the generator, not the server, is the bottleneck', () => {
    expect(generatorWarnings([{ cpuPercent: 30, eventLoopP99Ms: 10, eventLoopMaxMs: 20 }], 5)).toEqual([]);
    expect(generatorWarnings([{ cpuPercent: 95, eventLoopP99Ms: 80, eventLoopMaxMs: 90 }], 120)).toHaveLength(3);
  });
});

describe('world and traffic plan', () => {
  it('pairs users into direct chats and groups whose owner is a contact of every member', () => {
    const plan = planWorld(parseCli(['--users', '400', '--groups', '5', '--group-size', '5-10'], {})!);
    const groups = plan.chats.filter((chat) => chat.type === 'group');
    expect(plan.chats.filter((chat) => chat.type === 'direct')).toHaveLength(200);
    expect(
      groups
        .map((group) => group.members.length)
        .slice(0, 5)
        .every((n) => n >= 5 && n <= 10),
    ).toBe(true);
    expect(groups[5]?.members).toHaveLength(300); // one large group by default at 300+ users
    const contacts = new Set(plan.contacts.map(([a, b]) => `${Math.min(a, b)}:${Math.max(a, b)}`));
    for (const [owner, ...members] of groups.map((group) => group.members)) {
      for (const member of members)
        expect(contacts.has(`${Math.min(owner!, member)}:${Math.max(owner!, member)}`)).toBe(true);
    }
    expect(planWorld(parseCli(['--users', '400', '--groups', '5', '--group-size', '5-10'], {})!)).toEqual(plan);
  });

  it('sends the group share to groups from a member, and carries id and intended time in clientMsgId', () => {
    const plan = planWorld(parseCli(['--users', '20', '--groups', '2'], {})!);
    const chats = plan.chats.map((chat, i) => ({ ...chat, id: `c${i}` }));
    const toGroups = trafficPlan(chats, 1);
    const toDirect = trafficPlan(chats, 0);
    for (let n = 0; n < 50; n++) {
      expect(toGroups(n).chat.type).toBe('group');
      expect(toGroups(n).chat.members).toContain(toGroups(n).sender);
      expect(toDirect(n).chat.type).toBe('direct');
    }
    const id = messageId('ab12', 7, 1_764_000_000_123.456);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(parseMessageId(id, 'ab12')).toEqual({ n: 7, intendedMs: 1_764_000_000_123.456 });
    expect(parseMessageId(id, 'other')).toBeUndefined();
    expect(parseMessageId(null, 'ab12')).toBeUndefined();
  });
});

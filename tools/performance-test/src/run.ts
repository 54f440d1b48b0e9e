import type { RunConfig } from './cli';
import { Connections } from './connections';
import { sendLoad } from './load';
import { Metrics } from './metrics';
import { watchGenerator, type GeneratorLoad } from './monitor';
import { nowMs, sleep } from './pool';
import type { ProgressDisplay } from './progress';
import type { WorldState } from './world/state';

export interface RunOutcome {
  metrics: Metrics;
  generator: GeneratorLoad[];
  sendSeconds: number;
}

/** Every ack answered (or timed out) and every expected delivery in. */
export const settled = (counts: Metrics['counts'], ackErrors: number) =>
  counts.acked + ackErrors >= counts.sent && counts.delivered >= counts.expected;

export const ackErrors = (errors: Record<string, number>) =>
  Object.entries(errors).reduce((sum, [kind, n]) => (kind.startsWith('ack:') ? sum + n : sum), 0);

/** The whole load in this process: connect every user, send on schedule, drain, disconnect. */
export async function runLocal(
  config: RunConfig,
  world: WorldState,
  runId: string,
  display: ProgressDisplay,
): Promise<RunOutcome> {
  const metrics = new Metrics();
  const generator = watchGenerator();
  const rampStartMs = nowMs() + 50;
  const connections = new Connections({
    target: config.target,
    socketTargets: config.socketTargets,
    localIps: config.localIps,
    world,
    hosted: world.users.map((_, index) => index),
    rampStartMs,
    rampUpSeconds: config.rampUp,
    runId,
    metrics,
    receiptIntervalMs: config.receiptInterval * 1000,
    perChatReceipts: config.perChatReceipts,
    onConnect: () => display.connecting(metrics.counts.connected, world.users.length),
  });
  display.connecting(0, world.users.length);
  await connections.open(rampStartMs + config.rampUp * 1000 + 30_000);
  display.stop();
  const startMs = nowMs() + config.settle * 1000 + 100;
  metrics.startMs = startMs;
  const live = (elapsedSeconds: number) =>
    display.sending(elapsedSeconds, config.duration, {
      connected: connections.connected,
      sent: metrics.counts.sent,
      delivered: metrics.counts.delivered,
      p99Ms: metrics.delivery.totalCount ? metrics.delivery.getValueAtPercentile(99) / 1000 : 0,
      cpuPercent: generator.recentCpu(),
    });
  live(0);
  const ticker = setInterval(() => live((nowMs() - startMs) / 1000), 1000);
  await sendLoad({ ...config, world, connections, metrics, runId, startMs });
  const sendSeconds = (nowMs() - startMs) / 1000;
  const drainUntil = nowMs() + config.drain * 1000;
  while (nowMs() < drainUntil && !settled(metrics.counts, ackErrors(metrics.errors))) await sleep(50);
  clearInterval(ticker);
  live(config.duration);
  connections.close();
  return { metrics, generator: [generator.stop()], sendSeconds };
}

import { cpus, hostname, totalmem, type as osType, release } from 'node:os';
import type { RunConfig } from '../cli';
import { deliveredPercent, judge } from '../targets';
import { summarize, type Metrics } from '../metrics';
import type { GeneratorLoad } from '../monitor';
import { generatorWarnings } from '../monitor';
import type { InstanceSamples } from '../server-metrics/sampler';
import { serverReport } from '../server-metrics/summary';
import type { SetupStats } from '../world/build';
import type { WorldState } from '../world/state';

/** Everything a run found out: printed, written as JSON and drawn as HTML. */
export function buildResult(input: {
  config: RunConfig;
  setup: SetupStats;
  world: WorldState;
  metrics: Metrics;
  generator: GeneratorLoad[];
  sendSeconds: number;
  /** --server-metrics: what each instance's /metrics said during the run. */
  server?: InstanceSamples[];
}) {
  const { config, metrics } = input;
  const { password: _password, ...shownConfig } = config;
  const groups = input.world.chats.filter((chat) => chat.type === 'group');
  const delivery = summarize(metrics.delivery);
  const scheduleLag = summarize(metrics.lag);
  const achievedRate = metrics.counts.sent / Math.max(config.duration, input.sendSeconds);
  const checks = judge({
    users: config.users,
    connected: metrics.counts.connected,
    rate: config.rate,
    achievedRate,
    delivery,
    expected: metrics.counts.expected,
    delivered: metrics.counts.delivered,
  });
  const cpu = cpus();
  return {
    startedAt: new Date(metrics.startMs).toISOString(),
    config: shownConfig,
    machine: {
      os: `${osType()} ${release()}`,
      hostname: hostname(),
      node: process.version,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    },
    setup: input.setup,
    world: {
      users: input.world.users.length,
      directChats: input.world.chats.length - groups.length,
      groups: groups.length,
      groupSizes: groups.map((group) => group.members.length),
    },
    results: {
      connect: summarize(metrics.connect),
      ack: summarize(metrics.ack),
      delivery,
      scheduleLag,
      counts: metrics.counts,
      errors: metrics.errors,
      deliveredPercent: Math.round(deliveredPercent(metrics.counts) * 1000) / 1000,
      achievedRate: Math.round(achievedRate * 100) / 100,
      generator: input.generator,
    },
    series: [...metrics.seconds.entries()]
      .sort(([a], [b]) => a - b)
      .map(([second, s]) => ({
        second,
        sent: s.sent,
        acked: s.acked,
        delivered: s.delivered,
        p50: s.latency.totalCount ? s.latency.getValueAtPercentile(50) / 1000 : null,
        p99: s.latency.totalCount ? s.latency.getValueAtPercentile(99) / 1000 : null,
      })),
    checks,
    passed: checks.every((check) => check.ok),
    warnings: generatorWarnings(input.generator, scheduleLag.p99),
    serverMetrics: input.server ? serverReport(input.server, metrics.startMs, config.duration) : undefined,
  };
}

export type RunResult = ReturnType<typeof buildResult>;

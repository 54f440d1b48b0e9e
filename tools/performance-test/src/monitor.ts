import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface GeneratorLoad {
  /** CPU time of this process as a share of one core over the measured span, in %. */
  cpuPercent: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

/** Watches the load generator itself: if it is saturated, the latencies measure it and not the server. */
export function watchGenerator() {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const startCpu = process.cpuUsage();
  const startWall = performance.now();
  let lastCpu = startCpu;
  let lastWall = startWall;
  const percent = (cpu: NodeJS.CpuUsage, wallMs: number) =>
    wallMs > 0 ? Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10 : 0;
  return {
    /** CPU % since the previous call (for the live display). */
    recentCpu(): number {
      const cpu = process.cpuUsage(lastCpu);
      const wall = performance.now() - lastWall;
      lastCpu = process.cpuUsage();
      lastWall = performance.now();
      return percent(cpu, wall);
    },
    stop(): GeneratorLoad {
      delay.disable();
      return {
        cpuPercent: percent(process.cpuUsage(startCpu), performance.now() - startWall),
        eventLoopP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
        eventLoopMaxMs: Math.round(delay.max / 1e4) / 100,
      };
    },
  };
}

/** Why the generator, not the server, may be the bottleneck (empty when it kept up). */
export function generatorWarnings(load: GeneratorLoad[], scheduleLagP99Ms: number): string[] {
  const warnings: string[] = [];
  load.forEach((one, i) => {
    const who = load.length > 1 ? `worker ${i + 1}` : 'the load generator';
    if (one.cpuPercent > 80)
      warnings.push(`${who} used ${one.cpuPercent} % of a core (> 80 %): add --workers or a machine`);
    if (one.eventLoopP99Ms > 50) warnings.push(`${who}'s event loop lagged ${one.eventLoopP99Ms} ms at p99 (> 50 ms)`);
  });
  if (scheduleLagP99Ms > 50) warnings.push(`sends left up to ${scheduleLagP99Ms} ms behind schedule at p99 (> 50 ms)`);
  return warnings;
}

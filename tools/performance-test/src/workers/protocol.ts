import type { RunConfig } from '../cli';
import type { MetricsJson, Metrics } from '../metrics';
import type { GeneratorLoad } from '../monitor';
import type { WorldState } from '../world/state';

/** Parent → worker. */
export type ToWorker =
  | { type: 'start'; config: RunConfig; world: WorldState; runId: string; hosted: number[] }
  | { type: 'send'; startMs: number }
  | { type: 'stop' };

/** Worker → parent. */
export type FromWorker =
  | { type: 'progress'; counts: Metrics['counts']; ackErrors: number; p99Ms: number; cpuPercent: number }
  | { type: 'ready' }
  | { type: 'sent'; sendSeconds: number }
  | { type: 'result'; metrics: MetricsJson; generator: GeneratorLoad };

import { Connections } from '../connections';
import { sendLoad } from '../load';
import { Metrics } from '../metrics';
import { watchGenerator } from '../monitor';
import { nowMs } from '../pool';
import { ackErrors } from '../run';
import type { FromWorker, ToWorker } from './protocol';

/** A worker process: holds the sockets of its share of the users and sends their share of the schedule. */
const post = (message: FromWorker) => process.send?.(message);
const metrics = new Metrics();
const generator = watchGenerator();
let connections: Connections | undefined;
let ticker: NodeJS.Timeout | undefined;

const progress = () =>
  post({
    type: 'progress',
    counts: metrics.counts,
    ackErrors: ackErrors(metrics.errors),
    p99Ms: metrics.delivery.totalCount ? metrics.delivery.getValueAtPercentile(99) / 1000 : 0,
    cpuPercent: generator.recentCpu(),
  });

process.on('message', (message: ToWorker) => {
  void handle(message).catch((error: unknown) => {
    console.error(`worker ${process.pid}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(3);
  });
});

let startMessage: Extract<ToWorker, { type: 'start' }> | undefined;

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'start') {
    startMessage = message;
    const { config, world, runId, hosted } = message;
    const rampStartMs = nowMs() + 50; // user k of n still connects at k/n of the ramp, in whichever worker
    connections = new Connections({
      target: config.target,
      socketTargets: config.socketTargets,
      localIps: config.localIps,
      world,
      hosted,
      rampStartMs,
      rampUpSeconds: config.rampUp,
      runId,
      metrics,
      receiptIntervalMs: config.receiptInterval * 1000,
      perChatReceipts: config.perChatReceipts,
    });
    ticker = setInterval(progress, 500);
    await connections.open(rampStartMs + config.rampUp * 1000 + 30_000);
    progress();
    post({ type: 'ready' });
  } else if (message.type === 'send' && startMessage && connections) {
    metrics.startMs = message.startMs;
    await sendLoad({
      ...startMessage.config,
      world: startMessage.world,
      connections,
      metrics,
      runId: startMessage.runId,
      startMs: message.startMs,
    });
    progress();
    post({ type: 'sent', sendSeconds: (nowMs() - message.startMs) / 1000 });
  } else if (message.type === 'stop') {
    clearInterval(ticker);
    connections?.close();
    post({ type: 'result', metrics: metrics.toJSON(), generator: generator.stop() });
    process.disconnect();
  }
}

import { randomBytes } from 'node:crypto';
import { helpText, parseCli, UsageError, type RunConfig } from './cli';
import { runLocal } from './run';
import { printResult } from './report/console';
import { writeReports } from './report/files';
import { buildResult } from './report/result';
import { ProgressDisplay } from './progress';
import { planWorld } from './world/plan';
import { prepareWorld } from './world/build';
import { saveWorld } from './world/state';
import { runWorkers } from './workers/parent';
import { metricsTargets, sampleServers } from './server-metrics/sampler';

/** `NUM_USERS=100 MSG_PER_SEC=10 DURATION=30 npm test`, or the same as flags: see --help. */
async function main(config: RunConfig): Promise<number> {
  console.log(
    `1000-Messenger load test → ${config.target}: ${config.users} users, ${config.rate} msg/s, ${config.duration} s, ` +
      `${config.groups} groups of ${config.groupSize.min}–${config.groupSize.max}` +
      `${config.largeGroups ? ` + ${config.largeGroups} of ${config.largeGroupSize}` : ''}` +
      `${config.workers > 1 ? `, ${config.workers} workers` : ''}` +
      `, ${config.receiptInterval > 0 ? `delivered receipts every ${config.receiptInterval} s ${config.perChatReceipts ? 'per chat' : 'per socket, batched'}` : 'no receipts'}`,
  );
  const display = new ProgressDisplay();
  const plan = planWorld(config);
  const { state, stats } = await prepareWorld(config, plan, (phase, done, total) => display.setup(phase, done, total));
  display.stop();
  const runId = randomBytes(4).toString('hex');
  const run = config.workers > 1 ? runWorkers : runLocal;
  const sampler = config.serverMetrics ? sampleServers(metricsTargets(config), config.serverMetricsEvery) : undefined;
  const outcome = await run(config, state, runId, display);
  display.stop();
  const server = await sampler?.stop();
  if (config.workers === 1) saveWorld(config.world, state); // with tokens refreshed during a long run
  const result = buildResult({ config, setup: stats, world: state, ...outcome, server });
  printResult(result);
  if (config.report) {
    const files = writeReports(config.report, result);
    console.log(`reports: ${files.json}, ${files.html}`);
  }
  return result.passed ? 0 : 1;
}

let config: RunConfig | null;
try {
  config = parseCli(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`error: ${error.message}\n(run with --help for the options)`);
  process.exit(2);
}
if (config === null) {
  console.log(helpText());
} else {
  main(config).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`the load test could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(3);
    },
  );
}

import { Presets, SingleBar } from 'cli-progress';
import { readConfig } from './config';
import { runLoad } from './load';
import { printReport } from './report';
import { prepare } from './setup';

/** `NUM_USERS=100 MSG_PER_SEC=10 DURATION=30 npm test` against TARGET_URL (default http://localhost:3000). */
async function main(): Promise<void> {
  const config = readConfig();
  console.log(
    `1000-Messenger load test → ${config.targetUrl}: ${config.users} users, ${config.messagesPerSecond} msg/s, ${config.durationSeconds} s`,
  );
  const bar = new SingleBar(
    { format: '{task} [{bar}] {value}/{total}', noTTYOutput: true, notTTYSchedule: 5_000 },
    Presets.shades_classic,
  );
  bar.start(config.users, 0, { task: 'signing in  ' });
  const pairs = await prepare(config, (done) => bar.update(done));
  bar.stop();
  const total = Math.round(config.messagesPerSecond * config.durationSeconds);
  bar.start(total, 0, { task: 'sending     ' });
  const result = await runLoad(config, pairs, (sent) => bar.update(sent));
  bar.stop();
  process.exitCode = printReport(config, result) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});

import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RunConfig } from '../cli';
import { Metrics } from '../metrics';
import { nowMs, sleep } from '../pool';
import type { ProgressDisplay } from '../progress';
import { settled, type RunOutcome } from '../run';
import type { WorldState } from '../world/state';
import type { FromWorker, ToWorker } from './protocol';

type Progress = Extract<FromWorker, { type: 'progress' }>;

/**
 * --workers N: N child processes each hold the sockets of every N-th user and send those users' share of the
 * (shared, deterministic) schedule; the parent only coordinates, sums their progress and merges their
 * histograms at the end.
 */
export async function runWorkers(
  config: RunConfig,
  world: WorldState,
  runId: string,
  display: ProgressDisplay,
): Promise<RunOutcome> {
  const latest: (Progress | undefined)[] = [];
  const waiters = new Map<string, (message: FromWorker) => void>();
  const children: ChildProcess[] = [];
  let failed: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  failure.catch(() => undefined);
  const inbox: FromWorker[][] = [];
  for (let w = 0; w < config.workers; w++) {
    const child = fork(join(__dirname, 'child.ts'), [], { execArgv: process.execArgv, stdio: 'inherit' });
    inbox.push([]);
    child.on('message', (message: FromWorker) => {
      if (message.type === 'progress') latest[w] = message;
      else inbox[w]?.push(message);
      waiters.get(`${w}:${message.type}`)?.(message);
    });
    child.on('exit', (code) => {
      if (code) failed(new Error(`worker ${w + 1} exited with code ${code}`));
    });
    children.push(child);
  }
  const all = <T extends FromWorker['type']>(type: T) =>
    Promise.race([
      failure,
      Promise.all(
        children.map(
          (_, w) =>
            new Promise<Extract<FromWorker, { type: T }>>((resolve) => {
              const waiting = inbox[w]?.find((message) => message.type === type);
              if (waiting) return resolve(waiting as Extract<FromWorker, { type: T }>);
              waiters.set(`${w}:${type}`, resolve as (message: FromWorker) => void);
            }),
        ),
      ),
    ]);
  const send = (message: ToWorker) => children.forEach((child) => child.send(message));
  const sum = () => {
    const counts = { ...new Metrics().counts };
    let errors = 0;
    for (const one of latest) {
      if (!one) continue;
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += one.counts[key];
      errors += one.ackErrors;
    }
    return {
      counts,
      errors,
      p99: Math.max(0, ...latest.map((one) => one?.p99Ms ?? 0)),
      cpu: Math.max(0, ...latest.map((one) => one?.cpuPercent ?? 0)),
    };
  };

  children.forEach((child, w) => {
    const hosted = world.users.map((_, index) => index).filter((index) => index % config.workers === w);
    child.send({ type: 'start', config, world, runId, hosted } satisfies ToWorker);
  });
  const connecting = setInterval(() => display.connecting(sum().counts.connected, world.users.length), 500);
  await all('ready');
  clearInterval(connecting);
  display.stop();
  const startMs = nowMs() + config.settle * 1000 + 200;
  send({ type: 'send', startMs });
  const live = () => {
    const now = sum();
    display.sending((nowMs() - startMs) / 1000, config.duration, {
      connected: now.counts.connected,
      sent: now.counts.sent,
      delivered: now.counts.delivered,
      p99Ms: now.p99,
      cpuPercent: now.cpu,
    });
  };
  const ticker = setInterval(live, 1000);
  const sent = await all('sent');
  const sendSeconds = Math.max(...sent.map((message) => message.sendSeconds));
  const drainUntil = nowMs() + config.drain * 1000;
  while (nowMs() < drainUntil && !settled(sum().counts, sum().errors)) await sleep(100);
  clearInterval(ticker);
  live();
  send({ type: 'stop' });
  const results = await all('result');
  const metrics = new Metrics(startMs);
  for (const result of results) metrics.merge(result.metrics);
  return { metrics, generator: results.map((result) => result.generator), sendSeconds };
}

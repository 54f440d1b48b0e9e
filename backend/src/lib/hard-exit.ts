import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program: after `timeoutMs`, SIGKILL to its own process. A worker thread has an event loop of
 * its own, so its timer fires even while the main thread is blocked (a synchronous write to a log reader that
 * stopped reading, a native call that never returns): a timer of the main thread, as the force-exit used to be,
 * would wait for that same blocked loop.
 */
const KILLER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
setTimeout(() => {
  try {
    writeSync(2, 'shutdown did not finish within ' + workerData.timeoutMs + ' ms: killing the process\\n');
  } catch {
    // stderr may be a pipe nobody reads: the kill matters, not the line.
  }
  process.kill(process.pid, 'SIGKILL');
}, workerData.timeoutMs);
`;

/**
 * Ends the process `timeoutMs` from now, whatever its main thread is doing. Called once shutdown begins; a
 * shutdown that finishes first exits normally (process.exit ends the worker with it).
 */
export function killAfter(timeoutMs: number): void {
  const killer = new Worker(KILLER, { eval: true, workerData: { timeoutMs } });
  // A worker that cannot start (out of memory, say) must not stop the shutdown it was meant to bound.
  killer.on('error', () => undefined);
  killer.unref();
}

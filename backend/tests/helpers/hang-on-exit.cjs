// Preloaded (`--require`) into a backend process by tests/graceful-shutdown.test.ts: its exit then blocks the main
// thread for good, as pino's flush at exit did once stdout was a full pipe nobody read (sonic-boom retries EAGAIN
// in Atomics.wait without limit). Only a timer off the main thread can end such a process.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  writeSync(2, 'hang-on-exit: blocking the exit\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});

import { Writable } from 'node:stream';
import { streamDestination } from './log-destination';

/** A log reader that reads nothing until `read()`: what it has not read stays queued in the stream. */
function stalledReader() {
  const lines: string[] = [];
  const pending: (() => void)[] = [];
  let reading = false;
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      if (reading) done();
      else pending.push(done);
    },
  });
  return {
    stream,
    lines,
    read() {
      reading = true;
      for (const done of pending.splice(0)) done();
    },
  };
}

it('drops lines past the cap instead of queueing them without limit, and says how many once lines fit again', async () => {
  const reader = stalledReader();
  const destination = streamDestination(reader.stream, 20);
  const reports: number[] = [];
  destination.onResumed((dropped) => {
    reports.push(dropped);
    destination.write(`dropped ${dropped}\n`);
  });

  for (let line = 1; line <= 6; line++) destination.write(`line ${line}\n`);
  // Lines 1 to 3 take the queue to 21 bytes, past the cap of 20: the 3 after them are dropped.
  expect(reader.stream.writableLength).toBe(21);
  expect(reports).toEqual([]);

  reader.read();
  await destination.flush(5_000);
  destination.write('line 7\n');
  expect(reports).toEqual([3]);
  expect(reader.lines).toEqual(['line 1\n', 'line 2\n', 'line 3\n', 'dropped 3\n', 'line 7\n']);
});

it('ends logging when the reader has gone (EPIPE) instead of throwing', async () => {
  const stream = new Writable({
    write(_chunk, _encoding, done) {
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  const destination = streamDestination(stream);
  destination.write('first\n');
  await new Promise((resolve) => stream.once('error', resolve));
  expect(() => destination.write('second\n')).not.toThrow();
  await expect(destination.flush(60_000)).resolves.toBeUndefined();
});

it('flush waits for the queue to be written, and no longer than its timeout for a reader that never reads', async () => {
  const reader = stalledReader();
  const destination = streamDestination(reader.stream);
  destination.write('queued\n');
  const flushed = jest.fn();
  const flushing = destination.flush(60_000).then(flushed);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(flushed).not.toHaveBeenCalled();
  reader.read();
  await flushing;

  const stalled = stalledReader();
  const stuck = streamDestination(stalled.stream);
  stuck.write('never read\n');
  await expect(stuck.flush(50)).resolves.toBeUndefined();
  expect(stalled.stream.writableLength).toBeGreaterThan(0);
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWatermarkReporter } from './watermarkReporter';

describe('createWatermarkReporter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends only rises, at most once per interval per chat, the highest waiting one last', () => {
    const sent: [string, number][] = [];
    const reporter = createWatermarkReporter({ send: (...args) => sent.push(args) > 0, intervalMs: 500 });

    reporter.report('c1', 3);
    reporter.report('c1', 2);
    reporter.report('c1', 4);
    reporter.report('c1', 5);
    reporter.report('c2', 1);
    expect(sent).toEqual([
      ['c1', 3],
      ['c2', 1],
    ]);

    vi.advanceTimersByTime(500);
    expect(sent).toEqual([
      ['c1', 3],
      ['c2', 1],
      ['c1', 5],
    ]);
  });

  it('keeps rises while it may not send, and sends them on flush', () => {
    const sent: number[] = [];
    let attended = false;
    const reporter = createWatermarkReporter({
      send: (_chatId, seq) => sent.push(seq) > 0,
      intervalMs: 500,
      canSend: () => attended,
    });

    reporter.report('c1', 7);
    expect(sent).toEqual([]);

    attended = true;
    reporter.flush();
    expect(sent).toEqual([7]);
  });

  it('tries again when a send could not go out (offline)', () => {
    let online = false;
    const sent: number[] = [];
    const reporter = createWatermarkReporter({
      send: (_chatId, seq) => online && sent.push(seq) > 0,
      intervalMs: 500,
    });

    reporter.report('c1', 2);
    online = true;
    reporter.flush();
    expect(sent).toEqual([2]);
  });

  it('sends a refused watermark again after the interval, unless a higher one went out meanwhile', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const reporter = createWatermarkReporter({ send: (_chatId, seq) => sent.push(seq) > 0, intervalMs: 500 });

    reporter.report('c1', 3);
    reporter.failed('c1', 3);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([3, 3]);

    reporter.report('c1', 4);
    vi.advanceTimersByTime(500);
    reporter.failed('c1', 3);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([3, 3, 4]);
  });
});

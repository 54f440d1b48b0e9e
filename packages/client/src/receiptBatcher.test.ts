import { MAX_RECEIPTS_PER_BATCH } from '@messenger/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReceiptBatcher, type BatchedReceipt } from './receiptBatcher';

describe('createReceiptBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const recording = () => {
    const sent: BatchedReceipt[][] = [];
    return { sent, send: (receipts: BatchedReceipt[]) => sent.push(receipts) > 0 };
  };

  it('sends the rises of every chat as one batch per interval, each chat once with its highest marks', () => {
    const { sent, send } = recording();
    const batcher = createReceiptBatcher({ send, intervalMs: 500 });

    batcher.report('delivered', 'c1', 3);
    batcher.report('delivered', 'c1', 5);
    batcher.report('delivered', 'c2', 1);
    batcher.report('read', 'c2', 1);
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([
      [
        { chatId: 'c1', delivered: 5 },
        { chatId: 'c2', delivered: 1, read: 1 },
      ],
    ]);

    batcher.report('delivered', 'c1', 4);
    batcher.report('read', 'c1', 5);
    batcher.report('delivered', 'c3', 2);
    vi.advanceTimersByTime(499);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toEqual([
      { chatId: 'c1', read: 5 },
      { chatId: 'c3', delivered: 2 },
    ]);
  });

  it('keeps reads while they may not be sent, delivering meanwhile, and sends them on flush', () => {
    const { sent, send } = recording();
    let attended = false;
    const batcher = createReceiptBatcher({ send, intervalMs: 500, canSendReads: () => attended });

    batcher.report('read', 'c1', 7);
    batcher.report('delivered', 'c1', 7);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([[{ chatId: 'c1', delivered: 7 }]]);

    attended = true;
    batcher.flush();
    vi.advanceTimersByTime(0);
    expect(sent.at(-1)).toEqual([{ chatId: 'c1', read: 7 }]);
  });

  it('keeps what could not go out (offline) for the next flush, and sends a refused batch again', () => {
    let online = false;
    const sent: BatchedReceipt[][] = [];
    const batcher = createReceiptBatcher({ send: (receipts) => online && sent.push(receipts) > 0, intervalMs: 500 });

    batcher.report('delivered', 'c1', 2);
    vi.advanceTimersByTime(1_000);
    online = true;
    batcher.flush();
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([[{ chatId: 'c1', delivered: 2 }]]);

    batcher.failed([{ chatId: 'c1', delivered: 2 }]);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([[{ chatId: 'c1', delivered: 2 }], [{ chatId: 'c1', delivered: 2 }]]);

    batcher.report('delivered', 'c1', 3);
    vi.advanceTimersByTime(500);
    batcher.failed([{ chatId: 'c1', delivered: 2 }]);
    vi.advanceTimersByTime(1_000);
    expect(sent.flat().map((receipt) => receipt.delivered)).toEqual([2, 2, 3]);
  });

  it('splits more chats than one batch may hold into several', () => {
    const { sent, send } = recording();
    const batcher = createReceiptBatcher({ send, intervalMs: 500 });
    for (let chat = 0; chat <= MAX_RECEIPTS_PER_BATCH; chat++) batcher.report('delivered', `c${chat}`, 1);
    vi.advanceTimersByTime(0);
    expect(sent.map((batch) => batch.length)).toEqual([MAX_RECEIPTS_PER_BATCH, 1]);
  });

  it('sends a refused read again, unless a higher one went out since; forgets a chat it no longer knows', () => {
    const { sent, send } = recording();
    const batcher = createReceiptBatcher({ send, intervalMs: 500 });
    batcher.report('read', 'c1', 4);
    vi.advanceTimersByTime(0);
    batcher.failed([{ chatId: 'c1', read: 4 }]);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([[{ chatId: 'c1', read: 4 }], [{ chatId: 'c1', read: 4 }]]);

    batcher.report('read', 'c1', 6);
    vi.advanceTimersByTime(500);
    batcher.failed([
      { chatId: 'c1', read: 4 },
      { chatId: 'gone', delivered: 1, read: 1 },
    ]);
    vi.advanceTimersByTime(1_000);
    expect(sent.flat()).toEqual([
      { chatId: 'c1', read: 4 },
      { chatId: 'c1', read: 4 },
      { chatId: 'c1', read: 6 },
    ]);
  });

  it('forgets everything waiting on reset (signing out), and sends the next report at once', () => {
    const { sent, send } = recording();
    const batcher = createReceiptBatcher({ send, intervalMs: 500 });
    batcher.report('delivered', 'c1', 1);
    vi.advanceTimersByTime(0);
    batcher.report('delivered', 'c1', 2);
    batcher.reset();
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([[{ chatId: 'c1', delivered: 1 }]]);

    batcher.report('delivered', 'c2', 1);
    vi.advanceTimersByTime(0);
    expect(sent.at(-1)).toEqual([{ chatId: 'c2', delivered: 1 }]);
  });
});

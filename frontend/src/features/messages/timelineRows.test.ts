import { describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/factories';
import { buildTimelineRows } from './timelineRows';

const at = (iso: string, seq: number) => makeMessage({ id: `m${seq}`, chatId: 'c1', seq, createdAt: iso });

describe('timeline rows', () => {
  it('puts a day separator before the first message of each day', () => {
    const rows = buildTimelineRows(
      [at('2025-01-01T10:00:00', 1), at('2025-01-01T11:00:00', 2), at('2025-01-02T09:00:00', 3)],
      [],
      null,
      new Date('2025-01-02T12:00:00'),
    );

    expect(rows.map((row) => (row.kind === 'day' ? row.label : row.key))).toEqual([
      'Yesterday',
      'm1',
      'm2',
      'Today',
      'm3',
    ]);
  });

  it('marks the first unread message, once', () => {
    const messages = [1, 2, 3, 4].map((seq) => at('2025-01-01T10:00:00', seq));

    const rows = buildTimelineRows(messages, [], 3, new Date('2025-01-01T12:00:00'));

    expect(rows.map((row) => row.key)).toEqual(['day-2025-01-01', 'm1', 'm2', 'unread', 'm3', 'm4']);
  });
});

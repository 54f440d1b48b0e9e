import { describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/factories';
import { withMessageCopy } from './pinnedList';

const pinnedAt = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute)).toISOString();
const first = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, pinnedAt: pinnedAt(1) });
const second = makeMessage({ id: 'm2', chatId: 'c1', seq: 2, pinnedAt: pinnedAt(2) });

describe('a chat’s pinned list', () => {
  it('puts a new pin first (newest pin first), and a pin of the same moment by its place, newest first', () => {
    const third = makeMessage({ id: 'm3', chatId: 'c1', seq: 3, pinnedAt: pinnedAt(3) });
    expect(withMessageCopy([second, first], third).map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
    const sameMoment = makeMessage({ id: 'm0', chatId: 'c1', seq: 0, pinnedAt: pinnedAt(2) });
    expect(withMessageCopy([second, first], sameMoment).map((m) => m.id)).toEqual(['m2', 'm0', 'm1']);
  });

  it('drops an unpinned or deleted message, and takes an edited one in its place', () => {
    expect(withMessageCopy([second, first], { ...second, pinnedAt: null, pinnedBy: null })).toEqual([first]);
    expect(withMessageCopy([second, first], { ...first, deletedAt: pinnedAt(5), pinnedAt: null })).toEqual([second]);
    const edited = { ...first, content: 'edited', editedAt: pinnedAt(6) };
    expect(withMessageCopy([second, first], edited)).toEqual([second, edited]);
  });
});

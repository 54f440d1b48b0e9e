import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeGroupChat, makeUser } from '../../test/factories';
import { TypingIndicator } from './TypingIndicator';
import { TYPING_EXPIRES_MS, useTypingStore } from './typingStore';

const [alice, bob, carol, dave] = ['Alice', 'Bob', 'Carol', 'Dave'].map((name, index) =>
  makeUser({ id: `u${index + 1}`, username: name.toLowerCase(), displayName: name }),
) as [
  ReturnType<typeof makeUser>,
  ReturnType<typeof makeUser>,
  ReturnType<typeof makeUser>,
  ReturnType<typeof makeUser>,
];
const chat = makeGroupChat('g1', 'Team', [alice, bob, carol, dave]);
const started = (userId: string) => act(() => useTypingStore.getState().typingStarted('g1', userId));

describe('TypingIndicator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('names one or two typists, and says "several" for more; never me', () => {
    render(<TypingIndicator chat={chat} currentUserId="u1" />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('');

    started('u1');
    expect(status).toHaveTextContent('');
    started('u2');
    expect(status).toHaveTextContent('Bob is typing…');
    started('u3');
    expect(status).toHaveTextContent('Bob and Carol are typing…');
    started('u4');
    expect(status).toHaveTextContent('Several people are typing…');
  });

  it('forgets a typist 6 s after their last start, unless they start again', () => {
    render(<TypingIndicator chat={chat} currentUserId="u1" />);
    const status = screen.getByRole('status');

    started('u2');
    act(() => {
      vi.advanceTimersByTime(TYPING_EXPIRES_MS - 1_000);
    });
    started('u2');
    act(() => {
      vi.advanceTimersByTime(TYPING_EXPIRES_MS - 1_000);
    });
    expect(status).toHaveTextContent('Bob is typing…');

    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(status).toHaveTextContent('');
  });
});

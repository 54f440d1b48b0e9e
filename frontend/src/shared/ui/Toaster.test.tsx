import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Toaster, TOAST_MS } from './Toaster';
import { showToast, useToastStore } from './toastStore';

const region = () => screen.getByRole('status', { name: 'Notifications' });

describe('Toaster', () => {
  afterEach(() => {
    vi.useRealTimers();
    useToastStore.getState().reset();
  });

  it('shows toasts in a polite live region that is there before them', () => {
    render(<Toaster />);
    expect(region()).toHaveAttribute('aria-live', 'polite');
    expect(region()).toBeEmptyDOMElement();

    act(() => showToast('Link copied'));

    expect(within(region()).getByText('Link copied')).toBeInTheDocument();
  });

  it('lets a toast go after a while', () => {
    vi.useFakeTimers();
    render(<Toaster />);
    act(() => showToast('Link copied'));

    act(() => {
      vi.advanceTimersByTime(TOAST_MS);
    });

    expect(screen.queryByText('Link copied')).not.toBeInTheDocument();
  });

  it('keeps a toast while the pointer rests on it', () => {
    vi.useFakeTimers();
    render(<Toaster />);
    act(() => showToast('Could not react', 'error'));

    fireEvent.pointerEnter(screen.getByText('Could not react'));
    act(() => {
      vi.advanceTimersByTime(TOAST_MS * 2);
    });

    expect(screen.getByText('Could not react')).toBeInTheDocument();
  });

  it('is dismissed by its button', async () => {
    render(<Toaster />);
    act(() => showToast('Link copied'));

    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));

    expect(screen.queryByText('Link copied')).not.toBeInTheDocument();
  });
});

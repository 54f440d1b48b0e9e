import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useConnectionStore } from '../shared/realtime/connectionStore';
import { BACK_ONLINE_MS, ConnectionBanner, OFFLINE_NOTICE } from './ConnectionBanner';

describe('ConnectionBanner', () => {
  let browserOnline: boolean;

  beforeEach(() => {
    browserOnline = true;
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => browserOnline);
    useConnectionStore.getState().reset();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const socketIs = (status: 'connecting' | 'connected') =>
    act(() => useConnectionStore.getState().statusChanged(status));
  const network = (online: boolean) =>
    act(() => {
      browserOnline = online;
      window.dispatchEvent(new Event(online ? 'online' : 'offline'));
    });

  it('says "Connecting…" until the first connection, then nothing (no "Back online" the first time)', () => {
    render(<ConnectionBanner />);
    socketIs('connecting');
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');

    socketIs('connected');
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('says we are offline, then "Back online" for a moment once reconnected', () => {
    vi.useFakeTimers();
    render(<ConnectionBanner />);
    socketIs('connected');

    network(false);
    socketIs('connecting');
    expect(screen.getByRole('status')).toHaveTextContent(OFFLINE_NOTICE);

    network(true);
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    socketIs('connected');
    expect(screen.getByRole('status')).toHaveTextContent('Back online');

    act(() => {
      vi.advanceTimersByTime(BACK_ONLINE_MS);
    });
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('says "Back online" after a dropped socket comes back, network or not', () => {
    render(<ConnectionBanner />);
    socketIs('connected');
    socketIs('connecting');
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    socketIs('connected');
    expect(screen.getByRole('status')).toHaveTextContent('Back online');
  });
});

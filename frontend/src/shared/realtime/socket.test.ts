import { afterEach, expect, it } from 'vitest';
import { socketIo } from '../../test/fakeSocket';
import { connectRealtime, disconnectRealtime } from './socket';

afterEach(() => disconnectRealtime());

it('spreads its reconnections over 0–2 s, so that the clients of a draining instance do not return at once', () => {
  connectRealtime({
    url: '',
    getAccessToken: () => 'token',
    refreshAccessToken: () => Promise.resolve('token'),
    handlers: {} as Parameters<typeof connectRealtime>[0]['handlers'],
    onConnect: () => undefined,
  });
  // socket.io-client's first wait: reconnectionDelay × (1 ± randomizationFactor × a random number).
  expect(socketIo.io).toHaveBeenLastCalledWith(
    undefined,
    expect.objectContaining({ reconnectionDelay: 1_000, randomizationFactor: 1 }),
  );
});

import { io as connect, type Socket } from 'socket.io-client';
import { checkPayloads } from './payload-check';

type Transport = 'websocket' | 'polling';

/** Real Socket.IO clients for tests; `disconnectAll` in afterEach/afterAll closes every one opened. */
export class TestSockets {
  private readonly open: Socket[] = [];

  /** `features`: what the client declares in the handshake (e.g. `presence-batch`). */
  connect(url: string, token: string, transports: Transport[] = ['websocket'], features?: string[]): Promise<Socket> {
    const socket = checkPayloads(
      connect(url, { auth: { token, features }, transports, reconnection: false, forceNew: true }),
    );
    this.open.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  disconnectAll(): void {
    for (const socket of this.open.splice(0)) socket.disconnect();
  }
}

/** The next `event` on the socket (that satisfies `matches`, when given). */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  timeoutMs = 5_000,
  matches: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, listener);
  });
}

/** Sockets for a test file, all disconnected after each test. */
export function useTestSockets(): TestSockets {
  const sockets = new TestSockets();
  afterEach(() => sockets.disconnectAll());
  return sockets;
}

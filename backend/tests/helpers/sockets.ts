import { io as connect, type Socket } from 'socket.io-client';

type Transport = 'websocket' | 'polling';

/** Real Socket.IO clients for tests; `disconnectAll` in afterEach/afterAll closes every one opened. */
export class TestSockets {
  private readonly open: Socket[] = [];

  connect(url: string, token: string, transports: Transport[] = ['websocket']): Promise<Socket> {
    const socket = connect(url, { auth: { token }, transports, reconnection: false, forceNew: true });
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

export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

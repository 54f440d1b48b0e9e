import { vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

/** Stands in for a socket.io-client Socket: the test plays the server. */
export class FakeSocket {
  connected = false;
  readonly emitted: { event: string; payload: unknown }[] = [];
  /** How the fake server acknowledges client events. */
  acknowledge: (event: string, payload: unknown) => Promise<unknown> = () => new Promise(() => undefined);
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  connect(): this {
    this.connected = true;
    this.serverEmit('connect');
    return this;
  }

  disconnect(): this {
    this.connected = false;
    return this;
  }

  timeout(): this {
    return this;
  }

  /** Called after timeout(): the callback gets (timedOut, response) like socket.io-client's. */
  emit(event: string, payload: unknown, callback: (timedOut: Error | null, response?: unknown) => void): this {
    this.emitted.push({ event, payload });
    void this.acknowledge(event, payload).then((response) => callback(null, response));
    return this;
  }

  serverEmit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

/**
 * What the app gets for socket.io-client (src/test/setup.ts routes the module here for every test file): a fresh
 * FakeSocket per io() call unless a test hands out its own with `socketIo.io.mockReturnValue(socket)`.
 */
export const socketIo = { io: vi.fn((..._args: unknown[]) => new FakeSocket()) };

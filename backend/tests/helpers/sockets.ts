import {
  clientEventAckSchema,
  clientEvents,
  serverEvents,
  type ClientEvent,
  type ServerEvent,
} from '@messenger/contract';
import { io as connect, type Socket } from 'socket.io-client';
import { z } from 'zod';

const violations: string[] = [];
const violation = (what: string, error: z.ZodError) => violations.push(`${what}:\n${z.prettifyError(error)}`);

/**
 * Checks everything the server sends this socket against the contract's event maps: each event's payload against
 * the server → client map, each acknowledgement against the client → server map. What does not match is recorded,
 * and fails the test that received it (the hooks below): a test cannot pass on a payload a client could not read.
 */
export function checkPayloads(socket: Socket): Socket {
  socket.onAny((event: string, payload: unknown) => {
    if (!Object.hasOwn(serverEvents, event)) {
      violations.push(`${event}: not a server event of the contract`);
      return;
    }
    const checked = serverEvents[event as ServerEvent].received.safeParse(payload);
    if (!checked.success) violation(event, checked.error);
  });
  const emit = socket.emit.bind(socket);
  // Acknowledgements have no listener of their own: the callback of every emit is wrapped instead.
  socket.emit = (event: string, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack === 'function' && Object.hasOwn(clientEvents, event)) {
      const checkedAck = (...answer: unknown[]) => {
        // The answer is the last argument: after `null` when the callback takes an error first (with a timeout).
        if (!(answer[0] instanceof Error)) {
          const checked = clientEventAckSchema(event as ClientEvent).safeParse(answer.at(-1));
          if (!checked.success) violation(`the acknowledgement of ${event}`, checked.error);
        }
        (ack as (...answer: unknown[]) => void)(...answer);
      };
      // Socket.IO reads this flag of a callback to know whether it takes an error first (emitWithAck's do).
      Object.assign(checkedAck, { withError: (ack as { withError?: boolean }).withError });
      args[args.length - 1] = checkedAck;
    }
    return emit(event, ...args);
  };
  return socket;
}

/** Throws for the payloads recorded since the last call (then forgets them), naming each. */
export function expectNoPayloadViolations(): void {
  const found = violations.splice(0);
  if (found.length > 0) throw new Error(`socket payloads that the contract does not describe:\n${found.join('\n')}`);
}

// Every test file that makes sockets imports this module.
afterEach(expectNoPayloadViolations);
afterAll(expectNoPayloadViolations);

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

import {
  clientEventAckSchema,
  clientEvents,
  serverEvents,
  type ClientEvent,
  type ServerEvent,
} from '@messenger/contract';
import type { Socket } from 'socket.io-client';
import { z } from 'zod';

const violations: string[] = [];
const violation = (what: string, error: z.ZodError) => violations.push(`${what}:\n${z.prettifyError(error)}`);

/**
 * Checks everything the server sends this socket against the contract's event maps: each event's payload against
 * the server → client map, each acknowledgement against the client → server map. What does not match is recorded,
 * and fails the test that received it (check-responses.setup.ts runs the check after every test, and this module has
 * no Jest hooks of its own, so that the benchmarks can use the helpers that import it): a test cannot pass on a
 * payload a client could not read.
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

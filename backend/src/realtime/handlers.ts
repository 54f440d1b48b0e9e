import {
  clientEvents,
  type ClientEvent,
  type ClientFeature,
  type ClientEventResult,
  type ParsedClientEventPayload,
  type RefusedAck,
} from '@messenger/contract';
import { isDatabaseUnavailable } from '../db/prisma';
import { AppError, databaseUnavailable } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { parseInput } from '../http/validate';

/** The connection a client event came over: its user, and the features it declared in the handshake. */
export interface Connection {
  userId: string;
  features: ReadonlySet<ClientFeature>;
}

/** One client event's work, given a payload that passed the contract's schema for the event. */
export type SocketHandler<E extends ClientEvent> = (
  userId: string,
  payload: ParsedClientEventPayload<E>,
  connection: Connection,
) => Promise<ClientEventResult<E>>;

/**
 * A feature's client events, keyed by the contract's event map (`clientEvents` in @messenger/contract): a handler
 * cannot exist for an event the contract does not name, nor take or answer other shapes than it says.
 */
export type SocketHandlers<E extends ClientEvent> = { [K in E]: SocketHandler<K> };

/** The client events of the feature tables: `auth:refresh` concerns the connection itself (socket-server.ts). */
export type FeatureEvent = Exclude<ClientEvent, 'auth:refresh'>;

/** Answers a client event's acknowledgement (when it asked for one) with an error, without running it. */
export function refuse(args: unknown[], error: AppError): void {
  const last = args[args.length - 1];
  if (typeof last !== 'function') return;
  (last as (response: RefusedAck) => void)({ ok: false, error: { code: error.code, message: error.message } });
}

/**
 * Runs one client event: validates the payload with the contract's schema, calls the feature's handler and answers
 * the acknowledgement. A bad payload or a failing service gets `{ok: false}`; it never throws into Socket.IO.
 */
export async function runHandler<E extends FeatureEvent>(
  handlers: SocketHandlers<FeatureEvent>,
  event: E,
  connection: Connection,
  args: unknown[],
  logger: Logger,
): Promise<boolean> {
  const { userId } = connection;
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (response: unknown) => void) : undefined;
  try {
    // The event's own schema: TypeScript cannot follow a generic key through the table, so it is told.
    const payload = parseInput(clientEvents[event].payload, args[0]) as ParsedClientEventPayload<E>;
    const result = await handlers[event](userId, payload, connection);
    ack?.({ ok: true, ...result });
    return true;
  } catch (error) {
    const known = error instanceof AppError ? error : isDatabaseUnavailable(error) ? databaseUnavailable() : undefined;
    if (known) {
      if (known !== error) logger.warn({ err: error, userId }, 'database unavailable');
      const response: RefusedAck = {
        ok: false,
        error: { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) },
      };
      ack?.(response);
      return false;
    }
    logger.error({ err: error, userId }, 'socket handler failed');
    const response: RefusedAck = {
      ok: false,
      error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
    };
    ack?.(response);
    return false;
  }
}

import type { z } from 'zod';
import { isDatabaseUnavailable } from '../db/prisma';
import { AppError, databaseUnavailable } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { parseInput } from '../http/validate';

export type Ack = (response: { ok: true } & Record<string, unknown>) => void;
export type AckError = { ok: false; error: { code: string; message: string; details?: unknown } };

export interface SocketHandler<S extends z.ZodType = z.ZodType> {
  schema: S;
  handle(userId: string, payload: z.output<S>): Promise<Record<string, unknown>>;
}

/** Client → server events, registered by each feature module. */
export type SocketHandlers = Record<string, SocketHandler<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Answers a client event's acknowledgement (when it asked for one) with an error, without running it. */
export function refuse(args: unknown[], error: AppError): void {
  const last = args[args.length - 1];
  if (typeof last !== 'function') return;
  (last as (response: AckError) => void)({ ok: false, error: { code: error.code, message: error.message } });
}

/**
 * Runs one client event: validates the payload with the module's schema, calls the service and answers the
 * acknowledgement. A bad payload or a failing service gets `{ok: false}`; it never throws into Socket.IO.
 */
export async function runHandler(
  handler: SocketHandler,
  userId: string,
  args: unknown[],
  logger: Logger,
): Promise<boolean> {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (response: unknown) => void) : undefined;
  try {
    const payload = parseInput(handler.schema, args[0]);
    const result = await handler.handle(userId, payload);
    ack?.({ ok: true, ...result });
    return true;
  } catch (error) {
    const known = error instanceof AppError ? error : isDatabaseUnavailable(error) ? databaseUnavailable() : undefined;
    if (known) {
      if (known !== error) logger.warn({ err: error, userId }, 'database unavailable');
      const response: AckError = {
        ok: false,
        error: { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) },
      };
      ack?.(response);
      return false;
    }
    logger.error({ err: error, userId }, 'socket handler failed');
    ack?.({ ok: false, error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } });
    return false;
  }
}

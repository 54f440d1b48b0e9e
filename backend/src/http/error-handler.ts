import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { isDatabaseUnavailable } from '../db/prisma';
import { AppError, databaseUnavailable, toErrorBody } from '../lib/errors';
import type { Logger } from '../lib/logger';

/** body-parser's errors carry a `type`; map them to the contract's codes instead of a 500. */
const BODY_PARSER_ERRORS: Record<string, AppError> = {
  'entity.parse.failed': new AppError(400, 'INVALID_JSON', 'Request body is not valid JSON'),
  'entity.too.large': new AppError(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large'),
  'encoding.unsupported': new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding'),
  'charset.unsupported': new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset'),
};

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'NOT_FOUND', `No such endpoint: ${req.method} ${req.path}`));
};

/** Seconds a client is asked to wait before it retries a 503: the moment passes within a few seconds. */
const RETRY_AFTER_SECONDS = 5;

/**
 * When the client may try again, for a refusal that knows: a 503 is a moment's, and an error whose body names its
 * wait (`details.retryAfterSeconds`, as 429 UPLOAD_QUOTA_EXCEEDED does) says the same in the header that HTTP
 * clients and proxies read.
 */
function retryAfterSeconds(error: AppError): number | undefined {
  if (error.status === 503) return RETRY_AFTER_SECONDS;
  const wait = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof wait === 'number' ? wait : undefined;
}

function sendError(res: Response, error: AppError): void {
  const wait = retryAfterSeconds(error);
  if (wait !== undefined) res.set('Retry-After', String(wait));
  // A request timeout means the server stopped waiting for the rest of the body (RFC 9110, 408): the connection is
  // closed after the answer instead of reading what the client still sends.
  if (error.status === 408) res.set('Connection', 'close');
  res.status(error.status).json(toErrorBody(error));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const type = (error as { type?: string } | null)?.type;
    const known = error instanceof AppError ? error : type ? BODY_PARSER_ERRORS[type] : undefined;
    if (known) {
      sendError(res, known);
      return;
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, method: req.method, path: req.path }, 'database unavailable');
      sendError(res, databaseUnavailable());
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } });
  };
}

import type { ErrorBody, ErrorCode } from '@messenger/contract';

/** An error whose message is safe to show to the client; everything else becomes a generic 500. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'VALIDATION_ERROR', message, details);
export const unauthorized = (message = 'Authentication required') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what = 'Resource') => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'CONFLICT', message);
/** The other person's account is deactivated: they can be neither asked to be a contact nor added to a group. */
export const userDeactivated = (message: string) => new AppError(409, 'USER_DEACTIVATED', message);
export const databaseUnavailable = () =>
  new AppError(503, 'SERVICE_UNAVAILABLE', 'The service is briefly unavailable; please try again in a moment');

export function toErrorBody(error: AppError): ErrorBody {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

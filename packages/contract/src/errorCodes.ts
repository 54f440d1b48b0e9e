// No zod here: the web app imports the codes at run time, and a module without schemas keeps zod out of its bundle.
/**
 * Every error code the server answers with, in a REST error body or a socket acknowledgement. Clients branch on
 * the code, never on the message (which is for people and may change).
 */
export const ERROR_CODES = [
  // The request itself
  'VALIDATION_ERROR',
  'INVALID_JSON',
  'MALFORMED_REQUEST',
  'HEADERS_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  // Who asks
  'UNAUTHORIZED',
  'FORBIDDEN',
  'ACCOUNT_DEACTIVATED',
  'WRONG_PASSWORD',
  'RESET_TOKEN_INVALID',
  'REGISTRATION_CLOSED',
  'INVITE_REQUIRED',
  'INVITE_INVALID',
  // The state of things
  'CONFLICT',
  'BLOCKED',
  'USER_DEACTIVATED',
  'GROUP_FULL',
  'PIN_LIMIT_REACHED',
  'LAST_ADMIN',
  'CANNOT_DEACTIVATE_SELF',
  'CURSOR_EXPIRED',
  // Limits and the server
  'RATE_LIMITED',
  'UPLOAD_QUOTA_EXCEEDED',
  'UPLOADS_BUSY',
  'UPLOAD_TOO_SLOW',
  'TOO_MANY_CONNECTIONS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

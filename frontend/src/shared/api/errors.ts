import { ERROR_CODES, type ErrorBody, type ErrorCode } from '@messenger/contract';
import { AxiosHeaders, isAxiosError, type AxiosResponse } from 'axios';
import { parseRetryAfter, tooManyAttemptsMessage } from './rateLimit';

function isApiErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

function retryAfterOf(response: AxiosResponse): number | null {
  const { headers } = response;
  const value: unknown = headers instanceof AxiosHeaders ? headers.get('retry-after') : headers['retry-after'];
  return parseRetryAfter(value);
}

/** A message fit to show the user for anything an API call or a socket acknowledgement rejected with. */
export function getErrorMessage(error: unknown): string {
  if (isAxiosError(error)) {
    // Rate limiting answers every endpoint alike; one wording that says how long to wait beats the server's text.
    if (error.response?.status === 429) return tooManyAttemptsMessage(retryAfterOf(error.response));
    const body: unknown = error.response?.data;
    if (isApiErrorBody(body)) return body.error.message;
    if (!error.response) return 'Cannot reach the server. Check your connection and try again.';
    return `The server answered with an error (${error.response.status}). Please try again.`;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

/** The API answered with this HTTP status (not a network failure). */
export function hasStatus(error: unknown, status: number): boolean {
  return isAxiosError(error) && error.response?.status === status;
}

/** The contract's error code the API answered with (`INVITE_REQUIRED`, `BLOCKED` …), or null. */
export function getErrorCode(error: unknown): ErrorCode | null {
  if (!isAxiosError(error)) return null;
  const body: unknown = error.response?.data;
  if (!isApiErrorBody(body)) return null;
  // Checked, not trusted: the type guard only vouches for the message.
  const code: unknown = body.error.code;
  return ERROR_CODES.find((known) => known === code) ?? null;
}

/** Explanations of our own for the error codes a form expects, keyed by code. */
export type ErrorExplanations = Partial<Record<ErrorCode, string>>;

/** The form's own explanation of an expected error code; for anything else, the server's message. */
export function explainError(error: unknown, explanations: ErrorExplanations = {}): string {
  const code = getErrorCode(error);
  return (code && explanations[code]) ?? getErrorMessage(error);
}

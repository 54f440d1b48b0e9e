import { isAxiosError } from 'axios';
import type { ApiErrorBody } from './types';

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

/** A message fit to show the user for anything an API call or a socket acknowledgement rejected with. */
export function getErrorMessage(error: unknown): string {
  if (isAxiosError(error)) {
    const body: unknown = error.response?.data;
    if (isApiErrorBody(body)) return body.error.message;
    if (!error.response) return 'Cannot reach the server. Check your connection and try again.';
    return `The server answered with an error (${error.response.status}). Please try again.`;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

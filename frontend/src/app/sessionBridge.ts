import { getAccessToken, refreshAccessToken } from '../features/auth';
import { bindAuth } from '../shared/api/client';

/** Lets the API client authenticate requests and refresh an expired token. */
export function connectApiToSession(): void {
  bindAuth({ getAccessToken, refreshAccessToken });
}

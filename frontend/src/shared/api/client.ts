import axios, { isAxiosError, type AxiosError, type InternalAxiosRequestConfig } from 'axios';
import { apiBaseUrl } from './config';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Set on the one retry after a refreshed token, so a second 401 is final. */
    authRetried?: boolean;
  }
}

/** How the API client reaches the session without depending on the auth feature. */
export interface AuthBridge {
  getAccessToken: () => string | null;
  /** Single-flight: concurrent callers share one refresh. Rejects when the session is over. */
  refreshAccessToken: () => Promise<string>;
}

let authBridge: AuthBridge | null = null;

export function bindAuth(bridge: AuthBridge): void {
  authBridge = bridge;
}

export const api = axios.create({ baseURL: apiBaseUrl });

api.interceptors.request.use((config) => {
  const token = authBridge?.getAccessToken();
  if (token) config.headers.set('Authorization', `Bearer ${token}`);
  return config;
});

api.interceptors.response.use(undefined, async (error: unknown) => {
  if (!authBridge || !isExpiredAccessToken(error)) throw error;
  const config: InternalAxiosRequestConfig = { ...error.config, authRetried: true };
  try {
    await authBridge.refreshAccessToken();
  } catch {
    throw error;
  }
  return api.request(config);
});

// These answer 401 for wrong credentials or a dead refresh token: refreshing cannot help there. The other
// /api/auth/ routes (the session list) take an access token like everything else.
const tokenlessAuthPaths = [
  '/api/auth/register',
  '/api/auth/login',
  '/api/auth/refresh',
  '/api/auth/logout',
  '/api/auth/password-reset',
];
const isAuthEndpoint = (url: string | undefined) => url !== undefined && tokenlessAuthPaths.includes(url);

function isExpiredAccessToken(error: unknown): error is AxiosError & { config: InternalAxiosRequestConfig } {
  return (
    isAxiosError(error) &&
    error.response?.status === 401 &&
    error.config !== undefined &&
    !error.config.authRetried &&
    !isAuthEndpoint(error.config.url)
  );
}

import type { ApiOperation } from '../../http/openapi';
import { loginBodySchema, refreshBodySchema, registerBodySchema, sessionIdParamSchema } from './auth.schemas';

/** The auth operations, described from the schemas that validate them. */
export const authOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/auth/register',
    tag: 'auth',
    auth: false,
    summary: 'Register and sign in',
    body: registerBodySchema,
    responses: {
      201: '{user, accessToken, refreshToken}; sets the refresh_token cookie',
      400: 'invalid username or password',
      403: 'REGISTRATION_CLOSED, INVITE_REQUIRED or INVITE_INVALID (see GET /api/auth/registration)',
      409: 'username taken',
    },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    auth: false,
    summary: 'Sign in',
    body: loginBodySchema,
    responses: {
      200: '{user, accessToken, refreshToken}',
      401: 'wrong username or password',
      429: 'too many failed attempts (Retry-After)',
    },
  },
  {
    method: 'post',
    path: '/api/auth/refresh',
    tag: 'auth',
    auth: false,
    summary: 'Rotate the refresh token (body or cookie)',
    body: refreshBodySchema,
    responses: {
      200: '{accessToken, refreshToken}',
      401: 'invalid, expired or reused token (reuse after the grace window ends the session; a made-up one changes nothing)',
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    auth: false,
    summary: 'End this session',
    body: refreshBodySchema,
    responses: { 204: 'signed out' },
  },
  {
    method: 'get',
    path: '/api/auth/sessions',
    tag: 'auth',
    summary: 'Your signed-in devices',
    responses: { 200: '{sessions}' },
  },
  {
    method: 'delete',
    path: '/api/auth/sessions/{id}',
    tag: 'auth',
    summary: 'Sign a device out',
    params: sessionIdParamSchema,
    responses: { 204: 'revoked', 404: 'not one of your sessions' },
  },
];

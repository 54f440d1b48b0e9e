import { api } from '../../shared/api/client';
import { hasStatus } from '../../shared/api/errors';
import type {
  AuthResponse,
  LoginRequest,
  PasswordResetRequest,
  RefreshResponse,
  RegisterRequest,
  RegistrationMode,
  RegistrationResponse,
  User,
  CurrentUserResponse,
} from '@messenger/contract';

// The refresh token travels in an httpOnly cookie; withCredentials keeps it flowing
// even when VITE_API_URL points at another origin.
const withCookie = { withCredentials: true };

export async function register(body: RegisterRequest): Promise<AuthResponse> {
  const { data } = await api.post<AuthResponse>('/api/auth/register', body, withCookie);
  return data;
}

const isRegistrationMode = (value: unknown): value is RegistrationMode =>
  value === 'open' || value === 'invite' || value === 'closed';

/** Who may create an account here. A server older than invites has no such route (404): anyone may. */
export async function fetchRegistrationMode(): Promise<RegistrationMode> {
  try {
    const { data } = await api.get<Partial<RegistrationResponse>>('/api/auth/registration');
    // Anything else (a page, not the API's answer) says nothing: the registration itself will tell.
    return isRegistrationMode(data.registration) ? data.registration : 'open';
  } catch (error) {
    if (hasStatus(error, 404)) return 'open';
    throw error;
  }
}

/** Sets a new password with the one-use token an admin handed out; every session of that account ends. */
export async function resetPassword(body: PasswordResetRequest): Promise<void> {
  await api.post('/api/auth/password-reset', body);
}

export async function login(body: LoginRequest): Promise<AuthResponse> {
  const { data } = await api.post<AuthResponse>('/api/auth/login', body, withCookie);
  return data;
}

export async function refresh(): Promise<RefreshResponse> {
  const { data } = await api.post<RefreshResponse>('/api/auth/refresh', {}, withCookie);
  return data;
}

export async function logout(): Promise<void> {
  await api.post('/api/auth/logout', {}, withCookie);
}

export async function fetchCurrentUser(): Promise<User> {
  const { data } = await api.get<CurrentUserResponse>('/api/users/me');
  return data.user;
}

import { api } from '../../shared/api/client';
import type {
  AuthResponse,
  LoginRequest,
  RefreshResponse,
  RegisterRequest,
  User,
  UserResponse,
} from '../../shared/api/types';

// The refresh token travels in an httpOnly cookie; withCredentials keeps it flowing
// even when VITE_API_URL points at another origin.
const withCookie = { withCredentials: true };

export async function register(body: RegisterRequest): Promise<AuthResponse> {
  const { data } = await api.post<AuthResponse>('/api/auth/register', body, withCookie);
  return data;
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
  const { data } = await api.get<UserResponse>('/api/users/me');
  return data.user;
}

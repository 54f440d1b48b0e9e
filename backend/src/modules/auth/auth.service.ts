import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import { isUniqueViolation } from '../../db/prisma';
import { conflict, notFound, unauthorized } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import type { UserPresenter } from '../users/users.presenter';
import { normalizeUsername } from '../users/users.schemas';
import type { AuthRepository } from './auth.repository';
import type { LoginInput, RegisterInput } from './auth.schemas';
import type { RevokedSessions } from './revoked-sessions';
import { TokenService } from './tokens';

export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

export interface AuthSettings {
  bcryptRounds: number;
  refreshTtlMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const USERNAME_TAKEN = 'That username is already taken';

export class AuthService {
  /** Compared against when the username is unknown, so that a miss costs the same time as a wrong password. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly repository: AuthRepository,
    private readonly tokens: TokenService,
    private readonly presenter: UserPresenter,
    private readonly settings: AuthSettings,
    private readonly events: Pick<EventPublisher, 'endSession'>,
    private readonly revoked: RevokedSessions,
  ) {}

  async register(input: RegisterInput, client: ClientInfo) {
    const usernameNormalized = normalizeUsername(input.username);
    // Checked before hashing, so that trying taken names costs the server no bcrypt work; the unique index still
    // settles two registrations of the same new name.
    if (await this.repository.findUserForLogin(usernameNormalized)) throw conflict(USERNAME_TAKEN);
    const passwordHash = await bcrypt.hash(input.password, this.settings.bcryptRounds);
    try {
      const user = await this.repository.createUser({
        username: input.username,
        usernameNormalized,
        displayName: input.displayName ?? input.username,
        passwordHash,
      });
      return { user: this.presenter.toPrivate(user), ...(await this.startSession(user.id, client)) };
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(USERNAME_TAKEN);
      throw error;
    }
  }

  async login(input: LoginInput, client: ClientInfo) {
    const found = await this.repository.findUserForLogin(normalizeUsername(input.username));
    this.decoyHash ??= bcrypt.hash('decoy-password', this.settings.bcryptRounds);
    const passwordOk = await bcrypt.compare(input.password, found?.passwordHash ?? (await this.decoyHash));
    if (!found || !passwordOk) throw unauthorized('Wrong username or password');
    const { passwordHash: _omit, ...user } = found;
    return { user: this.presenter.toPrivate(user), ...(await this.startSession(user.id, client)) };
  }

  /** Rotates the refresh token. Presenting one that was already rotated away means it leaked: end the session. */
  async refresh(refreshToken: string) {
    const sessionId = TokenService.sessionIdOf(refreshToken);
    if (!sessionId || !UUID.test(sessionId)) throw unauthorized('Invalid refresh token');
    const session = await this.repository.findSession(sessionId);
    if (!session || session.revokedAt || session.expiresAt <= new Date()) throw unauthorized('Session has ended');

    const presentedHash = this.tokens.hashRefresh(refreshToken);
    const next = this.tokens.mintRefresh(sessionId);
    const rotated =
      presentedHash === session.refreshTokenHash &&
      (await this.repository.rotateSession(sessionId, presentedHash, next.hash, this.expiry()));
    if (!rotated) {
      await this.repository.revokeSession(sessionId);
      await this.signedOut(sessionId);
      throw unauthorized('Refresh token was already used; the session has been signed out');
    }
    return {
      accessToken: this.tokens.signAccess({ userId: session.userId, sessionId }),
      refreshToken: next.token,
    };
  }

  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const sessionId = TokenService.sessionIdOf(refreshToken);
    if (!sessionId || !UUID.test(sessionId)) return;
    const session = await this.repository.findSession(sessionId);
    if (session && session.refreshTokenHash === this.tokens.hashRefresh(refreshToken)) {
      await this.repository.revokeSession(sessionId);
      await this.signedOut(sessionId);
    }
  }

  /** The user's signed-in devices, the one making the request marked `current`. */
  async sessions(userId: string, currentSessionId: string) {
    const sessions = await this.repository.listActiveSessions(userId);
    return sessions.map((session) => ({
      id: session.id,
      userAgent: session.userAgent,
      ip: session.ip,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      current: session.id === currentSessionId,
    }));
  }

  /** Signs a device out: its refresh token stops working and its live connections are closed. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    if (!UUID.test(sessionId) || !(await this.repository.revokeUserSession(userId, sessionId))) {
      throw notFound('Session');
    }
    await this.signedOut(sessionId);
  }

  /** Its access tokens stop working at once, everywhere, and its live connections are closed. */
  private async signedOut(sessionId: string): Promise<void> {
    await this.revoked.add(sessionId);
    this.events.endSession(sessionId);
  }

  private async startSession(userId: string, client: ClientInfo) {
    const sessionId = randomUUID();
    const refresh = this.tokens.mintRefresh(sessionId);
    await this.repository.createSession({
      id: sessionId,
      userId,
      refreshTokenHash: refresh.hash,
      expiresAt: this.expiry(),
      userAgent: client.userAgent?.slice(0, 512),
      ip: client.ip?.slice(0, 64),
    });
    return { accessToken: this.tokens.signAccess({ userId, sessionId }), refreshToken: refresh.token };
  }

  private expiry(): Date {
    return new Date(Date.now() + this.settings.refreshTtlMs);
  }
}

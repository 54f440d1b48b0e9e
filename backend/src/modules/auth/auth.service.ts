import { randomUUID } from 'node:crypto';
import type { LoginInput, RegisterInput } from '@messenger/contract';
import bcrypt from 'bcrypt';
import { isUniqueViolation, type Prisma } from '../../db/prisma';
import { AppError, conflict, notFound, unauthorized } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import type { UserPresenter } from '../users/users.presenter';
import { normalizeUsername } from '../users/usernames';
import type { AuthRepository } from './auth.repository';
import { endSessions } from './end-sessions';
import type { RevokedSessions } from './revoked-sessions';
import { TokenService, type MintedRefresh } from './tokens';

export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

/** Who may register (modules/registration): the instance's registration mode and its invites. */
export interface RegistrationGate {
  /** Refuses, before any password is hashed, a registration that the mode refuses whatever happens next. */
  precheck(inviteCode: string | undefined): Promise<void>;
  /** Decides within the transaction that creates the account, taking a use of the invite it accepts. */
  admit(tx: Prisma.TransactionClient, inviteCode: string | undefined): Promise<void>;
}

export interface AuthSettings {
  bcryptRounds: number;
  refreshTtlMs: number;
  /** How long the refresh token rotated away last still answers, with the same new token. */
  refreshGraceMs: number;
}

type TokenStanding = 'current' | 'previous' | 'older' | 'forged';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const USERNAME_TAKEN = 'That username is already taken';
const WRONG_CREDENTIALS = 'Wrong username or password';

/** Told only to someone who gave the account's password: whether an account is deactivated is not public. */
const accountDeactivated = () =>
  new AppError(403, 'ACCOUNT_DEACTIVATED', 'This account has been deactivated; an administrator can reactivate it');

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
    private readonly registration: RegistrationGate,
  ) {}

  async register(input: RegisterInput, client: ClientInfo) {
    const usernameNormalized = normalizeUsername(input.username);
    // First, so that an instance closed to registration does not tell whether a username exists.
    await this.registration.precheck(input.inviteCode);
    // Checked before hashing, so that trying taken names costs the server no bcrypt work; the unique index still
    // settles two registrations of the same new name.
    if (await this.repository.findUserForLogin(usernameNormalized)) throw conflict(USERNAME_TAKEN);
    const passwordHash = await bcrypt.hash(input.password, this.settings.bcryptRounds);
    try {
      const user = await this.repository.createUser(
        {
          username: input.username,
          usernameNormalized,
          displayName: input.displayName ?? input.username,
          passwordHash,
        },
        (tx) => this.registration.admit(tx, input.inviteCode),
      );
      return { user: this.presenter.toPrivate(user), ...(await this.startSession(user.id, client)) };
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(USERNAME_TAKEN);
      throw error;
    }
  }

  async login(input: LoginInput, client: ClientInfo) {
    // A password over bcrypt's 72 bytes still goes through bcrypt: accounts registered before such passwords were
    // refused have one, and bcrypt compares its first 72 bytes now as it did when it was set. For any newer account
    // matching those bytes means knowing its whole password.
    const found = await this.repository.findUserForLogin(normalizeUsername(input.username));
    this.decoyHash ??= bcrypt.hash('decoy-password', this.settings.bcryptRounds);
    const passwordOk = await bcrypt.compare(input.password, found?.passwordHash ?? (await this.decoyHash));
    if (!found || !passwordOk) throw unauthorized(WRONG_CREDENTIALS);
    if (found.status !== 'active') throw accountDeactivated();
    const { passwordHash: _omit, ...user } = found;
    return { user: this.presenter.toPrivate(user), ...(await this.startSession(user.id, client)) };
  }

  /**
   * Rotates the refresh token. The token rotated away last still answers within the grace window, with the same
   * new token (a lost response, two tabs at once); after it, or for any older token of the session, it means a
   * copy leaked: the session ends. A token the server never issued for the session is refused and changes nothing.
   */
  async refresh(refreshToken: string) {
    const sessionId = TokenService.sessionIdOf(refreshToken);
    if (!sessionId || !UUID.test(sessionId)) throw unauthorized('Invalid refresh token');
    let session = await this.activeSession(sessionId);
    const next = this.tokens.nextRefresh(refreshToken);
    let standing = this.standingOf(refreshToken, next, session);
    if (standing === 'current') {
      const rotated = await this.repository.rotateSession(
        sessionId,
        session.refreshTokenHash,
        next.hash,
        this.expiry(),
      );
      if (rotated) return this.tokenPair(session.userId, sessionId, next.token);
      // A concurrent refresh with the same token rotated it first (or the session just ended): look again.
      session = await this.activeSession(sessionId);
      standing = this.standingOf(refreshToken, next, session);
    }
    if (standing === 'forged') throw unauthorized('Invalid refresh token');
    if (standing === 'previous' && this.withinGrace(session.rotatedAt)) {
      return this.tokenPair(session.userId, sessionId, next.token);
    }
    await this.repository.revokeSession(sessionId);
    await this.signedOut(sessionId);
    throw unauthorized('Refresh token was already used; the session has been signed out');
  }

  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const sessionId = TokenService.sessionIdOf(refreshToken);
    if (!sessionId || !UUID.test(sessionId)) return;
    const session = await this.repository.findSession(sessionId);
    if (session && this.standingOf(refreshToken, this.tokens.nextRefresh(refreshToken), session) !== 'forged') {
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
    await endSessions([sessionId], this.revoked, this.events);
  }

  private async activeSession(sessionId: string) {
    const session = await this.repository.findSession(sessionId);
    if (!session || session.revokedAt || session.expiresAt <= new Date()) throw unauthorized('Session has ended');
    return session;
  }

  /**
   * Where a presented token stands in its session's chain: the current one; the one rotated away last (its
   * successor is current; this also recognises tokens issued before tags existed); an older one the server
   * issued; or one it never issued for this session.
   */
  private standingOf(token: string, next: MintedRefresh, session: { refreshTokenHash: string }): TokenStanding {
    if (this.tokens.hashRefresh(token) === session.refreshTokenHash) return 'current';
    if (next.hash === session.refreshTokenHash) return 'previous';
    return this.tokens.issuedForItsSession(token) ? 'older' : 'forged';
  }

  private withinGrace(rotatedAt: Date | null): boolean {
    return rotatedAt !== null && Date.now() - rotatedAt.getTime() <= this.settings.refreshGraceMs;
  }

  private tokenPair(userId: string, sessionId: string, refreshToken: string) {
    return { accessToken: this.tokens.signAccess({ userId, sessionId }), refreshToken };
  }

  private async startSession(userId: string, client: ClientInfo) {
    const sessionId = randomUUID();
    const refresh = this.tokens.mintRefresh(sessionId);
    const started = await this.repository.createActiveSession({
      id: sessionId,
      userId,
      refreshTokenHash: refresh.hash,
      expiresAt: this.expiry(),
      userAgent: client.userAgent?.slice(0, 512),
      ip: client.ip?.slice(0, 64),
    });
    // Deactivated between the password check and now.
    if (!started) throw accountDeactivated();
    return this.tokenPair(userId, sessionId, refresh.token);
  }

  private expiry(): Date {
    return new Date(Date.now() + this.settings.refreshTtlMs);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { Role } from '../common/vocabulary';
import { securityConfig } from '../config/configuration';
import { ApiToken } from './api-token.entity';
import { invalidCredentials, tooManyAttempts, totpRequired } from './auth.errors';
import { toAuthenticatedUser, type AuthenticatedUser } from '../common/auth/authenticated-user';
import { LoginAttempt } from './login-attempt.entity';
import { PasswordService } from './password.service';
import { TotpService } from './totp.service';
import { User } from './user.entity';

export const MAX_FAILURES_PER_ACCOUNT = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** A token's last use is written at most this often, so reads do not each cost a write. */
const TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;

interface TokenRow {
  id: string;
  last_used_at: Date;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string | null;
  service_id: string | null;
  report_service_ids: string[];
}

/** Who a token is issued to, as the sign-in answer shows them (the contract's shape). */
export type TokenUser = Pick<
  AuthenticatedUser,
  'id' | 'email' | 'name' | 'role' | 'organisationId'
>;

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: TokenUser;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(LoginAttempt) private readonly attempts: Repository<LoginAttempt>,
    private readonly passwords: PasswordService,
    private readonly totp: TotpService,
    @Inject(securityConfig.KEY) private readonly security: ConfigType<typeof securityConfig>,
  ) {}

  /**
   * Checks a password (and the authenticator code for accounts that require one); throttles an
   * account after repeated failures whatever the password. A missing or wrong code counts as a
   * failure, so codes cannot be guessed without limit.
   */
  async verifyCredentials(
    rawEmail: string,
    password: string,
    clientAddress: string,
    totpCode?: string,
  ): Promise<AuthenticatedUser> {
    const email = rawEmail.trim().toLowerCase();
    if ((await this.recentFailures(email)) >= MAX_FAILURES_PER_ACCOUNT) throw tooManyAttempts();

    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.deactivatedAt IS NULL', { email })
      .getOne();
    const ok = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyAgainstNothing(password);
    const secondFactorOk =
      ok && user ? await this.totp.secondFactorPasses(user.id, totpCode) : false;
    await this.attempts.insert({
      email,
      clientAddress: clientAddress.slice(0, 64),
      succeeded: ok && secondFactorOk,
    });
    if (!ok || !user) throw invalidCredentials();
    if (!secondFactorOk) throw totpRequired();
    return toAuthenticatedUser(user);
  }

  /**
   * A signed-in user's current password, checked before it is changed. A wrong one counts as a
   * failed sign-in for the account, and the account's lockout applies, so the change-password
   * form is no way round the limit on guessing.
   */
  async verifyCurrentPassword(
    userId: string,
    password: string,
    clientAddress: string,
  ): Promise<boolean> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId', { userId })
      .getOne();
    if (!user) return false;
    if ((await this.recentFailures(user.email)) >= MAX_FAILURES_PER_ACCOUNT) {
      throw tooManyAttempts();
    }
    const ok = await this.passwords.verify(user.passwordHash, password);
    await this.attempts.insert({
      email: user.email,
      clientAddress: clientAddress.slice(0, 64),
      succeeded: ok,
    });
    return ok;
  }

  /** Failures since the last success, within the window. */
  private async recentFailures(email: string): Promise<number> {
    const since = new Date(Date.now() - FAILURE_WINDOW_MS);
    const row = await this.attempts.query(
      `SELECT count(*)::int AS n FROM login_attempt
        WHERE email = $1 AND attempted_at > $2 AND NOT succeeded
          AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempt
                                        WHERE email = $1 AND succeeded), '-infinity')`,
      [email, since],
    );
    return (row as { n: number }[])[0].n;
  }

  async issueToken({ id, email, name, role, organisationId }: TokenUser): Promise<IssuedToken> {
    const user = { id, email, name, role, organisationId };
    const accessToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.security.apiTokenTtlHours * 3600 * 1000);
    await this.tokens.insert({
      userId: user.id,
      tokenHash: sha256(accessToken),
      expiresAt,
      lastUsedAt: now,
    });
    return { accessToken, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user };
  }

  /** The user behind a bearer token, or undefined when it is unknown, revoked, expired or idle too long. */
  async authenticateToken(accessToken: string): Promise<AuthenticatedUser | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(accessToken)) return undefined;
    const now = Date.now();
    const idleSince = new Date(now - this.security.sessionIdleMinutes * 60 * 1000);
    // Runs on every API request: one hand-written statement, because TypeORM's query building
    // for the joined find cost more CPU than the query itself. The token hash is unique.
    const [token] = await this.tokens.query<TokenRow[]>(
      `SELECT t.id, t.last_used_at, u.id AS user_id, u.email, u.name, u.role, u.organisation_id,
              u.service_id, u.report_service_ids
         FROM api_token t
         JOIN app_user u ON u.id = t.user_id AND u.deactivated_at IS NULL
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
          AND t.expires_at > $2 AND t.last_used_at > $3`,
      [sha256(accessToken), new Date(now), idleSince],
    );
    if (!token) return undefined;
    if (now - token.last_used_at.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
      await this.tokens.update({ id: token.id }, { lastUsedAt: new Date(now) });
    }
    return {
      id: token.user_id,
      email: token.email,
      name: token.name,
      role: token.role,
      organisationId: token.organisation_id,
      serviceId: token.service_id,
      reportServiceIds: token.report_service_ids,
      tokenId: token.id,
    };
  }

  async revokeToken(tokenId: string): Promise<void> {
    await this.tokens.update({ id: tokenId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every API token and browser session of a user (password change, deactivation). */
  async revokeEverything(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.tokens.query(`DELETE FROM session WHERE sess -> 'passport' ->> 'user' = $1`, [
      userId,
    ]);
  }
}

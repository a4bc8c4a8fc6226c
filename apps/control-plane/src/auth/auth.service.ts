import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../app-config';
import { TooManyAttemptsError, UnauthenticatedError } from '../common/errors';
import { PRISMA, type Db } from '../db/prisma';
import { Metrics } from '../metrics/metrics';
import { LoginThrottle } from './login-throttle';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';
import type { Principal, Role } from './permissions';
import { SESSION_TTL_MS, newSessionToken, secretEquals, sha256Hex } from './tokens';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { id: string; username: string; role: Role };
}

/** The env AYA_ADMIN_TOKEN acts as this superadmin. */
export const ADMIN_TOKEN_PRINCIPAL: Principal = { id: 'admin-token', username: 'admin-token', role: 'superadmin' };

@Injectable()
export class AuthService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly metrics: Metrics,
  ) {}

  /** The principal of a bearer token, or undefined when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const adminToken = this.config.env.AYA_ADMIN_TOKEN;
    if (adminToken && secretEquals(token, adminToken)) return ADMIN_TOKEN_PRINCIPAL;
    // looked up by hash: a database read cannot leak usable tokens, and the lookup is not a string compare
    const row = await this.prisma.adminToken.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: true } });
    if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return undefined;
    return { id: row.user.id, username: row.user.username, role: row.user.role, sessionId: row.id };
  }

  /** `address`: the client's, for the per-address backoff (login-throttle-policy.ts). */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const attempt = await this.throttle.begin(username, address).catch((err: unknown) => {
      if (err instanceof TooManyAttemptsError) this.metrics.loginAttempt('throttled');
      throw err;
    });
    const user = await this.prisma.user.findUnique({ where: { username } });
    // verify against a dummy hash for unknown users so response time does not reveal which usernames exist
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) {
      this.metrics.loginAttempt('invalid');
      throw new UnauthenticatedError('invalid username or password');
    }
    await this.throttle.succeeded(attempt);
    this.metrics.loginAttempt('ok');
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.prisma.adminToken.create({ data: { tokenHash: sha256Hex(token), userId: user.id, expiresAt } });
    // housekeeping: sessions expired for a day are of no use, even to the audit
    await this.prisma.adminToken.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 24 * 60 * 60 * 1000) } } });
    return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, username: user.username, role: user.role } };
  }

  async logout(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.prisma.adminToken.updateMany({ where: { id: principal.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}

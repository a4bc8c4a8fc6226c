import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../app-config';
import { recordAudit } from '../audit/audit-row';
import { ForbiddenError, TooManyAttemptsError, UnauthenticatedError, ValidationError } from '../common/errors';
import { PRISMA, type Db } from '../db/prisma';
import { Metrics } from '../metrics/metrics';
import { LoginThrottle } from './login-throttle';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password';
import type { Membership, Principal } from './permissions';
import { SESSION_TTL_MS, TENANT_TOKEN_PREFIX, csrfTokenOf, newSessionToken, secretEquals, sha256Hex } from './tokens';

export interface SessionUser {
  id: string;
  username: string;
  email: string | null;
  superadmin: boolean;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  /** send as `X-CSRF-Token` on writes when the session travels in the cookie */
  csrfToken: string;
  user: SessionUser;
}

/** The env AYA_ADMIN_TOKEN acts as this superadmin. */
export const ADMIN_TOKEN_PRINCIPAL: Principal = { id: 'admin-token', username: 'admin-token', superadmin: true, memberships: [], kind: 'env' };

/** lastUsedAt of a tenant token is written at most this often (one UPDATE a minute, not one a request). */
const LAST_USED_EVERY_MS = 60_000;

const MEMBERSHIPS = { include: { tenant: { select: { slug: true } } } } as const;
const toMemberships = (rows: Array<{ tenantId: string; role: Membership['role']; tenant: { slug: string } }>): Membership[] =>
  rows.map((m) => ({ tenantId: m.tenantId, slug: m.tenant.slug, role: m.role }));

/** `username` or an e-mail address (usernames have no '@'), as the user typed it. */
export function userWhere(login: string): { username: string } | { email: string } {
  return login.includes('@') ? { email: login.toLowerCase() } : { username: login };
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly metrics: Metrics,
  ) {}

  /** The principal of a bearer or cookie token, or undefined when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const adminToken = this.config.env.AYA_ADMIN_TOKEN;
    if (adminToken && secretEquals(token, adminToken)) return ADMIN_TOKEN_PRINCIPAL;
    // looked up by hash: a database read cannot leak usable tokens, and the lookup is not a string compare
    const tokenHash = sha256Hex(token);
    if (token.startsWith(TENANT_TOKEN_PREFIX)) return this.tenantToken(tokenHash);
    const row = await this.prisma.session.findUnique({ where: { tokenHash }, include: { user: { include: { memberships: MEMBERSHIPS } } } });
    if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return undefined;
    const { user } = row;
    // disabling ends the sessions too; this covers one racing the disable
    if (user.disabledAt) return undefined;
    return { id: user.id, username: user.username, superadmin: user.superadmin, memberships: toMemberships(user.memberships), kind: 'session', sessionId: row.id };
  }

  private async tenantToken(tokenHash: string): Promise<Principal | undefined> {
    const row = await this.prisma.tenantToken.findUnique({ where: { tokenHash }, include: { tenant: { select: { slug: true } } } });
    const now = Date.now();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return undefined;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
      await this.prisma.tenantToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    }
    return {
      id: row.id,
      username: `token:${row.name}`,
      superadmin: false,
      memberships: [{ tenantId: row.tenantId, slug: row.tenant.slug, role: row.role }],
      kind: 'token',
      tokenId: row.id,
    };
  }

  /** `login`: username or e-mail. `address`: the client's, for the per-address backoff (login-throttle-policy.ts). */
  async login(login: string, password: string, address: string): Promise<LoginResult> {
    const attempt = await this.throttle.begin(login, address).catch((err: unknown) => {
      if (err instanceof TooManyAttemptsError) this.metrics.loginAttempt('throttled');
      throw err;
    });
    const user = await this.prisma.user.findFirst({ where: userWhere(login) });
    // verify against a dummy hash for unknown users so response time does not reveal which usernames exist
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) {
      this.metrics.loginAttempt('invalid');
      throw new UnauthenticatedError('invalid username or password');
    }
    await this.throttle.succeeded(attempt);
    // said only to whoever knows the password: a guesser cannot tell a disabled account from a wrong password
    if (user.disabledAt) throw new ForbiddenError('this account is disabled: ask a superadmin');
    this.metrics.loginAttempt('ok');
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.prisma.session.create({ data: { tokenHash: sha256Hex(token), userId: user.id, expiresAt } });
    // housekeeping: sessions expired for a day are of no use, even to the audit
    await this.prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 24 * 60 * 60 * 1000) } } });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      csrfToken: csrfTokenOf(token),
      user: { id: user.id, username: user.username, email: user.email, superadmin: user.superadmin },
    };
  }

  async logout(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.prisma.session.updateMany({ where: { id: principal.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** Sign out everywhere: every session of the user ends, this one too. */
  async logoutAll(principal: Principal): Promise<void> {
    const userId = sessionUser(principal);
    await this.prisma.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** A new password for the signed-in user; their other sessions end (this one stays). */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const userId = sessionUser(principal);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new ValidationError('the current password is wrong', [{ path: 'currentPassword', message: 'wrong password' }]);
    }
    const passwordHash = await hashPassword(next);
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      await tx.session.updateMany({ where: { userId, revokedAt: null, NOT: { id: principal.sessionId } }, data: { revokedAt: new Date() } });
      // platform log (no tenant), like the users' writes; the row says it changed, never what to
      await recordAudit(tx, principal, { tenantId: null, action: 'password-change', resourceType: 'user', resourceId: userId, resourceName: user.username });
    });
  }

  /** GET /auth/me: who the caller is and their tenants (a token: its one tenant). */
  async me(principal: Principal): Promise<{ user: SessionUser; kind: Principal['kind']; memberships: Array<{ tenant: { id: string; slug: string; name: string }; role: Membership['role'] }> }> {
    const user =
      principal.kind === 'session'
        ? await this.prisma.user.findUniqueOrThrow({ where: { id: principal.id }, select: { id: true, username: true, email: true, superadmin: true } })
        : { id: principal.id, username: principal.username, email: null, superadmin: principal.superadmin };
    const tenants = await this.prisma.tenant.findMany({
      where: { id: { in: principal.memberships.map((m) => m.tenantId) } },
      select: { id: true, slug: true, name: true },
      orderBy: { slug: 'asc' },
    });
    const roleOf = new Map(principal.memberships.map((m) => [m.tenantId, m.role]));
    return { user, kind: principal.kind, memberships: tenants.map((tenant) => ({ tenant, role: roleOf.get(tenant.id) ?? 'viewer' })) };
  }
}

/** The user of a session principal; tokens and the env token have no password or sessions of their own. */
function sessionUser(principal: Principal): string {
  if (principal.kind !== 'session') throw new ForbiddenError('only a signed-in user has sessions and a password');
  return principal.id;
}

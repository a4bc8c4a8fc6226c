import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../app-config';
import { CsrfError, ForbiddenError, UnauthenticatedError } from '../common/errors';
import type { AuthedRequest } from './actor.decorator';
import { AuthService } from './auth.service';
import { INTERNAL_KEY, PERMISSION_KEY, PUBLIC_KEY, type PermissionName } from './permissions';
import { CSRF_HEADER, SAFE_METHODS, sessionFromCookie } from './session-cookie';
import { authorize } from './tenant-access';
import { bearerToken, csrfTokenOf, secretEquals } from './tokens';

interface GuardedRequest extends AuthedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  ip: string;
  params?: Record<string, string | undefined>;
}

/**
 * Global guard: every handler is public, internal (cluster token) or names the permission it needs. Admin
 * callers authenticate with `Authorization: Bearer` (CLI, automation: a session token, a tenant admin token or
 * AYA_ADMIN_TOKEN) or the console's session cookie, whose writes also need the CSRF header. Then the role
 * decides: in the tenant the `:tenant` path parameter names, or across the caller's tenants (tenant-access.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const handler = ctx.getHandler();
    if (this.reflector.get<boolean | undefined>(PUBLIC_KEY, handler)) return true;
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const bearer = bearerToken(req.headers.authorization);
    if (this.reflector.get<boolean | undefined>(INTERNAL_KEY, handler)) {
      if (!bearer || !secretEquals(bearer, this.config.env.AYA_CLUSTER_TOKEN)) {
        throw new UnauthenticatedError('cluster token required');
      }
      return true;
    }
    const permission = this.reflector.get<PermissionName | undefined>(PERMISSION_KEY, handler);
    // fail closed: a handler that forgot its decorator is unreachable (and a unit test catches it)
    if (!permission) throw new ForbiddenError('endpoint declares no permission');
    // a bearer header wins over a cookie: automation in a browser-like client keeps its own identity
    const cookie = bearer ? undefined : sessionFromCookie(req.headers.cookie);
    const token = bearer ?? cookie;
    if (!token) throw new UnauthenticatedError();
    // the scraper's token: nothing but the metrics, so Prometheus needs no admin credentials
    const metricsToken = this.config.env.AYA_METRICS_TOKEN;
    if (bearer && permission === 'metrics:read' && metricsToken && secretEquals(bearer, metricsToken)) return true;
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new UnauthenticatedError('invalid or expired token');
    // a cookie arrives with any request the browser sends, a forged one from another site too: writes must prove
    // they come from the console, which alone can read the CSRF token
    if (cookie && principal.kind === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !secretEquals(sent, csrfTokenOf(cookie))) throw new CsrfError();
    }
    authorize(principal, permission, req.method, req.params?.tenant);
    req.principal = { ...principal, address: req.ip };
    return true;
  }
}

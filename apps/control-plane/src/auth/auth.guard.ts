import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../app-config';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import type { AuthedRequest } from './actor.decorator';
import { AuthService } from './auth.service';
import { INTERNAL_KEY, PERMISSION_KEY, PUBLIC_KEY, roleGrants, type PermissionName } from './permissions';
import { bearerToken, secretEquals } from './tokens';

interface RequestWithHeaders extends AuthedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** Global guard: every handler is public, internal (cluster token) or names the permission it needs. */
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
    const req = ctx.switchToHttp().getRequest<RequestWithHeaders>();
    const token = bearerToken(req.headers.authorization);
    if (this.reflector.get<boolean | undefined>(INTERNAL_KEY, handler)) {
      if (!token || !secretEquals(token, this.config.env.AYA_CLUSTER_TOKEN)) {
        throw new UnauthenticatedError('cluster token required');
      }
      return true;
    }
    const permission = this.reflector.get<PermissionName | undefined>(PERMISSION_KEY, handler);
    // fail closed: a handler that forgot its decorator is unreachable (and a unit test catches it)
    if (!permission) throw new ForbiddenError('endpoint declares no permission');
    if (!token) throw new UnauthenticatedError();
    // the scraper's token: nothing but the metrics, so Prometheus needs no admin credentials
    const metricsToken = this.config.env.AYA_METRICS_TOKEN;
    if (permission === 'metrics:read' && metricsToken && secretEquals(token, metricsToken)) return true;
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new UnauthenticatedError('invalid or expired token');
    if (!roleGrants(principal.role, permission)) throw new ForbiddenError(`role ${principal.role} lacks ${permission}`);
    req.principal = principal;
    return true;
  }
}

import { createHmac } from 'node:crypto';
import type { Balancer, PickContext } from '../balancer/types';
import { eligible } from '../balancer/types';
import type { RuntimeService, RuntimeTarget } from '../compile/types';

export interface StickyConfig {
  cookie: string;
  ttlSeconds?: number;
}

/**
 * The cookie value naming a target: an HMAC of `host:port` keyed by the cookie name, so it never
 * reveals the address, is the same on every gateway replica and across restarts, and routes
 * sharing a cookie name agree on it.
 */
export function stickyToken(cookie: string, targetKey: string): string {
  return createHmac('sha256', `aya-sticky:${cookie}`).update(targetKey).digest('base64url').slice(0, 16);
}

/**
 * Wraps a service's balancer: a request whose cookie names a usable target goes there; otherwise
 * (no cookie, unknown token, target unhealthy, drained or already tried) the inner algorithm
 * picks, and the response hook hands the client the new token.
 */
export class StickyBalancer implements Balancer<RuntimeTarget> {
  constructor(
    private readonly inner: Balancer<RuntimeTarget>,
    private readonly cookie: string,
    readonly byToken: ReadonlyMap<string, RuntimeTarget>,
  ) {}

  get size(): number {
    return this.inner.size;
  }

  pick(ctx: PickContext, exclude?: ReadonlySet<RuntimeTarget>): RuntimeTarget | undefined {
    const token = ctx.cookie(this.cookie);
    const t = token === undefined ? undefined : this.byToken.get(token);
    if (t !== undefined && t.weight > 0 && eligible(t, exclude)) return t;
    return this.inner.pick(ctx, exclude);
  }
}

/** The service with a sticky balancer; `tokens` collects target -> token for the response hook. */
export function stickyService(service: RuntimeService, sticky: StickyConfig, tokens: Map<RuntimeTarget, string>): RuntimeService {
  const byToken = new Map<string, RuntimeTarget>();
  for (const t of service.targets) {
    const token = stickyToken(sticky.cookie, t.key);
    byToken.set(token, t);
    tokens.set(t, token);
  }
  return { ...service, balancer: new StickyBalancer(service.balancer, sticky.cookie, byToken) };
}

/** The Set-Cookie to add when the client's cookie does not already carry `token`. */
export function stickyCookieFor(sticky: StickyConfig, token: string, current: string | undefined): string | undefined {
  if (current === token) return undefined;
  const maxAge = sticky.ttlSeconds ? `; Max-Age=${sticky.ttlSeconds}` : '';
  return `${sticky.cookie}=${token}; Path=/; HttpOnly; SameSite=Lax${maxAge}`;
}

import { regexProblem, type SnapshotRoute } from '@aya/config-schema';
import type { PickContext } from '../balancer/types';
import type { RuntimeRoute, RuntimeService, RuntimeTarget } from '../compile/types';
import { compileHeaderTransform, type HeaderEditor } from './header-transform';
import type { HeaderBag } from '../router/router';
import { ServiceSplit, type StickyIndex } from './split';
import { stickyCookieFor, stickyService } from './sticky';
import { compileTemplate, type Template } from './template';

export type ResponseEditor = (list: string[], target: RuntimeTarget | undefined, ctx: PickContext) => void;

/** A route's traffic control, compiled once per revision; absent on routes that use none of it. */
export interface RouteTraffic {
  /** the gateway answers itself: no service is called */
  readonly redirect: { status: number; location: Template } | null;
  /** applied to the upstream path after stripPath, before the service path */
  readonly rewrite: { regex: RegExp; replacement: Template } | null;
  readonly requestHeaders: HeaderEditor | null;
  readonly responseHeaders: ResponseEditor | null;
  /** the service of this request (split, sticky); null: the route's own */
  readonly split: ServiceSplit | null;
}

/** The service a request to this route goes to: its split's choice, else the route's own. */
export function serviceOf(route: RuntimeRoute, headers: HeaderBag): RuntimeService {
  const split = route.traffic?.split;
  return split ? split.choose(headers) : route.service;
}

const TRAFFIC_KEYS = ['split', 'sticky', 'rewrite', 'redirect', 'requestHeaders', 'responseHeaders'] as const;

export function hasTraffic(r: SnapshotRoute): boolean {
  return TRAFFIC_KEYS.some((k) => r[k] !== undefined);
}

/**
 * Compiles a route's traffic fields. `base` is the route's service; the returned `service` is
 * the one to store on the route (wrapped with a sticky balancer when the route is sticky).
 */
export function compileRouteTraffic(
  r: SnapshotRoute,
  base: RuntimeService,
  services: ReadonlyMap<string, RuntimeService>,
  warnings: string[],
): { service: RuntimeService; traffic: RouteTraffic | undefined } {
  if (!hasTraffic(r)) return { service: base, traffic: undefined };
  const tokens = new Map<RuntimeTarget, string>();
  const wrapped = new Map<string, RuntimeService>();
  const withSticky = (s: RuntimeService): RuntimeService => {
    if (!r.sticky) return s;
    let w = wrapped.get(s.id);
    if (!w) wrapped.set(s.id, (w = stickyService(s, r.sticky, tokens)));
    return w;
  };
  const service = withSticky(base);
  const resolve = (id: string): RuntimeService | undefined => {
    const s = services.get(id);
    if (!s) warnings.push(`route ${r.name}: split service ${id} not in snapshot (ignored)`);
    return s ? withSticky(s) : undefined;
  };
  let split: ServiceSplit | null = null;
  if (r.split) {
    // resolve every service first so the sticky index below knows all their targets
    const ids = [...r.split.services.map((s) => s.serviceId), ...(r.split.match ?? []).map((m) => m.serviceId)];
    for (const id of ids) resolve(id);
    let index: StickyIndex | null = null;
    if (r.sticky) {
      const targets = new Map<string, { service: RuntimeService; target: RuntimeTarget }>();
      for (const s of wrapped.values()) for (const t of s.targets) targets.set(tokens.get(t) ?? '', { service: s, target: t });
      index = { cookie: r.sticky.cookie, targets };
    }
    split = new ServiceSplit(r.split, (id) => (services.has(id) ? withSticky(services.get(id) as RuntimeService) : undefined), service, index);
  }
  let rewrite: RouteTraffic['rewrite'] = null;
  if (r.rewrite) {
    const problem = regexProblem(r.rewrite.regex);
    if (problem) warnings.push(`route ${r.name}: rewrite regex ${problem} (rewrite skipped)`);
    else rewrite = { regex: new RegExp(r.rewrite.regex), replacement: compileTemplate(r.rewrite.replacement) };
  }
  return {
    service,
    traffic: {
      redirect: r.redirect ? { status: r.redirect.status, location: compileTemplate(r.redirect.location) } : null,
      rewrite,
      requestHeaders: compileHeaderTransform(r.requestHeaders),
      responseHeaders: responseEditor(r, tokens),
      split,
    },
  };
}

function responseEditor(r: SnapshotRoute, tokens: ReadonlyMap<RuntimeTarget, string>): ResponseEditor | null {
  const transform = compileHeaderTransform(r.responseHeaders);
  const sticky = r.sticky;
  if (!sticky) return transform ? (list) => transform(list) : null;
  return (list, target, ctx) => {
    transform?.(list);
    const token = target === undefined ? undefined : tokens.get(target);
    const cookie = token === undefined ? undefined : stickyCookieFor(sticky, token, ctx.cookie(sticky.cookie));
    if (cookie !== undefined) list.push('set-cookie', cookie);
  };
}

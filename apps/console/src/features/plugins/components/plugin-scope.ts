import type { Plugin } from '@aya/config-schema';
import type { ScopeOption, ScopeOptions } from '../api/get-scope-options';
import type { PluginScope } from './plugin-form-values';

const nameOf = (options: ScopeOption[] | undefined, id: string) => options?.find((o) => o.id === id)?.name ?? id;

/** "route orders-get · consumer alice", or "global". */
export function scopeLabel(p: Plugin, options: ScopeOptions | undefined): string {
  const parts = [
    p.serviceId ? `service ${nameOf(options?.services, p.serviceId)}` : '',
    p.routeId ? `route ${nameOf(options?.routes, p.routeId)}` : '',
    p.consumerId ? `consumer ${nameOf(options?.consumers, p.consumerId)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'global';
}

/** The instances attached exactly at one scope (a panel on a service, route or consumer page); `{}` = the global ones. */
export function atScope(plugins: Plugin[], scope: PluginScope): Plugin[] {
  return plugins.filter(
    (p) => (p.serviceId ?? undefined) === scope.service && (p.routeId ?? undefined) === scope.route && (p.consumerId ?? undefined) === scope.consumer,
  );
}

/** `?service=…&route=…&consumer=…&back=…` of the add page, and back again. */
export function scopeSearch(scope: PluginScope, back?: string): string {
  const params = new URLSearchParams();
  for (const key of ['service', 'route', 'consumer'] as const) if (scope[key]) params.set(key, scope[key]);
  if (back) params.set('back', back);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export function scopeFromSearch(search: URLSearchParams): { scope: PluginScope; back: string | null } {
  const scope: PluginScope = {};
  for (const key of ['service', 'route', 'consumer'] as const) {
    const v = search.get(key);
    if (v) scope[key] = v;
  }
  const back = search.get('back');
  // Only a console path: never an open redirect.
  return { scope, back: back && back.startsWith('/console/') ? back : null };
}

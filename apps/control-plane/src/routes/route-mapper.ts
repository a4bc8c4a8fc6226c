import { HTTP_METHODS, type fallbackSchema, type HttpMethod, type Route, type splitSchema } from '@aya/config-schema';
import type { z } from 'zod';
import { readOptions } from '../common/options';
import type { Route as RouteRow } from '../generated/prisma/client';

/** Columns of a route row; every other contract field (priority, predicates, split...) lives in `options`. */
export const ROUTE_CORE_KEYS = ['name', 'service', 'paths', 'methods', 'hosts', 'stripPath'] as const;

export type SplitConfig = z.infer<typeof splitSchema>;
export type FallbackConfig = z.infer<typeof fallbackSchema>;

const isMethod = (v: string): v is HttpMethod => (HTTP_METHODS as readonly string[]).includes(v);

/** `serviceNames`: id -> name of the services a stored split or fallback points at (it stores ids, so renames follow). */
export type RouteRowWithService = RouteRow & { service: { name: string }; serviceNames?: ReadonlyMap<string, string> };

/** The service ids a stored split refers to. */
export function splitServiceIds(split: SplitConfig | undefined): string[] {
  if (!split) return [];
  return [...split.services.map((s) => s.service), ...(split.match ?? []).map((m) => m.service)];
}

/** Every service id a stored route's options refer to besides its own service: split and fallback. */
export function optionServiceIds(options: { split?: unknown; fallback?: unknown }): string[] {
  const fallback = (options.fallback as FallbackConfig | undefined)?.service;
  return [...splitServiceIds(options.split as SplitConfig | undefined), ...(fallback ? [fallback] : [])];
}

/** Rewrites every service reference of a split (name -> id on write, id -> name on read). */
export function mapSplit(split: SplitConfig, map: (ref: string, path: string) => string): SplitConfig {
  return {
    ...split,
    services: split.services.map((s, i) => ({ ...s, service: map(s.service, `split.services.${i}.service`) })),
    ...(split.match ? { match: split.match.map((m, i) => ({ ...m, service: map(m.service, `split.match.${i}.service`) })) } : {}),
  };
}

export function toRoute(row: RouteRowWithService): Route {
  const options = readOptions(row.options) as Partial<Route>;
  const names = row.serviceNames;
  return {
    // validated by the contract's schema before it was stored
    ...options,
    ...(options.split ? { split: mapSplit(options.split, (id) => names?.get(id) ?? id) } : {}),
    ...(options.fallback?.service ? { fallback: { service: names?.get(options.fallback.service) ?? options.fallback.service } } : {}),
    id: row.id,
    name: row.name,
    serviceId: row.serviceId,
    service: row.service.name,
    paths: row.paths,
    methods: (row.methods ?? []).filter(isMethod),
    hosts: row.hosts ?? [],
    stripPath: row.stripPath,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

import { seg } from './api-client';

export const DEFAULT_TENANT = 'default';

export type ConsoleSection = 'services' | 'routes' | 'upstreams' | 'certificates' | 'consumers' | 'consumer-groups' | 'plugins' | 'nodes' | 'history' | 'audit';

/** The tenant's home dashboard. */
export function tenantHomePath(tenant: string): string {
  return `/console/t/${seg(tenant)}`;
}

/** Browser path of a console page inside a tenant. */
export function consolePath(tenant: string, section: ConsoleSection, ...rest: string[]): string {
  return ['/console/t', seg(tenant), section, ...rest.map(seg)].join('/');
}

/** A tenant-scoped collection, as its query keys name it (its API paths come from the schema: lib/api/typed-paths.ts). */
export type TenantCollectionName = 'services' | 'routes' | 'upstreams' | 'certificates' | 'consumers' | 'consumer-groups' | 'plugins';

export const LIST_PAGE_SIZE = 50;

/**
 * Prefix of every query about one tenant's config. Writes invalidate all of it: a renamed service
 * shows up in the routes list, a deleted upstream in the services list.
 */
export function tenantScopeKey(tenant: string): readonly ['tenants', string] {
  return ['tenants', tenant];
}

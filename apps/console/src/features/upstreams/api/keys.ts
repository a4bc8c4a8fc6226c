export const upstreamsKeys = {
  list: (tenant: string) => ['tenants', tenant, 'upstreams', 'list'] as const,
  detail: (tenant: string, id: string) => ['tenants', tenant, 'upstreams', 'detail', id] as const,
};

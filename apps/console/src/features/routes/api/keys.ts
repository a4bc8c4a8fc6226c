export const routesKeys = {
  list: (tenant: string) => ['tenants', tenant, 'routes', 'list'] as const,
  detail: (tenant: string, id: string) => ['tenants', tenant, 'routes', 'detail', id] as const,
  serviceOptions: (tenant: string) => ['tenants', tenant, 'routes', 'service-options'] as const,
};

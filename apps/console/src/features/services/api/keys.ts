export const servicesKeys = {
  all: (tenant: string) => ['tenants', tenant, 'services'] as const,
  list: (tenant: string) => ['tenants', tenant, 'services', 'list'] as const,
  detail: (tenant: string, id: string) => ['tenants', tenant, 'services', 'detail', id] as const,
};

import type { components } from './schema';

/** The admin API's named types (`components.schemas` of apps/control-plane/openapi.json). */
export type ApiSchemas = components['schemas'];

/** One of them by name: `ApiSchema<'Service'>`, `ApiSchema<'AuditLogPage'>`. */
export type ApiSchema<N extends keyof ApiSchemas> = ApiSchemas[N];

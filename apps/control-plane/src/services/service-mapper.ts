import type { Service } from '@aya/config-schema';
import { readOptions } from '../common/options';
import type { Service as ServiceRow } from '../generated/prisma/client';

/** Columns of a service row; every other contract field lives in `options`. */
export const SERVICE_CORE_KEYS = ['name', 'url', 'connectTimeoutMs', 'readTimeoutMs', 'retries'] as const;

export function toService(row: ServiceRow): Service {
  return {
    // validated by the contract's schema before it was stored
    ...(readOptions(row.options) as Partial<Service>),
    id: row.id,
    name: row.name,
    url: row.url,
    connectTimeoutMs: row.connectTimeoutMs,
    readTimeoutMs: row.readTimeoutMs,
    retries: row.retries,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

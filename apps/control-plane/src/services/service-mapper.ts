import type { Service } from '@aya/config-schema';
import type { Service as ServiceRow } from '../generated/prisma/client';

export function toService(row: ServiceRow): Service {
  return {
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

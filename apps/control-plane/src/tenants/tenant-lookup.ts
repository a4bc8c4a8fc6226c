import type { Tenant } from '@aya/config-schema';
import { NotFoundError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import type { Tx } from '../db/prisma';
import type { Tenant as TenantRow } from '../generated/prisma/client';

export function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The tenant named by a path segment (id or slug); 404 when there is none. */
export async function findTenant(db: Tx, idOrSlug: string): Promise<TenantRow> {
  const rows = await db.tenant.findMany({ where: idOrKey(idOrSlug, 'slug'), take: 2 });
  // an id match wins over a slug that happens to look like another tenant's id
  const row = rows.find((t) => t.id === idOrSlug.toLowerCase()) ?? rows[0];
  if (!row) throw new NotFoundError(`tenant "${idOrSlug}" not found`);
  return row;
}

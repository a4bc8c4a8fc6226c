import { ConflictError } from '../common/errors';
import { readOptions } from '../common/options';
import type { Tx } from '../db/prisma';
import { collidingRouteLabel, findCollision } from '../routes/collision';
import { matchOptions } from '../routes/routes.store';
import type { NetChange } from './row-history';

const restoredIds = (changes: readonly NetChange[], table: string): string[] =>
  changes.filter((c) => c.tableName === table && c.before !== null).map((c) => c.rowKey);

/**
 * The rules that span tenants, checked after one tenant's rows were restored (other tenants kept their current
 * rows, so the restored state was never checked against them): route collisions (one listener serves every
 * tenant) and certificate SNIs (unique across all tenants). 409 naming what now holds the spot.
 */
export async function assertNoCrossTenantClash(tx: Tx, tenantId: string, changes: readonly NetChange[]): Promise<void> {
  const routeIds = restoredIds(changes, 'routes');
  if (routeIds.length > 0) {
    const select = { id: true, name: true, paths: true, methods: true, hosts: true, options: true, tenantId: true } as const;
    const restored = await tx.route.findMany({ where: { id: { in: routeIds } }, select });
    for (const route of restored) {
      const others = await tx.route.findMany({ where: { tenantId: { not: tenantId }, paths: { hasSome: route.paths } }, select });
      const key = (r: typeof route) => ({ ...r, methods: r.methods ?? [], hosts: r.hosts ?? [], ...matchOptions(readOptions(r.options)) });
      const hit = findCollision(key(route), others.map(key));
      if (hit) throw new ConflictError(`the rolled-back route "${route.name}" collides with ${collidingRouteLabel(hit, tenantId)} created since: change that first`);
    }
  }
  const certificateIds = restoredIds(changes, 'certificates');
  if (certificateIds.length > 0) {
    const taken = await tx.$queryRaw<Array<{ sni: string }>>`
      SELECT DISTINCT mine.sni FROM certificates c, unnest(c.snis) AS mine(sni)
      WHERE c.id = ANY(${certificateIds}::uuid[])
        AND EXISTS (SELECT 1 FROM certificates o WHERE o.tenant_id <> ${tenantId}::uuid AND mine.sni = ANY(o.snis))`;
    if (taken.length > 0) throw new ConflictError(`the rolled-back certificate SNI "${taken[0]?.sni}" is used by another tenant's certificate since: change that first`);
  }
}

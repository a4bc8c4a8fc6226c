import { buildContext, buildRoute, routeOptionServiceIds, type SnapshotRows } from '../config-flow/snapshot-builder';
import type { SnapshotPart } from '../resources/resource-definition';
import { byAge, byId } from '../resources/snapshot-sql';

/** Routes as snapshot items: split and fallback services checked to exist (they are stored by id). */
export const ROUTES_SNAPSHOT: SnapshotPart = {
  async load(tx, env, ids) {
    const rows = await tx.$queryRaw<SnapshotRows['routes']>`
      SELECT id::text AS id, tenant_id::text AS "tenantId", service_id::text AS "serviceId", name, paths, methods, hosts,
             strip_path AS "stripPath", options
      FROM routes ${byId('routes', ids)} ${byAge('routes')}`;
    const refs = [...new Set(rows.flatMap(routeOptionServiceIds))];
    const existing =
      refs.length === 0
        ? []
        : await tx.$queryRaw<Array<{ id: string }>>`SELECT id::text AS id FROM services WHERE id = ANY(${refs}::uuid[])`;
    const ctx = buildContext(env.tenants, [], existing.map((s) => s.id));
    return rows.map((r) => buildRoute(r, ctx));
  },
};

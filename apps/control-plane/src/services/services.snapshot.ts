import { buildContext, buildService, type SnapshotRows } from '../config-flow/snapshot-builder';
import type { SnapshotPart } from '../resources/resource-definition';
import { byAge, byId } from '../resources/snapshot-sql';

/** Services as snapshot items: `upstream://<name>` resolved to the upstream's id, defaults applied. */
export const SERVICES_SNAPSHOT: SnapshotPart = {
  async load(tx, env, ids) {
    const rows = await tx.$queryRaw<SnapshotRows['services']>`
      SELECT id::text AS id, tenant_id::text AS "tenantId", name, url, connect_timeout_ms AS "connectTimeoutMs",
             read_timeout_ms AS "readTimeoutMs", retries, options
      FROM services ${byId('services', ids)} ${byAge('services')}`;
    const tenantIds = [...new Set(rows.map((s) => s.tenantId))];
    // the names services of these tenants may address (a write to one upstream rebuilds them: see UpstreamsStore)
    const upstreams =
      tenantIds.length === 0
        ? []
        : await tx.$queryRaw<Array<{ id: string; tenantId: string; name: string }>>`
            SELECT id::text AS id, tenant_id::text AS "tenantId", name FROM upstreams WHERE tenant_id = ANY(${tenantIds}::uuid[])`;
    const ctx = buildContext(env.tenants, upstreams, []);
    return rows.map((s) => buildService(s, ctx));
  },
};

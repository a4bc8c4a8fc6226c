import { buildContext, buildUpstream, type SnapshotRows } from '../config-flow/snapshot-builder';
import type { SnapshotPart } from '../resources/resource-definition';
import { byAge, byId } from '../resources/snapshot-sql';

/** Upstreams as snapshot items: targets parsed into host and port. */
export const UPSTREAMS_SNAPSHOT: SnapshotPart = {
  async load(tx, env, ids) {
    const rows = await tx.$queryRaw<SnapshotRows['upstreams']>`
      SELECT id::text AS id, tenant_id::text AS "tenantId", name, algorithm, targets, options
      FROM upstreams ${byId('upstreams', ids)} ${byAge('upstreams')}`;
    const ctx = buildContext(env.tenants, [], []);
    return rows.map((u) => buildUpstream(u, ctx));
  },
};

import type { SnapshotPart } from '../resources/resource-definition';
import { AGE_ORDER, idIn } from '../resources/snapshot-sql';
import { slugOf } from '../resources/tenant-slugs';
import { toSnapshotPlugin } from './plugin-mapper';

/** Plugin instances as snapshot items: config stored parsed (defaults applied), scopes as ids. */
export const PLUGINS_SNAPSHOT: SnapshotPart = {
  async load(tx, env, ids) {
    const slug = slugOf(env);
    const rows = await tx.plugin.findMany({ where: idIn(ids), orderBy: AGE_ORDER });
    return rows.map((p) => toSnapshotPlugin(p, slug(p.tenantId)));
  },
};

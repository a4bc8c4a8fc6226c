import type { SnapshotPart } from '../resources/resource-definition';
import { AGE_ORDER, idIn } from '../resources/snapshot-sql';
import { slugOf } from '../resources/tenant-slugs';
import { CONSUMER_INCLUDE, toSnapshotConsumer } from './consumer-mapper';
import { toSnapshotCredential } from './credential-mapper';

/** Consumers as snapshot items, with their groups' names. */
export const CONSUMERS_SNAPSHOT: SnapshotPart = {
  async load(tx, env, ids) {
    const slug = slugOf(env);
    const rows = await tx.consumer.findMany({ where: idIn(ids), include: CONSUMER_INCLUDE, orderBy: AGE_ORDER });
    return rows.map((c) => toSnapshotConsumer(c, slug(c.tenantId)));
  },
};

/**
 * Credentials as snapshot items: secrets only hashed, or (jwt HMAC secrets) opened with AYA_SECRET_KEY and sealed
 * for gateways under AYA_CLUSTER_TOKEN: never in clear outside this process.
 */
export const CREDENTIALS_SNAPSHOT: SnapshotPart = {
  async load(tx, env, ids) {
    const slug = slugOf(env);
    const rows = await tx.credential.findMany({ where: idIn(ids), orderBy: AGE_ORDER });
    return rows.map((c) => toSnapshotCredential(c, slug(c.tenantId), (sealed) => env.box.resealForGateway(sealed)));
  },
};

import type { SnapshotConsumer, SnapshotCredential, SnapshotPlugin } from '@aya/config-schema';
import type { SecretBox } from '../certificates/secret-box';
import type { Tx } from '../db/prisma';
import { toSnapshotPlugin } from '../plugins/plugin-mapper';
import { CONSUMER_INCLUDE, toSnapshotConsumer } from './consumer-mapper';
import { toSnapshotCredential } from './credential-mapper';

export interface ConsumerItems {
  plugins: SnapshotPlugin[];
  consumers: SnapshotConsumer[];
  credentials: SnapshotCredential[];
}

/** Ids to load per kind; undefined = all of that kind, an empty list = none. */
export interface ConsumerItemIds {
  plugin?: string[];
  consumer?: string[];
  credential?: string[];
}

const ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
const where = (ids: string[] | undefined) => (ids === undefined ? {} : { id: { in: ids } });

/**
 * Plugins, consumers and credentials as snapshot items, in a stable order (created_at, id). jwt HMAC secrets are
 * opened with AYA_SECRET_KEY and sealed for gateways (AYA_CLUSTER_TOKEN): never in clear outside this process.
 */
export async function loadConsumerItems(tx: Tx, slugOf: (tenantId: string) => string, box: SecretBox, ids?: ConsumerItemIds): Promise<ConsumerItems> {
  const wanted = (list: string[] | undefined) => ids === undefined || (list !== undefined && list.length > 0);
  // sequential on purpose: an interactive transaction is one connection
  const plugins = wanted(ids?.plugin) ? await tx.plugin.findMany({ where: where(ids?.plugin), orderBy: ORDER }) : [];
  const consumers = wanted(ids?.consumer) ? await tx.consumer.findMany({ where: where(ids?.consumer), include: CONSUMER_INCLUDE, orderBy: ORDER }) : [];
  const credentials = wanted(ids?.credential) ? await tx.credential.findMany({ where: where(ids?.credential), orderBy: ORDER }) : [];
  return {
    plugins: plugins.map((p) => toSnapshotPlugin(p, slugOf(p.tenantId))),
    consumers: consumers.map((c) => toSnapshotConsumer(c, slugOf(c.tenantId))),
    credentials: credentials.map((c) => toSnapshotCredential(c, slugOf(c.tenantId), (sealed) => box.resealForGateway(sealed))),
  };
}

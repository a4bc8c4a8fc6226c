import type { Tx } from '../db/prisma';
import type { SnapshotRows } from './snapshot-builder';

const ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** Reads everything the snapshot needs, in a stable order (so equal config gives an equal hash). */
export async function loadSnapshotRows(tx: Tx): Promise<SnapshotRows> {
  // sequential on purpose: an interactive transaction is one connection
  const tenants = await tx.tenant.findMany({ select: { id: true, slug: true } });
  const services = await tx.service.findMany({
    orderBy: ORDER,
    select: { id: true, tenantId: true, name: true, url: true, connectTimeoutMs: true, readTimeoutMs: true, retries: true, options: true },
  });
  const routes = await tx.route.findMany({
    orderBy: ORDER,
    select: { id: true, tenantId: true, serviceId: true, name: true, paths: true, methods: true, hosts: true, stripPath: true, options: true },
  });
  const upstreams = await tx.upstream.findMany({
    orderBy: ORDER,
    select: { id: true, tenantId: true, name: true, algorithm: true, targets: true, options: true },
  });
  const certs = await tx.certificate.findMany({ orderBy: ORDER, select: { id: true, snis: true, cert: true, keyEncrypted: true } });
  // keys stay sealed here: see unsealSnapshot
  const certificates = certs.map((c) => ({ id: c.id, snis: c.snis ?? [], cert: c.cert, ...(c.keyEncrypted ? { key: c.keyEncrypted } : {}) }));
  return { tenants, services, routes, upstreams, certificates };
}

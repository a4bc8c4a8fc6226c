// Seeds N routes with ONE declarative apply (POST /tenants/default/config/apply): the control plane checks and
// writes them in one transaction (one revision, one delta for the gateways). Reports how long the apply request
// took and how long until both gateways serve the new revision.
import { waitRevision } from './cluster.mjs';

export async function seedRoutes(cluster, { routes, serviceName, log }) {
  const doc = { routes: Array.from({ length: routes }, (_, i) => ({ name: `seed-${i}`, service: serviceName, paths: [`/seed/${i}`] })) };
  log(`  applying ${routes} routes in one document`);
  const t0 = performance.now();
  const { status, body: result } = await cluster.api('POST', '/tenants/default/config/apply', doc);
  if (status !== 200) throw new Error(`config apply -> ${status} ${JSON.stringify(result).slice(0, 500)}`);
  const applyMs = performance.now() - t0;
  log(`  apply wrote ${result.changes.length} changes at revision ${result.revision} in ${(applyMs / 1000).toFixed(1)}s; waiting for both gateways`);
  await waitRevision(cluster, result.revision);
  const totalMs = performance.now() - t0;
  return {
    routes, via: 'config apply', revision: result.revision, changes: result.changes.length,
    applySeconds: +(applyMs / 1000).toFixed(2), routesPerSecond: Math.round(routes / (applyMs / 1000)),
    totalSecondsUntilServed: +(totalMs / 1000).toFixed(1),
  };
}

import path from 'node:path';
import { randomToken, startControlPlane, startGateway } from '../test/harness/platform';
import { createDatabaseOn, startPostgres } from '../test/harness/postgres';
import { REPO_ROOT } from '../test/harness/process';
import { useRunTmpDir } from '../test/harness/run-tmp';
import { startUpstream } from '../test/harness/upstream';

/**
 * Starts the real platform for the browser tests: embedded Postgres, the built control plane
 * serving the built console, one gateway (following the control plane over SSE, as `npm start`
 * does without Redis) and an upstream API. Exposes their URLs to the specs through env vars.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const removeRunTmp = useRunTmpDir('aya-e2e-run-');
  const pg = await startPostgres();
  const upstream = await startUpstream('upstream');
  const cp = await startControlPlane({
    databaseUrl: await createDatabaseOn(pg.adminUrl),
    // AYA_E2E_CONSOLE_DIR: a console built elsewhere (`vite build --outDir`), so a rebuild of apps/console/dist by
    // another run cannot swap the chunks under a test ("Failed to fetch dynamically imported module")
    env: { AYA_CONSOLE_DIR: process.env.AYA_E2E_CONSOLE_DIR ?? path.join(REPO_ROOT, 'apps/console/dist'), AYA_SECRET_KEY: randomToken() },
  });
  const gw = await startGateway({ controlPlaneUrl: cp.url, clusterToken: cp.clusterToken });
  if (!cp.initialAdminPassword) throw new Error(`control plane printed no initial admin password:\n${cp.logs()}`);
  process.env.AYA_E2E_CONSOLE_URL = cp.url;
  process.env.AYA_E2E_ADMIN_TOKEN = cp.adminToken;
  process.env.AYA_E2E_ADMIN_PASSWORD = cp.initialAdminPassword;
  process.env.AYA_E2E_PROXY_URL = gw.proxyUrl;
  // heartbeats of a gateway from before the nodes page's fields (console-nodes.spec.ts)
  process.env.AYA_E2E_CLUSTER_TOKEN = cp.clusterToken;
  process.env.AYA_E2E_UPSTREAM_URL = upstream.url;
  return async () => {
    await gw.stop();
    await cp.stop();
    await upstream.close();
    await pg.stop();
    removeRunTmp();
  };
}

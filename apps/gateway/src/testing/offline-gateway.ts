import { startGateway, type GatewayHandle, type GatewayOptions } from '../gateway';
import { silentLogger } from '../log';
import { closedPort } from './fixtures';

/**
 * An in-process gateway on loopback port 0 whose control plane is a closed port: it runs on the
 * last-known-good snapshot in `dataDir` (write it with `writeSnapshotFile`). `over` adds or
 * replaces options (limits, drain timeout, TLS port...).
 */
export async function startOfflineGateway(dataDir: string, over: Partial<GatewayOptions> = {}): Promise<GatewayHandle> {
  return startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: 0,
    controlPlaneUrl: `http://127.0.0.1:${await closedPort()}`,
    clusterToken: 'test-token',
    dataDir,
    logger: silentLogger,
    ...over,
  });
}

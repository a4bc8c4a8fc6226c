import { rm } from 'node:fs/promises';
import type { PluginName, SnapshotPlugin } from '@aya/config-schema';
import type { GatewayHandle, GatewayOptions } from '../gateway';
import { route, service, startUpstream, tempDir, writeSnapshotFile, type Handler, type TestUpstream } from './fixtures';
import { startOfflineGateway } from './offline-gateway';
import { plugin } from './plugin-fixtures';

/**
 * A real gateway (in process, loopback port 0) in front of one real upstream, with one route per path,
 * each with its own plugin instances (route-scoped), for the policy plugins' integration tests.
 */

export interface PolicyRoute {
  /** the route's path prefix; its id is derived from it */
  readonly path: string;
  readonly plugins: ReadonlyArray<{ readonly name: PluginName; readonly config: Record<string, unknown> }>;
}

export interface PolicyGateway {
  readonly gw: GatewayHandle;
  readonly up: TestUpstream;
  /** `http://<host>:<port><path>` of the gateway's proxy listener (host: `127.0.0.1`, or `[::1]` on an IPv6 bind) */
  url(path: string, host?: string): string;
  close(): Promise<void>;
}

function routeId(path: string): string {
  return `r${path.replace(/[^a-z0-9]/gi, '-')}`;
}

export async function startPolicyGateway(routes: readonly PolicyRoute[], upstreamHandler?: Handler, over: Partial<GatewayOptions> = {}): Promise<PolicyGateway> {
  const up = await startUpstream('up', upstreamHandler);
  const plugins: SnapshotPlugin[] = routes.flatMap((r) =>
    r.plugins.map((p, i) => plugin(`${routeId(r.path)}-${p.name}-${i}`, p.name, p.config, { routeId: routeId(r.path) })),
  );
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [service('s', { host: '127.0.0.1', port: up.port })],
    routes: routes.map((r) => route(routeId(r.path), 's', [r.path])),
    upstreams: [],
    plugins,
  });
  const gw = await startOfflineGateway(dataDir, over);
  // an IPv6 (or dual-stack) listener is reached over ::1, an IPv4 one over 127.0.0.1
  const defaultHost = (over.proxyHost ?? '').includes(':') ? '[::1]' : '127.0.0.1';
  return {
    gw,
    up,
    url: (path, host = defaultHost) => `http://${host}:${gw.proxyPort}${path}`,
    async close() {
      await gw.stop();
      await up.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

import type { SnapshotCertificate, SnapshotConsumer, SnapshotCredential, SnapshotPlugin, SnapshotRoute } from '@aya/config-schema';
import { rm } from 'node:fs/promises';
import type { GatewayHandle, GatewayOptions } from '../gateway';
import { route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from './fixtures';
import { startOfflineGateway } from './offline-gateway';
import { httpGet } from './raw-http';

/**
 * Test-only: a real gateway (offline, on a snapshot file) in front of a real echo upstream, with the auth
 * plugins, consumers and credentials a test gives (builders in plugin-fixtures). Tenant `default`, service `svc`.
 */

// the snapshot builders, re-exported so a test needs one import for the bed and its config
export { consumer, keyCredential, plugin } from './plugin-fixtures';

export interface AuthReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the upstream's echo (2xx) or the gateway's error body */
  json: { url?: string; headers?: Record<string, string | undefined>; error?: { code: string; details?: { reason?: string } } };
}

export interface AuthBed {
  readonly gw: GatewayHandle;
  readonly up: TestUpstream;
  get(path: string, headers?: Record<string, string>): Promise<AuthReply>;
  close(): Promise<void>;
}

export interface AuthBedConfig {
  routes?: SnapshotRoute[];
  plugins: SnapshotPlugin[];
  consumers?: SnapshotConsumer[];
  credentials?: SnapshotCredential[];
  certificates?: SnapshotCertificate[];
}

/** The stable reason of an auth failure (`error.details.reason`). */
export function reasonOf(r: AuthReply): string | undefined {
  return r.json.error?.details?.reason;
}

export async function startAuthBed(config: AuthBedConfig, over: Partial<GatewayOptions> = {}): Promise<AuthBed> {
  const up = await startUpstream('up');
  const dataDir = await tempDir('aya-gw-auth-');
  await writeSnapshotFile(dataDir, 1, {
    services: [service('svc', { host: '127.0.0.1', port: up.port })],
    routes: config.routes ?? [route('r', 'svc', ['/'])],
    upstreams: [],
    certificates: config.certificates ?? [],
    plugins: config.plugins,
    consumers: config.consumers ?? [],
    credentials: config.credentials ?? [],
  });
  const gw = await startOfflineGateway(dataDir, over);
  return {
    gw,
    up,
    async get(path, headers = {}) {
      const res = await httpGet(`http://127.0.0.1:${gw.proxyPort}${path}`, headers);
      const text = res.body.toString('utf8');
      return { status: res.status, headers: res.headers, json: text === '' ? {} : (JSON.parse(text) as AuthReply['json']) };
    },
    async close() {
      await gw.stop();
      await up.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

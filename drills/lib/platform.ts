import fs from 'node:fs';
import { apiClient } from '../../test/harness/api';
import { startControlPlane, startGateway, type ControlPlane, type Gateway, type GatewayOptions } from '../../test/harness/platform';
import { eventually } from '../../test/harness/ports';
import { createDatabaseOn, startPostgres, type TestPostgres } from '../../test/harness/postgres';
import { startRedis, type TestRedis } from '../../test/harness/redis';
import type { DrillContext } from './types';

export type Api = ReturnType<typeof apiClient>;

export interface Platform {
  pg: TestPostgres;
  databaseUrl: string;
  redis?: TestRedis;
  cp: ControlPlane;
  gateways: Gateway[];
  /** Admin API client (superadmin token). */
  api: Api;
  /** Starts one more gateway against this control plane (stopped and removed by the drill's cleanup). */
  addGateway(opts?: Partial<GatewayOptions>): Promise<Gateway>;
  /** Resolves once every given gateway (default: all) applied the control plane's current revision. */
  inSync(gateways?: Gateway[], timeoutMs?: number): Promise<number>;
}

export interface PlatformOptions {
  gateways?: number;
  /** Config notices over a real redis-server (default true); without it gateways follow SSE. */
  redis?: boolean;
  gatewayEnv?: Record<string, string | undefined>;
}

/**
 * The real platform for one drill: embedded Postgres, redis-server, the built control plane and
 * gateways (one process each), all stopped through `ctx.defer` when the drill ends.
 */
export async function startPlatform(ctx: DrillContext, opts: PlatformOptions = {}): Promise<Platform> {
  ctx.log('starting Postgres, Redis, control plane, gateways');
  const pg = await startPostgres();
  ctx.defer(() => pg.stop());
  const databaseUrl = await createDatabaseOn(pg.adminUrl);
  let redis: TestRedis | undefined;
  if (opts.redis !== false) {
    redis = await startRedis();
    ctx.defer(() => redis?.stop());
  }
  const cp = await startControlPlane({ databaseUrl, redisUrl: redis?.url });
  ctx.defer(() => cp.stop());
  const api = apiClient(cp.url, cp.adminToken);

  const gateways: Gateway[] = [];
  const addGateway = async (g: Partial<GatewayOptions> = {}) => {
    const gw = await startGateway({
      controlPlaneUrl: cp.url,
      clusterToken: cp.clusterToken,
      redisUrl: redis?.url,
      ...g,
      env: { ...opts.gatewayEnv, ...g.env },
    });
    ctx.defer(async () => {
      await gw.stop();
      if (!g.dataDir) fs.rmSync(gw.dataDir, { recursive: true, force: true });
    });
    gateways.push(gw);
    return gw;
  };
  for (let i = 0; i < (opts.gateways ?? 1); i++) await addGateway();

  const inSync = async (which: Gateway[] = gateways, timeoutMs = 15_000) => {
    const { body } = await api<{ revision: number }>('GET', '/api/v1/config/revision');
    await eventually(async () => {
      const revs = await Promise.all(which.map(async (gw) => (await gw.status()).revision));
      return revs.every((r) => r >= body.revision);
    }, timeoutMs);
    return body.revision;
  };
  return { pg, databaseUrl, redis, cp, gateways, api, addGateway, inSync };
}

/** An admin write that must succeed: throws with the answer otherwise. */
export async function mustWrite<T = unknown>(api: Api, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api<T>(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayNode } from '@aya/config-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, eventually, startControlPlane, startGateway, type ControlPlane, type Gateway } from '../../../../test/harness';

/**
 * A real control plane and a real gateway (two workers, proxy bound to every interface). Between them an HTTP
 * relay written here: it passes heartbeats always, and config pulls and the SSE stream until `block()`, so the
 * gateway keeps reporting while it cannot follow the config: drifting, as a gateway cut off from config
 * delivery is.
 */
interface Relay {
  url: string;
  block(): void;
  unblock(): void;
  close(): Promise<void>;
}

async function startRelay(target: string): Promise<Relay> {
  let blocked = false;
  const configStreams = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const config = (req.url ?? '').startsWith('/internal/v1/config');
    if (blocked && config) return void res.writeHead(503).end();
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
    if (config) {
      configStreams.add(res);
      res.on('close', () => configStreams.delete(res));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    block() {
      blocked = true;
      // the open SSE stream would bring the next revision's changes inline
      for (const res of configStreams) res.destroy();
    },
    unblock: () => void (blocked = false),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const STALE_AFTER_MS = 3_000;
let cp: ControlPlane;
let relay: Relay;
let gw: Gateway;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase(), env: { AYA_NODE_STALE_AFTER_MS: String(STALE_AFTER_MS) } });
  api = apiClient(cp.url, cp.adminToken);
  relay = await startRelay(cp.url);
  gw = await startGateway({ controlPlaneUrl: relay.url, clusterToken: cp.clusterToken, env: { AYA_GATEWAY_WORKERS: '2', AYA_PROXY_HOST: '0.0.0.0' } });
});

afterAll(async () => {
  await gw?.stop();
  await relay?.close();
  await cp?.stop();
});

async function theNode(): Promise<GatewayNode | undefined> {
  const { body } = await api('GET', '/api/v1/nodes');
  return (body.data as GatewayNode[])[0];
}

const nodeWhere = (test: (n: GatewayNode) => boolean, timeoutMs = 20_000) =>
  eventually(async () => {
    const n = await theNode();
    return n && test(n) && n;
  }, timeoutMs, 200);

describe('gateway nodes: what the heartbeat tells the nodes page', () => {
  it('lists the gateway in sync with its workers, start, uptime and proxy URL at the address it was seen from', async () => {
    const node = await nodeWhere((n) => n.state === 'in-sync' && n.workers === 2);
    const status = await gw.status();
    expect(node).toMatchObject({
      inSync: true,
      revisionsBehind: 0,
      address: '127.0.0.1',
      // bound to 0.0.0.0: the address the control plane saw stands in for the wildcard
      proxyUrls: [`http://127.0.0.1:${gw.proxyPort}`],
      runtime: expect.stringMatching(/^node v\d+\./),
      pid: expect.any(Number),
      // the cluster primary's start, as its /status says
      startedAt: status.startedAt,
    });
    expect(node.uptimeSeconds).toBeGreaterThanOrEqual(0);
    const later = await nodeWhere((n) => (n.uptimeSeconds ?? 0) > (node.uptimeSeconds ?? 0));
    expect(later.startedAt).toBe(node.startedAt);
  });

  it('shows the gateway drifting, and by how many revisions, while it cannot pull; in sync again once it can', async () => {
    relay.block();
    for (const name of ['drift-a', 'drift-b']) {
      expect((await api('POST', '/api/v1/tenants/default/services', { name, url: 'http://127.0.0.1:9' })).status).toBe(201);
    }
    const drifting = await nodeWhere((n) => n.state === 'drifting' && n.revisionsBehind === 2);
    expect(drifting.inSync).toBe(false);
    relay.unblock();
    await nodeWhere((n) => n.state === 'in-sync' && n.revisionsBehind === 0);
  });

  it('marks the gateway stale once its heartbeats stop, its uptime frozen at the last one', async () => {
    await gw.stop();
    const stale = await nodeWhere((n) => n.state === 'stale');
    expect(stale.inSync).toBe(false);
    const lastSeen = Date.parse(stale.lastSeenAt);
    expect(stale.uptimeSeconds).toBe(Math.floor((lastSeen - Date.parse(stale.startedAt!)) / 1000));
  });
});

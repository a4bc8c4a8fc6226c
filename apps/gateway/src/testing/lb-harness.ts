import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Snapshot, TargetHealthReport } from '@aya/config-schema';
import { Agent, request } from 'undici';
import { startGateway, type GatewayHandle, type GatewayOptions } from '../gateway';
import { silentLogger } from '../log';
import { FakeControlPlane } from './fake-control-plane';
import { closeServer, tempDir, until } from './fixtures';

export { until };

/** Test-only: a gateway fed by a FakeControlPlane, upstreams that can die and come back on their port. */

export const TOKEN = 'cluster-secret';

export interface Lab {
  cp: FakeControlPlane;
  gw: GatewayHandle;
  client: Agent;
  /** publish a new revision and wait until the gateway applied it */
  apply(snapshot: Omit<Snapshot, 'revision'>): Promise<void>;
  get(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; upstream: string; code: string; body: string }>;
  health(): Promise<TargetHealthReport[]>;
  stop(): Promise<void>;
}

/** `over`: gateway options to add or replace (e.g. `upstreamClient`). */
export async function startLab(snapshot: Omit<Snapshot, 'revision'>, over: Partial<GatewayOptions> = {}): Promise<Lab> {
  const cp = await new FakeControlPlane(TOKEN).start();
  cp.publish(snapshot);
  const gw = await startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: 0,
    controlPlaneUrl: cp.url,
    clusterToken: TOKEN,
    dataDir: await tempDir(),
    reconcileIntervalMs: 200,
    heartbeatIntervalMs: 200,
    logger: silentLogger,
    ...over,
  });
  await until(() => gw.current().revision === cp.revision, 'first config');
  const client = new Agent({ keepAliveTimeout: 1_000 });
  const lab: Lab = {
    cp,
    gw,
    client,
    async apply(s) {
      const rev = cp.publish(s);
      await gw.pull();
      await until(() => gw.current().revision >= rev, `revision ${rev}`);
    },
    async get(path, init = {}) {
      const res = await request(`http://127.0.0.1:${gw.proxyPort}${path}`, {
        method: (init.method ?? 'GET') as 'GET',
        headers: init.headers,
        body: init.body,
        dispatcher: client,
      });
      const body = await res.body.text();
      let code = '';
      if (res.statusCode >= 500 && body.startsWith('{')) code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
      return { status: res.statusCode, upstream: String(res.headers['x-upstream'] ?? ''), code, body };
    },
    async health() {
      const res = await request(`http://127.0.0.1:${gw.statusPort}/status`, { dispatcher: client });
      return ((await res.body.json()) as { health: TargetHealthReport[] }).health;
    },
    async stop() {
      await gw.stop();
      await cp.close();
      await client.close();
    },
  };
  return lab;
}

export type Mode = 'ok' | 'fail' | 'hold';

/**
 * An upstream whose behaviour the test switches: `ok` answers 200 naming itself, `fail` answers
 * 500, `hold` keeps the response until `release()`. `kill()` closes the listener and every socket;
 * `revive()` listens again on the same port.
 */
export class Target {
  mode: Mode = 'ok';
  hits = 0;
  port = 0;
  delayMs = 0;
  private server = this.makeServer();
  private held: ServerResponse[] = [];

  constructor(readonly name: string) {}

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async kill(): Promise<void> {
    for (const r of this.held.splice(0)) r.destroy();
    await closeServer(this.server);
  }

  async revive(): Promise<void> {
    this.server = this.makeServer();
    await this.start(this.port);
  }

  /** answers every held request */
  release(): void {
    for (const r of this.held.splice(0)) this.answer(r);
  }

  get holding(): number {
    return this.held.length;
  }

  private makeServer() {
    return createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      if (req.url?.startsWith('/health')) {
        res.writeHead(this.mode === 'fail' ? 500 : 200).end(this.mode === 'fail' ? 'down' : 'all ok');
        return;
      }
      this.hits++;
      if (this.mode === 'fail') {
        res.writeHead(500, { 'x-upstream': this.name }).end('boom');
      } else if (this.mode === 'hold') {
        this.held.push(res);
      } else if (this.delayMs > 0) {
        setTimeout(() => this.answer(res), this.delayMs);
      } else {
        this.answer(res);
      }
    });
  }

  private answer(res: ServerResponse): void {
    res.writeHead(200, { 'x-upstream': this.name, 'content-type': 'text/plain' }).end(`hello from ${this.name}`);
  }
}

export async function targets(...names: string[]): Promise<Target[]> {
  return Promise.all(names.map((n) => new Target(n).start()));
}

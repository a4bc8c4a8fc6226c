import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, route, service, startUpstream, tempDir, upstream, writeSnapshotFile, type TestUpstream } from './testing/fixtures';
import { startGatewayProcess } from './testing/gateway-process';

const appDir = join(__dirname, '..');
const mainJs = join(appDir, 'dist', 'main.js');
const client = new Agent();
let slow: TestUpstream;

function run(env: Record<string, string>): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [mainJs], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

beforeAll(() => {
  // the built entry is what the platform runs: test that, fresh
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(appDir, 'tsconfig.json')]);
}, 120_000);

afterAll(async () => {
  await client.close();
  await slow?.close();
});

describe('dist/main.js', () => {
  it('exits 1 with one stderr line naming a bad variable', async () => {
    const p = run({ AYA_CLUSTER_TOKEN: 't', AYA_STATUS_PORT: 'nope' });
    expect(await p.exit).toBe(1);
    expect(p.err().trim().split('\n')).toHaveLength(1);
    expect(p.err()).toContain('AYA_STATUS_PORT');
    const missing = run({});
    expect(await missing.exit).toBe(1);
    expect(missing.err()).toContain('AYA_CLUSTER_TOKEN');
  });

  it('without any config yet (no snapshot on disk, control plane not there) answers 503 AYA_GW_NOT_READY, not 404', async () => {
    const gw = await startGatewayProcess(await tempDir());
    try {
      const res = await request(`http://127.0.0.1:${gw.proxyPort}/anything`, { dispatcher: client });
      expect(res.statusCode).toBe(503);
      expect(((await res.body.json()) as { error: { code: string } }).error.code).toBe('AYA_GW_NOT_READY');
    } finally {
      await gw.stop();
    }
  });

  it('on SIGTERM stops accepting, finishes in-flight requests and exits 0; never logs the token', async () => {
    let release: () => void = () => {};
    let markStarted: () => void = () => {};
    const started = new Promise<void>((r) => (markStarted = r));
    slow = await startUpstream('slow', (req, res) => {
      req.resume();
      release = () => res.end('finished');
      markStarted();
    });
    const dataDir = await tempDir();
    await writeSnapshotFile(dataDir, 1, {
      services: [service('s', { host: '127.0.0.1', port: slow.port })],
      routes: [route('r', 's', ['/'])],
      upstreams: [],
    });
    const proxyPort = await closedPort();
    const p = run({
      AYA_CLUSTER_TOKEN: 'super-secret-token',
      AYA_PROXY_PORT: String(proxyPort),
      AYA_PROXY_HOST: '127.0.0.1',
      // the default 8443 belongs to the platform a developer may be running
      AYA_PROXY_TLS_PORT: 'off',
      AYA_STATUS_PORT: String(await closedPort()),
      AYA_CONTROL_PLANE_URL: `http://127.0.0.1:${await closedPort()}`,
      AYA_GATEWAY_DATA_DIR: dataDir,
    });
    while (!p.out().includes('ready')) {
      if (p.child.exitCode !== null) throw new Error(`gateway exited: ${p.err()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const inFlight = request(`http://127.0.0.1:${proxyPort}/work`, { dispatcher: client });
    await started;
    p.child.kill('SIGTERM');
    while (!p.out().includes('stopping')) await new Promise((r) => setTimeout(r, 10));
    release();
    const res = await inFlight;
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('finished');
    expect(await p.exit).toBe(0);
    expect(p.out()).toContain('applied config revision=1');
    expect(p.out() + p.err()).not.toContain('super-secret-token');
  });
});

describe('dist/main.js with AYA_GATEWAY_WORKERS=2', () => {
  interface Status {
    revision: number;
    nodeId: string;
    workers: { pid: number; revision: number; requests: number }[];
    health: { upstreamId: string; target: string; state: string }[];
    listeners?: { http: number; https: number | null; h2c: number | null };
  }
  const status = async (port: number): Promise<Status> => (await (await request(`http://127.0.0.1:${port}/status`, { dispatcher: client })).body.json()) as Status;
  async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
    for (;;) {
      const v = await probe().catch(() => undefined);
      if (v !== undefined && ok(v)) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('serves from both workers, reports them on one status port, restarts a dead one and drains all on SIGTERM', async () => {
    let release: () => void = () => {};
    let held = false;
    const up = await startUpstream('up', (req, res) => {
      req.resume();
      if (req.url === '/hold') {
        held = true;
        release = () => res.end('finished');
        return;
      }
      res.end(String(process.pid));
    });
    const dataDir = await tempDir();
    await writeSnapshotFile(dataDir, 3, { services: [service('s', { upstreamId: 'pool' })], routes: [route('r', 's', ['/'])], upstreams: [upstream('pool', [{ port: up.port }])] });
    const proxyPort = await closedPort();
    const statusPort = await closedPort();
    const p = run({
      AYA_CLUSTER_TOKEN: 't',
      AYA_GATEWAY_WORKERS: '2',
      AYA_PROXY_PORT: String(proxyPort),
      AYA_PROXY_HOST: '127.0.0.1',
      // the default 8443 belongs to the platform a developer may be running
      AYA_PROXY_TLS_PORT: 'off',
      AYA_STATUS_PORT: String(statusPort),
      AYA_CONTROL_PLANE_URL: `http://127.0.0.1:${await closedPort()}`,
      AYA_GATEWAY_DATA_DIR: dataDir,
    });
    try {
      await until(async () => p.out(), (o) => /info gateway: ready /.test(o));
      const first = await status(statusPort);
      expect(first.revision).toBe(3);
      expect(first.workers).toHaveLength(2);
      expect(first.workers.every((w) => w.revision === 3)).toBe(true);
      expect(first.listeners).toEqual({ http: proxyPort, https: null, h2c: null }); // what `aya start` advertises
      // one connection per request: the primary hands connections to workers in turn
      for (let i = 0; i < 20; i++) {
        const res = await request(`http://127.0.0.1:${proxyPort}/x`, { headers: { connection: 'close' }, dispatcher: new Agent({ pipelining: 0 }) });
        expect(res.statusCode).toBe(200);
        await res.body.dump();
      }
      await until(() => status(statusPort), (s) => s.workers.length === 2 && s.workers.every((w) => w.requests > 0));
      // the workers' views of the one target, merged into the node's
      expect((await status(statusPort)).health).toEqual([expect.objectContaining({ upstreamId: 'pool', target: `127.0.0.1:${up.port}`, state: 'healthy' })]);

      const victim = first.workers[0].pid;
      process.kill(victim, 'SIGKILL');
      const healed = await until(() => status(statusPort), (s) => s.workers.length === 2 && !s.workers.some((w) => w.pid === victim));
      expect(healed.workers.every((w) => w.revision === 3)).toBe(true);

      const inFlight = request(`http://127.0.0.1:${proxyPort}/hold`, { dispatcher: client });
      await until(async () => held, (h) => h);
      p.child.kill('SIGTERM');
      await until(async () => p.out(), (o) => o.includes('stopping'));
      release();
      const res = await inFlight;
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe('finished');
      expect(await p.exit).toBe(0);
    } finally {
      p.child.kill('SIGKILL');
      await up.close();
    }
  });
});

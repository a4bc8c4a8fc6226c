import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '../gateway';
import { silentLogger } from '../log';
import { FakeControlPlane } from '../testing/fake-control-plane';
import { closedPort, route, service, startUpstream, tempDir, until, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';

// `/ready` is the readiness probe of docker/k8s: 503 until a config is applied, 200 while serving,
// 503 again from the moment SIGTERM starts the drain (while /status, the liveness probe, answers).

const client = new Agent();
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await client.close();
});

const WAIT_MS = 20_000;
/** /ready's status, 0 while the status port is not up yet */
const readyStatus = (port: number): Promise<number> => get(port, '/ready').then((r) => r.status, () => 0);

async function get(port: number, path: string): Promise<{ status: number; body: unknown }> {
  const res = await request(`http://127.0.0.1:${port}${path}`, { dispatcher: client });
  return { status: res.statusCode, body: await res.body.json() };
}


/** An upstream whose `/hold` answers only when released; resolves `held` once a request waits. */
async function holdingUpstream(): Promise<{ up: TestUpstream; held: Promise<void>; release(): void }> {
  let release = (): void => {};
  let markHeld = (): void => {};
  const held = new Promise<void>((r) => (markHeld = r));
  const up = await startUpstream('hold', (req, res) => {
    req.resume();
    if (req.url !== '/hold') return void res.end('ok');
    release = () => res.end('finished');
    markHeld();
  });
  closers.push(() => up.close());
  return { up, held, release: () => release() };
}

describe('status port /ready', () => {
  it('503 no-config before the first config, 200 once applied, 503 draining during stop() while /status stays 200', async () => {
    const { up, held, release } = await holdingUpstream();
    const cp = await new FakeControlPlane('token-ready').start();
    closers.push(() => cp.close());
    const gw = await startGateway({
      proxyPort: 0,
      proxyHost: '127.0.0.1',
      statusPort: 0,
      tlsPort: null,
      controlPlaneUrl: cp.url,
      clusterToken: 'token-ready',
      dataDir: await tempDir(),
      reconcileIntervalMs: 200,
      heartbeatIntervalMs: 1_000,
      logger: silentLogger,
    });
    closers.push(() => gw.stop());

    expect(await get(gw.statusPort, '/ready')).toEqual({ status: 503, body: { status: 'no-config' } });
    cp.publish({ services: [service('s', { host: '127.0.0.1', port: up.port })], routes: [route('r', 's', ['/'])], upstreams: [] });
    await until(async () => (await readyStatus(gw.statusPort)) === 200, 'ready', WAIT_MS);
    expect(await get(gw.statusPort, '/ready')).toEqual({ status: 200, body: { status: 'ready' } });

    const inFlight = request(`http://127.0.0.1:${gw.proxyPort}/hold`, { dispatcher: client });
    await held;
    const stopped = gw.stop();
    expect(await get(gw.statusPort, '/ready')).toEqual({ status: 503, body: { status: 'draining' } });
    expect((await get(gw.statusPort, '/status')).status).toBe(200);
    release();
    const res = await inFlight;
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('finished');
    await stopped;
  });

  // what docker/k8s runs: AYA_GATEWAY_WORKERS=2, the cluster primary serving the status port
  it('dist/main.js with 2 workers: 200 once the workers serve, 503 draining from SIGTERM until exit', async () => {
    const { up, held, release } = await holdingUpstream();
    const dataDir = await tempDir();
    await writeSnapshotFile(dataDir, 1, { services: [service('s', { host: '127.0.0.1', port: up.port })], routes: [route('r', 's', ['/'])], upstreams: [] });
    const [proxyPort, statusPort, cpPort] = [await closedPort(), await closedPort(), await closedPort()];
    const child = spawn(process.execPath, [join(__dirname, '../../dist/main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        AYA_CLUSTER_TOKEN: 'token-ready',
        AYA_GATEWAY_WORKERS: '2',
        AYA_PROXY_HOST: '127.0.0.1',
        AYA_PROXY_PORT: String(proxyPort),
        AYA_PROXY_TLS_PORT: 'off',
        AYA_STATUS_PORT: String(statusPort),
        AYA_CONTROL_PLANE_URL: `http://127.0.0.1:${cpPort}`,
        AYA_GATEWAY_DATA_DIR: dataDir,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    closers.push(async () => (child.exitCode === null ? child.kill('SIGKILL') : undefined));

    await until(async () => (await readyStatus(statusPort)) === 200, 'ready', WAIT_MS);
    const inFlight = request(`http://127.0.0.1:${proxyPort}/hold`, { dispatcher: client });
    await held;
    child.kill('SIGTERM');
    await until(async () => (await readyStatus(statusPort)) === 503, 'draining', WAIT_MS);
    expect(await get(statusPort, '/ready')).toEqual({ status: 503, body: { status: 'draining' } });
    expect((await get(statusPort, '/status')).status).toBe(200);
    release();
    expect((await inFlight).statusCode).toBe(200);
    expect(await exited).toBe(0);
  });
});

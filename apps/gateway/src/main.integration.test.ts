import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from './testing/fixtures';

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

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatSchema } from '@aya/config-schema';
import { startGateway, type GatewayHandle } from '../gateway';
import { silentLogger } from '../log';
import { FakeControlPlane } from '../testing/fake-control-plane';
import { closedPort, route, service, startUpstream, tempDir, until, type TestUpstream } from '../testing/fixtures';

const TOKEN = 'cluster-secret';
const client = new Agent({ keepAliveTimeout: 1_000 });
let cp: FakeControlPlane;
let gw: GatewayHandle;
let dataDir: string;
let a: TestUpstream;
let b: TestUpstream;
let c: TestUpstream;


function snapshotTo(port: number, extraRoutes = 0) {
  return {
    services: [service('svc', { host: '127.0.0.1', port })],
    routes: [route('r', 'svc', ['/api']), ...Array.from({ length: extraRoutes }, (_, i) => route(`x${i}`, 'svc', [`/x${i}`]))],
    upstreams: [],
  };
}

async function whoAnswers(path = '/api'): Promise<string> {
  const res = await request(`http://127.0.0.1:${gw.proxyPort}${path}`, { dispatcher: client });
  await res.body.dump();
  return res.statusCode === 200 ? String(res.headers['x-upstream']) : `status ${res.statusCode}`;
}

beforeAll(async () => {
  [a, b, c] = await Promise.all([startUpstream('a'), startUpstream('b'), startUpstream('c')]);
  cp = await new FakeControlPlane(TOKEN).start();
  cp.publish(snapshotTo(a.port));
  dataDir = await tempDir();
  gw = await startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: 0,
    controlPlaneUrl: cp.url,
    clusterToken: TOKEN,
    dataDir,
    reconcileIntervalMs: 300,
    heartbeatIntervalMs: 300,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await gw?.stop();
  await cp?.close();
  await client.close();
  await Promise.all([a, b, c].map((u) => u?.close()));
});

describe('config flow against a cluster-protocol peer', () => {
  it('pulls the first revision, serves it, writes it to disk and heartbeats with the token', async () => {
    await until(() => gw.current().revision === 1, 'revision 1');
    expect(await whoAnswers()).toBe('a');
    // the swap comes first, the disk write right after it
    const readDisk = async () =>
      JSON.parse(await readFile(join(dataDir, 'snapshot.json'), 'utf8').catch(() => '{}')) as { revision?: number; hash?: string };
    await until(async () => (await readDisk()).revision === 1, 'snapshot.json at revision 1');
    const onDisk = await readDisk();
    expect(onDisk.hash).toBe(gw.current().hash);
    await until(() => cp.heartbeats.some((h) => h.revision === 1), 'a heartbeat at revision 1');
    const hb = cp.heartbeats.find((h) => h.revision === 1)!;
    expect(hb).toMatchObject({ nodeId: gw.nodeId, hash: gw.current().hash, version: expect.any(String) });
    expect(typeof hb.stats.requests).toBe('number');
    // what the nodes page shows: one process (no cluster here), its start, the listener as bound
    expect(heartbeatSchema.parse(hb)).toMatchObject({ workers: 1, pid: process.pid, runtime: `node ${process.version}`, proxyUrls: [`http://127.0.0.1:${gw.proxyPort}`] });
    expect(Date.parse(hb.startedAt!)).toBeLessThanOrEqual(Date.now());
    expect(cp.unauthorized).toBe(0);
    await until(() => cp.streamCount === 1, 'the SSE stream');
  });

  it('applies a revision announced on the SSE stream', async () => {
    const rev = cp.publish(snapshotTo(b.port));
    await until(() => gw.current().revision === rev, `revision ${rev}`);
    expect(await whoAnswers()).toBe('b');
  });

  it('applies changes that come inside the notice without pulling; refused ones make it pull', async () => {
    cp.inlineChanges = true;
    try {
      const pulls = cp.pulls + cp.deltaPulls;
      const rev = cp.publish(snapshotTo(a.port));
      await until(() => gw.current().revision === rev, `revision ${rev}`);
      expect(await whoAnswers()).toBe('a');
      expect(cp.pulls + cp.deltaPulls).toBe(pulls);

      cp.corruptInline = true;
      const deltaPulls = cp.deltaPulls;
      const next = cp.publish(snapshotTo(b.port));
      await until(() => gw.current().revision === next, `revision ${next} by a pull`);
      expect(await whoAnswers()).toBe('b');
      expect(cp.deltaPulls).toBeGreaterThan(deltaPulls);
    } finally {
      cp.inlineChanges = false;
      cp.corruptInline = false;
    }
  });

  it('keeps the old config when the hash does not verify, then converges once it does', async () => {
    const before = gw.current();
    cp.corruptHash = 'f'.repeat(64);
    const rev = cp.publish(snapshotTo(c.port));
    await until(() => gw.metrics.configFailures > 0, 'the rejection');
    expect(gw.current()).toEqual(before);
    expect(await whoAnswers()).toBe('b');
    cp.corruptHash = null;
    // no new notice: the reconcile poll repairs it
    await until(() => gw.current().revision === rev, `revision ${rev} via reconcile`);
    expect(await whoAnswers()).toBe('c');
  });

  it('swaps config under load with zero failed requests', async () => {
    let stop = false;
    let ok = 0;
    const failures: string[] = [];
    const seen = new Set<string>();
    const workers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        try {
          const res = await request(`http://127.0.0.1:${gw.proxyPort}/api/load`, { dispatcher: client });
          const body = await res.body.text();
          if (res.statusCode !== 200) failures.push(`${res.statusCode} ${body}`);
          else {
            ok++;
            seen.add(String(res.headers['x-upstream']));
          }
        } catch (err) {
          failures.push(String(err));
        }
      }
    });
    const ports = [a.port, b.port, c.port];
    let rev = 0;
    for (let i = 0; i < 12; i++) {
      const okBefore = ok;
      rev = cp.publish(snapshotTo(ports[i % 3], i * 10));
      await until(() => gw.current().revision === rev, `revision ${rev}`);
      await until(() => ok > okBefore + 20, 'traffic on the new revision');
    }
    stop = true;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(200);
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('restarts from the disk snapshot with the same node id while the control plane is down', async () => {
    const { revision, hash } = gw.current();
    const nodeId = gw.nodeId;
    await gw.stop();
    gw = await startGateway({
      proxyPort: 0,
      proxyHost: '127.0.0.1',
      statusPort: 0,
      controlPlaneUrl: `http://127.0.0.1:${await closedPort()}`,
      clusterToken: TOKEN,
      dataDir,
      logger: silentLogger,
    });
    expect(gw.current()).toEqual({ revision, hash });
    expect(gw.nodeId).toBe(nodeId);
    expect(['a', 'b', 'c']).toContain(await whoAnswers());
  });
});

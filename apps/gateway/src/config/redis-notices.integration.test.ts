import { CONFIG_CHANNEL } from '@aya/config-schema';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../../test/harness/redis';
import { startGateway, type GatewayHandle } from '../gateway';
import { silentLogger } from '../log';
import { FakeControlPlane } from '../testing/fake-control-plane';
import { route, service, startUpstream, tempDir, until, type TestUpstream } from '../testing/fixtures';

const TOKEN = 'cluster-secret';
const WAIT_MS = 20_000;
let redis: TestRedis;
let publisher: Redis;
let cp: FakeControlPlane;
let gw: GatewayHandle;
let up: TestUpstream;


const snap = (n: number) => ({
  services: [service('svc', { host: '127.0.0.1', port: up.port })],
  routes: [route('r', 'svc', [`/v${n}`])],
  upstreams: [],
});

beforeAll(async () => {
  up = await startUpstream('up');
  redis = await startRedis();
  publisher = new Redis(redis.url, { maxRetriesPerRequest: null });
  publisher.on('error', () => {}); // it reconnects by itself while the test stops Redis
  cp = await new FakeControlPlane(TOKEN).start();
  cp.publish(snap(1));
  gw = await startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: 0,
    controlPlaneUrl: cp.url,
    clusterToken: TOKEN,
    redisUrl: redis.url,
    dataDir: await tempDir(),
    // long poll: only notices can make the changes below converge in time
    reconcileIntervalMs: 600_000,
    heartbeatIntervalMs: 600_000,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await gw?.stop();
  publisher?.disconnect();
  await redis?.stop();
  await cp?.close();
  await up?.close();
});

describe('Redis notices with SSE fallback', () => {
  it('applies a revision announced on aya:config, without holding an SSE stream', async () => {
    await until(() => gw.current().revision === 1, 'revision 1', WAIT_MS);
    const rev = cp.publish(snap(2), false);
    await until(() => {
      publisher.publish(CONFIG_CHANNEL, JSON.stringify({ revision: rev, hash: 'x' })).catch(() => {});
      return gw.current().revision === rev;
    }, 'revision via redis', WAIT_MS);
    expect(cp.streamCount).toBe(0);
  });

  it('falls back to SSE while Redis is down and leaves it when Redis returns', async () => {
    await redis.stop();
    await until(() => cp.streamCount === 1, 'the SSE fallback stream', WAIT_MS);
    const rev = cp.publish(snap(3));
    await until(() => gw.current().revision === rev, 'revision via SSE', WAIT_MS);
    await redis.start();
    await until(() => cp.streamCount === 0, 'SSE closed after Redis returned', WAIT_MS);
    expect(gw.current().revision).toBe(rev);
  });
});

import { createServer, type Server } from 'node:https';
import type { ActiveHealthCheck } from '@aya/config-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCa } from '../testing/certs';
import { closeServer, listenOn } from '../testing/fixtures';
import { probeHttp } from './probes';

let server: Server;
let port: number;

beforeAll(async () => {
  const ca = createTestCa();
  const leaf = ca.issue('upstream.test', ['upstream.test']);
  server = createServer({ cert: leaf.cert, key: leaf.key }, (req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 404);
    res.end('ok');
  });
  port = await listenOn(server);
});

afterAll(async () => {
  await closeServer(server);
});

const check = (over: Partial<ActiveHealthCheck>): ActiveHealthCheck => ({
  type: 'https',
  path: '/health',
  method: 'GET',
  expectedStatuses: [200],
  bodyRegex: 'ok',
  intervalMs: 1000,
  timeoutMs: 2000,
  healthyThreshold: 1,
  unhealthyThreshold: 1,
  ...over,
});

describe('active HTTPS probes', () => {
  it('speak TLS to the target; verification is on unless turned off', async () => {
    expect(await probeHttp('127.0.0.1', port, check({ tlsVerify: false }), /ok/)).toBe(true);
    // a private CA the system does not trust: verification fails, so the target is down
    expect(await probeHttp('127.0.0.1', port, check({ tlsServerName: 'upstream.test' }), /ok/)).toBe(false);
    expect(await probeHttp('127.0.0.1', port, check({ tlsVerify: false, path: '/nope' }), null)).toBe(false);
    // plain HTTP to a TLS port is no answer at all
    expect(await probeHttp('127.0.0.1', port, check({ type: 'http' }), null)).toBe(false);
  });
});

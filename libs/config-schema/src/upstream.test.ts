import { describe, expect, it } from 'vitest';
import { heartbeatSchema } from './cluster';
import { snapshotSchema } from './snapshot';
import { upstreamCreateSchema } from './upstream';

describe('upstream schema: balancing and health fields', () => {
  it('accepts the old shape unchanged (new fields are optional)', () => {
    expect(upstreamCreateSchema.parse({ name: 'u' })).toEqual({ name: 'u', algorithm: 'round-robin', targets: [] });
  });

  it('fills defaults inside health checks and the breaker', () => {
    const u = upstreamCreateSchema.parse({
      name: 'u',
      algorithm: 'consistent-hash',
      hashOn: { type: 'header', name: 'x-user' },
      healthChecks: { active: {}, passive: {} },
      circuitBreaker: {},
    });
    expect(u.healthChecks).toEqual({
      active: { type: 'http', path: '/', method: 'GET', expectedStatuses: [], intervalMs: 5000, timeoutMs: 2000, healthyThreshold: 2, unhealthyThreshold: 2 },
      passive: { unhealthyThreshold: 5, unhealthyStatuses: [500, 502, 503, 504], cooldownMs: 30000 },
    });
    expect(u.circuitBreaker).toEqual({ failureThreshold: 5, openMs: 30000, halfOpenProbes: 1 });
  });

  it('rejects a bad hashOn and a bad body regex', () => {
    expect(upstreamCreateSchema.safeParse({ name: 'u', hashOn: { type: 'header' } }).success).toBe(false);
    expect(upstreamCreateSchema.safeParse({ name: 'u', healthChecks: { active: { bodyRegex: '(' } } }).success).toBe(false);
  });

  it('old snapshots and heartbeats stay valid', () => {
    const snap = {
      revision: 1,
      services: [{ id: 's', tenant: 't', name: 's', protocol: 'http', host: 'h', port: 1, upstreamId: null, path: '/', connectTimeoutMs: 1, readTimeoutMs: 1, retries: 0 }],
      routes: [],
      upstreams: [{ id: 'u', tenant: 't', name: 'u', algorithm: 'ip-hash', targets: [] }],
    };
    expect(snapshotSchema.parse(snap)).toEqual(snap);
    const hb = { nodeId: 'n', hostname: 'h', revision: 1, hash: 'x', version: '1', stats: {} };
    expect(heartbeatSchema.parse(hb)).toEqual(hb);
    const health = [{ upstreamId: 'u', target: 'h:1', state: 'half-open', consecutiveFailures: 2, active: 0, latencyMs: null, since: '2024-01-01T00:00:00.000Z' }];
    expect(heartbeatSchema.parse({ ...hb, health }).health).toEqual(health);
  });
});

import { snapshotSchema } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { describe, expect, it } from 'vitest';
import { SnapshotBuildError, buildSnapshot, parseTarget, type SnapshotRows } from './snapshot-builder';

const T = '00000000-0000-4000-8000-000000000001';
const rows = (): SnapshotRows => ({
  tenants: [{ id: T, slug: 'acme' }],
  upstreams: [
    {
      id: 'u1',
      tenantId: T,
      name: 'pool',
      algorithm: 'weighted-round-robin',
      targets: [
        { target: '10.0.0.1:8080', weight: 100 },
        { target: '[::1]:9000', weight: 0 },
      ],
    },
  ],
  services: [
    { id: 's1', tenantId: T, name: 'direct', url: 'https://api.example.com/v1', connectTimeoutMs: 1000, readTimeoutMs: 2000, retries: 1 },
    { id: 's2', tenantId: T, name: 'pooled', url: 'upstream://pool/base', connectTimeoutMs: null, readTimeoutMs: null, retries: null },
  ],
  routes: [
    { id: 'r1', tenantId: T, serviceId: 's2', name: 'r', paths: ['/a'], methods: ['GET'], hosts: null, stripPath: true },
  ],
});

describe('buildSnapshot', () => {
  it('resolves names to ids, parses urls and targets, applies defaults', () => {
    const snap = buildSnapshot(7, rows());
    expect(snapshotSchema.parse(snap)).toEqual(snap);
    expect(snap.revision).toBe(7);
    expect(snap.services[0]).toMatchObject({ protocol: 'https', host: 'api.example.com', port: 443, upstreamId: null, path: '/v1', tenant: 'acme' });
    expect(snap.services[1]).toMatchObject({
      protocol: 'http',
      host: null,
      port: null,
      upstreamId: 'u1',
      path: '/base',
      connectTimeoutMs: 5000,
      readTimeoutMs: 60000,
      retries: 1,
    });
    expect(snap.upstreams[0].targets).toEqual([
      { host: '10.0.0.1', port: 8080, weight: 100 },
      { host: '::1', port: 9000, weight: 0 },
    ]);
    expect(snap.routes[0]).toEqual({
      id: 'r1',
      tenant: 'acme',
      name: 'r',
      serviceId: 's2',
      paths: ['/a'],
      methods: ['GET'],
      hosts: [],
      stripPath: true,
    });
  });

  it('is deterministic: equal rows give an equal hash', () => {
    expect(snapshotHash(buildSnapshot(1, rows()))).toBe(snapshotHash(buildSnapshot(1, rows())));
    // the hash is over content: another revision of the same rows hashes the same, changed rows do not
    expect(snapshotHash(buildSnapshot(2, rows()))).toBe(snapshotHash(buildSnapshot(1, rows())));
    const changed = rows();
    changed.routes[0].stripPath = !changed.routes[0].stripPath;
    expect(snapshotHash(buildSnapshot(1, changed))).not.toBe(snapshotHash(buildSnapshot(1, rows())));
  });

  it('refuses a service pointing at a missing upstream', () => {
    const r = rows();
    r.upstreams = [];
    expect(() => buildSnapshot(1, r)).toThrow(SnapshotBuildError);
  });
});

describe('parseTarget', () => {
  it('splits host and port', () => {
    expect(parseTarget('example.com:80')).toEqual({ host: 'example.com', port: 80 });
    expect(parseTarget('[2001:db8::1]:443')).toEqual({ host: '2001:db8::1', port: 443 });
    expect(() => parseTarget('nope')).toThrow(SnapshotBuildError);
  });
});

describe('buildSnapshot options', () => {
  it('copies the options the snapshot declares, resolves split service ids, drops unknown keys', () => {
    const r = rows();
    r.services[1].options = { sendTimeoutMs: 10, retryBudget: { ratio: 0.5, windowMs: 5000, minRetries: 1 }, protocol: 'grpc', notInSnapshot: 1 };
    r.upstreams[0].options = { hashOn: { type: 'header', name: 'x-user' }, circuitBreaker: { failureThreshold: 3, openMs: 1000, halfOpenProbes: 1 } };
    r.routes[0].options = {
      priority: 5,
      headers: { 'x-v': ['2'] },
      split: { services: [{ service: 's1', weight: 1 }, { service: 's2', weight: 3 }], match: [{ header: 'x-canary', value: '1', service: 's1' }] },
      compression: { enabled: true },
    };
    const snap = buildSnapshot(1, r);
    expect(snapshotSchema.parse(snap)).toEqual(snap);
    expect(snap.services[1]).toMatchObject({ sendTimeoutMs: 10, retryBudget: { ratio: 0.5 }, protocol: 'grpc' });
    expect(snap.services[1]).not.toHaveProperty('notInSnapshot');
    expect(snap.upstreams[0].hashOn).toEqual({ type: 'header', name: 'x-user' });
    expect(snap.routes[0]).toMatchObject({
      priority: 5,
      headers: { 'x-v': ['2'] },
      split: { services: [{ serviceId: 's1', weight: 1 }, { serviceId: 's2', weight: 3 }], match: [{ header: 'x-canary', value: '1', serviceId: 's1' }] },
      compression: { enabled: true },
    });
  });

  it('leaves the hash of option-less config unchanged (no added keys)', () => {
    const r = rows();
    for (const x of [...r.services, ...r.routes, ...r.upstreams]) x.options = {};
    expect(snapshotHash(buildSnapshot(1, r))).toBe(snapshotHash(buildSnapshot(1, rows())));
    expect(Object.keys(buildSnapshot(1, r))).toEqual(['revision', 'services', 'routes', 'upstreams']);
  });

  it('refuses a split pointing at a missing service', () => {
    const r = rows();
    r.routes[0].options = { split: { services: [{ service: 'gone', weight: 1 }] } };
    expect(() => buildSnapshot(1, r)).toThrow(SnapshotBuildError);
  });
});

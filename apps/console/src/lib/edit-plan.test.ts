import { describe, expect, it } from 'vitest';
import { routeCreateSchema, upstreamCreateSchema } from '@aya/config-schema';
import { deepEqual } from './deep-equal';
import { planEdit } from './edit-plan';

const upstreamKeys = Object.keys(upstreamCreateSchema.shape);
const routeKeys = Object.keys(routeCreateSchema.shape);

describe('deepEqual', () => {
  it('ignores key order and undefined keys, not array order', () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: null }, { a: undefined })).toBe(false);
  });
});

describe('planEdit', () => {
  const healthChecks = { active: { type: 'http', path: '/healthz', method: 'GET', expectedStatuses: [], intervalMs: 1000, timeoutMs: 500, healthyThreshold: 1, unhealthyThreshold: 2 }, passive: null };
  const record = {
    id: 'u1',
    name: 'pool',
    algorithm: 'round-robin',
    targets: [{ target: 'a:1', weight: 100 }],
    healthChecks,
    circuitBreaker: null,
    createdAt: 'x',
    updatedAt: 'y',
  };

  it('sends only the changed fields as a PATCH: health checks survive an algorithm edit', () => {
    // A form that only knows name, algorithm and targets: healthChecks is neither in before nor after.
    const before = { name: 'pool', algorithm: 'round-robin', targets: [{ target: 'a:1', weight: 100 }] };
    const after = { ...before, algorithm: 'least-connections' };
    const plan = planEdit({ record, before, after, writableKeys: upstreamKeys, formKeys: ['name', 'algorithm', 'targets'] });
    expect(plan).toEqual({ method: 'PATCH', body: { algorithm: 'least-connections' } });
  });

  it('returns null when nothing changed', () => {
    const before = { name: 'pool', targets: [{ target: 'a:1', weight: 100 }] };
    expect(planEdit({ record, before, after: { ...before, targets: [{ weight: 100, target: 'a:1' }] }, writableKeys: upstreamKeys, formKeys: ['name', 'targets'] })).toBeNull();
  });

  it('clears an emptied field with its clear value in the PATCH', () => {
    const before = { name: 'pool', circuitBreaker: { failureThreshold: 5, openMs: 30000, halfOpenProbes: 1 } };
    const after = { name: 'pool' };
    const plan = planEdit({ record, before, after, writableKeys: upstreamKeys, formKeys: ['name', 'circuitBreaker'], clearValues: { circuitBreaker: null } });
    expect(plan).toEqual({ method: 'PATCH', body: { circuitBreaker: null } });
  });

  it('falls back to a PUT that carries every field the form does not own', () => {
    const route = {
      id: 'r1',
      serviceId: 's1',
      service: 'orders',
      name: 'r',
      paths: ['/a'],
      methods: [],
      hosts: [],
      stripPath: true,
      redirect: { status: 301, location: '/b' },
      // a field this form does not render
      cache: { ttlSeconds: 60 },
      createdAt: 'x',
      updatedAt: 'y',
    };
    const before = { name: 'r', service: 'orders', paths: ['/a'], redirect: { status: 301, location: '/b' } };
    const after = { name: 'r', service: 'orders', paths: ['/a', '/c'] };
    const plan = planEdit({ record: route, before, after, writableKeys: routeKeys, formKeys: ['name', 'service', 'paths', 'redirect'] });
    expect(plan?.method).toBe('PUT');
    expect(plan?.body).toEqual({ name: 'r', service: 'orders', paths: ['/a', '/c'], methods: [], hosts: [], stripPath: true, cache: { ttlSeconds: 60 } });
    // the carried body is a valid full replace
    expect(routeCreateSchema.safeParse(plan?.body).success).toBe(true);
  });
});

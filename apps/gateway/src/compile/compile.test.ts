import type { Snapshot } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { plainContext } from '../balancer/pick-context';
import { TargetHealth } from '../health/target-health';
import { compileSnapshot, upstreamPath } from './compile';
import type { StateSources } from './runtime-state';
import type { RouteMatch } from './types';

const service = (id: string, over: Partial<Snapshot['services'][number]> = {}): Snapshot['services'][number] => ({
  id,
  tenant: 't',
  name: id,
  protocol: 'http',
  host: '127.0.0.1',
  port: 9000,
  upstreamId: null,
  path: '/',
  connectTimeoutMs: 1000,
  readTimeoutMs: 2000,
  retries: 1,
  ...over,
});

const route = (id: string, serviceId: string, paths: string[], stripPath = false): Snapshot['routes'][number] => ({
  id,
  tenant: 't',
  name: id,
  serviceId,
  paths,
  methods: [],
  hosts: [],
  stripPath,
});

const ip = plainContext('10.0.0.9');

const snapshot: Snapshot = {
  revision: 3,
  services: [
    service('plain'),
    service('pooled', { host: null, port: null, upstreamId: 'up', path: '/v1/' }),
    service('dangling', { host: null, port: null, upstreamId: 'missing' }),
  ],
  routes: [route('r1', 'plain', ['/a']), route('r2', 'pooled', ['/b'], true), route('r3', 'nope', ['/c'])],
  upstreams: [
    {
      id: 'up',
      tenant: 't',
      name: 'up',
      algorithm: 'weighted-round-robin',
      targets: [
        { host: '10.0.0.1', port: 80, weight: 10 },
        { host: '::1', port: 81, weight: 0 },
      ],
    },
  ],
};

describe('compileSnapshot', () => {
  const compiled = compileSnapshot(snapshot, { revision: 3, hash: 'h' });

  it('builds a router over resolved services', () => {
    const m = compiled.router.find('GET', 'x', '/a/1') as RouteMatch;
    expect(m.route.name).toBe('r1');
    expect(m.prefix).toBe('/a');
    expect(m.route.service.readTimeoutMs).toBe(2000);
    expect(m.route.service.balancer.pick(ip)?.origin).toBe('http://127.0.0.1:9000');
  });

  it('uses upstream targets with their algorithm; drained targets are not picked but keep their pool', () => {
    const m = compiled.router.find('GET', 'x', '/b') as RouteMatch;
    expect(m.route.service.balancer.size).toBe(1);
    expect(m.route.service.balancer.pick(ip)?.origin).toBe('http://10.0.0.1:80');
    expect([...compiled.poolKeys].sort()).toEqual(['http://10.0.0.1:80#1000', 'http://127.0.0.1:9000#1000', 'http://[::1]:81#1000']);
  });

  it('skips routes to unknown services and warns, never throws', () => {
    expect(compiled.router.find('GET', 'x', '/c')).toBeUndefined();
    expect(compiled.warnings).toHaveLength(2);
    const dangling = compileSnapshot(
      { ...snapshot, routes: [route('r4', 'dangling', ['/d'])] },
      { revision: 3, hash: 'h' },
    ).router.find('GET', 'x', '/d') as RouteMatch;
    expect(dangling.route.service.balancer.pick(ip)).toBeUndefined();
  });

  it('shares live stats per origin across compiles', () => {
    const stats = new Map<string, { active: number; ewmaMs: number }>();
    const statsFor = (o: string) => stats.get(o) ?? stats.set(o, { active: 0, ewmaMs: 0 }).get(o)!;
    const a = compileSnapshot(snapshot, { revision: 3, hash: 'h', statsFor });
    const b = compileSnapshot(snapshot, { revision: 4, hash: 'h', statsFor });
    const ta = (a.router.find('GET', 'x', '/a') as RouteMatch).route.service.balancer.pick(ip);
    const tb = (b.router.find('GET', 'x', '/a') as RouteMatch).route.service.balancer.pick(ip);
    expect(ta?.stats).toBe(tb?.stats);
  });
});

describe('upstreamPath', () => {
  const svc = (path: string) => compileSnapshot(
    { ...snapshot, services: [service('s', { path })], routes: [route('r', 's', ['/api', '/w/'], true), route('k', 's', ['/keep'])] },
    { revision: 1, hash: 'h' },
  );
  const path = (servicePath: string, reqPath: string) => {
    const m = svc(servicePath).router.find('GET', 'x', reqPath) as RouteMatch;
    return upstreamPath(m.route, m.prefix, reqPath);
  };

  it('strips the matched prefix', () => {
    expect(path('/', '/api/users')).toBe('/users');
    expect(path('/', '/api')).toBe('/');
    expect(path('/', '/api/')).toBe('/');
    expect(path('/', '/w/x')).toBe('/x');
  });

  it('prepends the service path', () => {
    expect(path('/v1', '/api/users')).toBe('/v1/users');
    expect(path('/v1/', '/api/users')).toBe('/v1/users');
    expect(path('/v1', '/api')).toBe('/v1');
    expect(path('/v1', '/keep/x')).toBe('/v1/keep/x');
    expect(path('/', '/keep/x')).toBe('/keep/x');
  });
});

describe('compileSnapshot: health, timeouts, retries', () => {
  const withHealth: Snapshot = {
    ...snapshot,
    services: [service('pooled', { host: null, port: null, upstreamId: 'up', retries: 2, totalTimeoutMs: 900 })],
    routes: [route('r', 'pooled', ['/'])],
    upstreams: [
      {
        ...snapshot.upstreams[0],
        algorithm: 'consistent-hash',
        hashOn: { type: 'header', name: 'x-user' },
        healthChecks: { active: null, passive: { unhealthyThreshold: 2, unhealthyStatuses: [503], cooldownMs: 1000 } },
        circuitBreaker: null,
        targets: [
          { host: '10.0.0.1', port: 80, weight: 10 },
          { host: '10.0.0.2', port: 80, weight: 10 },
        ],
      },
    ],
  };

  it('defaults fields absent from older snapshots', () => {
    const svc = (compileSnapshot(snapshot, { revision: 1, hash: 'h' }).router.find('GET', 'x', '/a') as RouteMatch).route.service;
    expect(svc.sendTimeoutMs).toBe(60_000);
    expect(svc.totalTimeoutMs).toBe(0);
    expect(svc.retryBudget.config).toEqual({ ratio: 0.2, windowMs: 10_000, minRetries: 10 });
  });

  it('keeps health per upstream + host:port across revisions and lists every target in the plan', () => {
    const kept = new Map<string, TargetHealth>();
    const healthFor: StateSources['healthFor'] = (u, key, _h, _p, config) => {
      const h = kept.get(`${u}|${key}`) ?? new TargetHealth(u, key);
      h.setConfig(config);
      kept.set(`${u}|${key}`, h);
      return h;
    };
    const a = compileSnapshot(withHealth, { revision: 1, hash: 'h', healthFor });
    const b = compileSnapshot(withHealth, { revision: 2, hash: 'h', healthFor });
    const svcA = (a.router.find('GET', 'x', '/') as RouteMatch).route.service;
    const svcB = (b.router.find('GET', 'x', '/') as RouteMatch).route.service;
    const ctx = plainContext('1.1.1.1', '/', { 'x-user': 'alice' });
    const ta = svcA.balancer.pick(ctx)!;
    expect(svcB.balancer.pick(ctx)!.gate).toBe(ta.gate);
    expect(ta.failureStatuses.has(503)).toBe(true);
    expect(ta.failureStatuses.has(500)).toBe(false);
    // two failures: passive marks it down and both revisions skip it
    ta.gate.onResult(false, 0);
    ta.gate.onResult(false, 0);
    expect(svcB.balancer.pick(ctx)!.key).not.toBe(ta.key);
    expect(svcA.totalTimeoutMs).toBe(900);
    expect(a.healthPlan.map((p) => `${p.upstreamId}|${p.key}`)).toEqual(['up|10.0.0.1:80', 'up|10.0.0.2:80']);
  });

  it('registers the targets of an upstream no service uses yet, so they are checked and reported', () => {
    const seen: string[] = [];
    const healthFor: StateSources['healthFor'] = (u, key) => (seen.push(`${u}|${key}`), new TargetHealth(u, key));
    const snapshot: Snapshot = {
      revision: 1,
      services: [],
      routes: [],
      upstreams: [{ id: 'lonely', tenant: 't', name: 'lonely', algorithm: 'round-robin', targets: [{ host: '10.0.0.9', port: 81, weight: 100 }] }],
    };
    compileSnapshot(snapshot, { revision: 1, hash: 'h', healthFor });
    expect(seen).toEqual(['lonely|10.0.0.9:81']);
  });
});

import type { Snapshot, SnapshotCertificate } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { HealthRegistry } from '../health/health-registry';
import { PoolRegistry } from '../proxy/pool-registry';
import { RetryBudgets } from '../proxy/retry-budget';
import { route, service, upstream } from '../testing/fixtures';
import { compileSnapshot } from './compile';
import type { CompiledConfig, RuntimeRoute } from './types';

const cert = (id: string, cert = `cert-${id}`): SnapshotCertificate => ({ id, snis: [], cert, key: `key-${id}` });

function base(): Snapshot {
  return {
    revision: 1,
    services: [
      service('a', { host: '10.0.0.1', port: 80 }),
      service('b', { upstreamId: 'up' }),
      service('tls', { protocol: 'https', host: '10.0.0.3', port: 443, clientCertificateId: 'client', caCertificateId: 'ca' }),
      service('c', { host: '10.0.0.4', port: 80 }),
    ],
    routes: [
      route('ra', 'a', ['/a']),
      route('rb', 'b', ['/b']),
      route('rtls', 'tls', ['/tls']),
      route('split', 'a', ['/split'], { split: { services: [{ serviceId: 'a', weight: 1 }, { serviceId: 'c', weight: 1 }] } }),
      route('cached', 'a', ['/cached'], { cache: { ttlSeconds: 60 } }),
    ],
    upstreams: [upstream('up', [{ port: 1001 }, { port: 1002 }])],
    certificates: [cert('client'), cert('ca')],
  };
}

const at = (c: CompiledConfig, path: string): RuntimeRoute | undefined => c.router.find('GET', 'h', path)?.route;
const compile = (s: Snapshot, previous?: CompiledConfig) => compileSnapshot(s, { revision: s.revision, hash: 'h' }, previous);

describe('compileSnapshot with a previous config', () => {
  it('reuses every route and service when nothing changed, and builds the same tables', () => {
    const s = base();
    const first = compile(s);
    const second = compile({ ...s, revision: 2 }, first);
    for (const path of ['/a', '/b', '/tls', '/split', '/cached']) expect(at(second, path)).toBe(at(first, path));
    expect([...second.poolKeys]).toEqual([...first.poolKeys]);
    expect(second.warnings).toEqual(first.warnings);
    expect(second.revision).toBe(2);
  });

  it('recompiles a changed route only', () => {
    const s = base();
    const first = compile(s);
    const routes = s.routes.map((r) => (r.id === 'ra' ? { ...r, stripPath: true } : r));
    const second = compile({ ...s, routes }, first);
    expect(at(second, '/a')).not.toBe(at(first, '/a'));
    expect(at(second, '/a')?.stripPath).toBe(true);
    expect(at(second, '/a')?.service).toBe(at(first, '/a')?.service);
    expect(at(second, '/b')).toBe(at(first, '/b'));
  });

  it('a changed service recompiles it and every route that reads it (own, split), nothing else', () => {
    const s = base();
    const first = compile(s);
    const services = s.services.map((x) => (x.id === 'c' ? { ...x, port: 81 } : x));
    const second = compile({ ...s, services }, first);
    expect(at(second, '/split')).not.toBe(at(first, '/split'));
    expect(at(second, '/a')).toBe(at(first, '/a'));
    expect(at(second, '/split')?.service).toBe(at(first, '/a')?.service);
    expect([...second.poolKeys]).toContain('http://10.0.0.4:81#2000');
    expect([...second.poolKeys]).not.toContain('http://10.0.0.4:80#2000');

    // reuse follows one chain of compiles (the applied one): branch again from a fresh compile
    const services2 = s.services.map((x) => (x.id === 'a' ? { ...x, path: '/v2' } : x));
    const again = compile(s);
    const third = compile({ ...s, services: services2 }, again);
    for (const path of ['/a', '/split', '/cached']) {
      expect(at(third, path)).not.toBe(at(again, path));
      expect(at(third, path)?.service.pathPrefix).toBe('/v2');
    }
    // the cache version hashes the service too: a new service config never answers from old entries
    expect(at(third, '/cached')?.response?.version).not.toBe(at(again, '/cached')?.response?.version);
    expect(at(third, '/b')).toBe(at(again, '/b'));
  });

  it('a changed upstream recompiles the services on it and their routes', () => {
    const s = base();
    const first = compile(s);
    const second = compile({ ...s, upstreams: [upstream('up', [{ port: 1001 }, { port: 1003 }])] }, first);
    expect(at(second, '/b')).not.toBe(at(first, '/b'));
    expect(at(second, '/b')?.service.targets.map((t) => t.port)).toEqual([1001, 1003]);
    expect(at(second, '/a')).toBe(at(first, '/a'));
    expect(second.healthPlan.map((p) => p.key)).toEqual(['127.0.0.1:1001', '127.0.0.1:1003']);
  });

  it('a changed certificate recompiles the services naming it; a new certificates array alone does not', () => {
    const s = base();
    const first = compile(s);
    const [client, ca] = s.certificates ?? [];
    const same = compile({ ...s, certificates: [client, ca, cert('other')] }, first);
    expect(at(same, '/tls')).toBe(at(first, '/tls'));
    const rotated = compile({ ...s, certificates: [cert('client', 'rotated'), ca] }, same);
    expect(at(rotated, '/tls')).not.toBe(at(first, '/tls'));
    expect(at(rotated, '/tls')?.service.targets[0].endpoint?.tls?.cert).toBe('rotated');
    expect(at(rotated, '/a')).toBe(at(first, '/a'));
    const removed = compile({ ...s, certificates: [ca] }, rotated);
    expect(at(removed, '/tls')).not.toBe(at(rotated, '/tls'));
    expect(at(removed, '/tls')?.service.targets[0].endpoint?.tls?.cert).toBeUndefined();
    expect(removed.warnings.join('\n')).toMatch(/client certificate client missing/);
  });

  it('a split service that appears or disappears recompiles the route', () => {
    const s = base();
    const withMissing = { ...s, routes: [route('sp', 'a', ['/sp'], { split: { services: [{ serviceId: 'later', weight: 1 }] } })] };
    const first = compile(withMissing);
    expect(first.warnings.join('\n')).toMatch(/split service later not in snapshot/);
    const second = compile({ ...withMissing, services: [...s.services, service('later', { host: '10.0.0.9', port: 80 })] }, first);
    expect(at(second, '/sp')).not.toBe(at(first, '/sp'));
    expect(second.warnings.join('\n')).not.toMatch(/split service later/);
    const third = compile(withMissing, second);
    expect(at(third, '/sp')).not.toBe(at(second, '/sp'));
  });

  it('a changed fallback service recompiles the routes falling back to it; a fixed response is compiled once', () => {
    const s = base();
    const withFallback = {
      ...s,
      routes: [
        route('fb', 'a', ['/fb'], { fallback: { serviceId: 'c' } }),
        route('fr', 'a', ['/fr'], { fallback: { response: { status: 503, body: '{"down":true}' } } }),
      ],
    };
    const first = compile(withFallback);
    expect(at(first, '/fb')?.fallback?.service).toBe(at(first, '/fb')?.fallback?.service);
    expect(at(first, '/fb')?.fallback?.service?.id).toBe('c');
    expect(at(first, '/fr')?.fallback?.response).toMatchObject({ status: 503, contentType: 'application/json' });
    const services = s.services.map((x) => (x.id === 'c' ? { ...x, port: 81 } : x));
    const second = compile({ ...withFallback, services }, first);
    expect(at(second, '/fb')).not.toBe(at(first, '/fb'));
    expect(at(second, '/fb')?.fallback?.service?.targets[0].port).toBe(81);
    expect(at(second, '/fr')).toBe(at(first, '/fr'));
    const gone = compile({ ...withFallback, services: s.services.filter((x) => x.id !== 'c') }, second);
    expect(at(gone, '/fb')?.fallback).toBeUndefined();
    expect(gone.warnings.join('\n')).toMatch(/fallback service c not in snapshot/);
  });

  it('reuses only along one chain: what another compile from the same config used is compiled again', () => {
    const s = base();
    const first = compile(s);
    const routes = s.routes.filter((r) => r.id !== 'rb');
    compile({ ...s, routes }, first);
    // a second compile from `first`: its registries may have dropped what the other one dropped
    const branch = compile(s, first);
    expect(at(branch, '/a')).not.toBe(at(first, '/a'));
    expect(at(branch, '/b')).not.toBe(at(first, '/b'));
    expect(at(branch, '/b')?.id).toBe('rb');
  });

  it('reports the warnings of reused items again', () => {
    const s: Snapshot = { ...base(), services: [...base().services, service('d', { upstreamId: 'gone' })], routes: [...base().routes, route('bad', 'a', ['~(a+)+$'])] };
    const first = compile(s);
    expect(first.warnings.length).toBeGreaterThan(0);
    expect(compile({ ...s, revision: 2 }, first).warnings).toEqual(first.warnings);
  });

  it('reuses nothing when the state sources differ', () => {
    const s = base();
    const first = compile(s);
    const pools = new PoolRegistry();
    const second = compileSnapshot(s, { revision: 2, hash: 'h', statsFor: pools.statsFor }, first);
    expect(at(second, '/a')).not.toBe(at(first, '/a'));
    expect(at(second, '/a')?.service.targets[0].stats).toBe(pools.statsFor('http://10.0.0.1:80'));
  });

  it('reused services keep the live health, stats and budgets of the registries', async () => {
    const pools = new PoolRegistry();
    const health = new HealthRegistry();
    const budgets = new RetryBudgets();
    const options = (revision: number) => ({ revision, hash: 'h', statsFor: pools.statsFor, healthFor: health.healthFor, budgetFor: budgets.budgetFor });
    const apply = (c: CompiledConfig) => {
      pools.retain(c.poolKeys);
      health.sync(c.healthPlan);
      budgets.retain(c.serviceIds);
      return c;
    };
    const s = base();
    const first = apply(compileSnapshot(s, options(1)));
    const routes = s.routes.map((r) => (r.id === 'ra' ? { ...r, stripPath: true } : r));
    const second = apply(compileSnapshot({ ...s, routes }, options(2), first));
    const svc = at(second, '/b')?.service;
    expect(svc).toBe(at(first, '/b')?.service);
    expect(svc?.targets[0].gate).toBe(health.get('up', '127.0.0.1:1001'));
    expect(svc?.targets[0].stats).toBe(pools.statsFor('http://127.0.0.1:1001'));
    expect(svc?.retryBudget).toBe(budgets.budgetFor('b', { ratio: 0.2, windowMs: 10_000, minRetries: 10 }));
    health.stopAll();
    await pools.closeAll();
  });
});

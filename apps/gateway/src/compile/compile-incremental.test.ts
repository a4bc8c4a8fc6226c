import type { Snapshot, SnapshotCertificate, SnapshotRoute, SnapshotService, SnapshotUpstream } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { route, service, upstream } from '../testing/fixtures';
import { compileSnapshot } from './compile';
import type { CompiledConfig } from './types';
import { rng } from '../testing/measure';

const PATHS = ['/', '/a', '/a/b', '/a/:id', '=/a/b', '~^/a/(\\d+)', '/b', '=/c', '~(a+)+$'];
const REQUESTS = ['/', '/a', '/a/b', '/a/7', '/a/7/x', '/b/c', '/c', '/zz'];
const HOSTS = [undefined, 'x.com', 'y.x.com'];

class Gen {
  n = 0;
  constructor(readonly r: () => number) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  service(id: string): SnapshotService {
    const port = 80 + Math.floor(this.r() * 3);
    if (this.chance(0.3)) return service(id, { upstreamId: this.pick(['u0', 'u1', 'u2', 'gone']), path: this.pick(['/', '/v1']) });
    if (this.chance(0.3)) {
      return service(id, { protocol: 'https', host: '10.0.0.1', port, clientCertificateId: this.pick(['c0', 'c1', undefined]), caCertificateId: this.pick(['c1', 'c2', undefined]) });
    }
    return service(id, { host: '10.0.0.1', port, path: this.pick(['/', '/v1']), retries: this.pick([0, 1]) });
  }
  route(services: readonly string[]): SnapshotRoute {
    const id = `r${this.n++}`;
    const serviceId = this.chance(0.9) ? this.pick(services) : 'missing';
    return route(id, serviceId, [this.pick(PATHS), ...(this.chance(0.3) ? [this.pick(PATHS)] : [])], {
      hosts: this.chance(0.7) ? [] : [this.pick(['x.com', '*.x.com'])],
      methods: this.chance(0.8) ? [] : ['GET'],
      stripPath: this.chance(0.5),
      ...(this.chance(0.2) ? { priority: this.pick([-1, 3]) } : {}),
      ...(this.chance(0.2) ? { split: { services: [{ serviceId: this.pick(services), weight: 1 }, { serviceId: this.pick([...services, 'missing']), weight: 2 }] } } : {}),
      ...(this.chance(0.1) ? { sticky: { cookie: 'k' } } : {}),
      ...(this.chance(0.2) ? { cache: { ttlSeconds: 30 } } : {}),
    });
  }
  upstream(id: string): SnapshotUpstream {
    return upstream(id, [{ port: 1000 + Math.floor(this.r() * 4) }, ...(this.chance(0.5) ? [{ port: 1010 }] : [])], this.pick(['round-robin', 'least-connections'] as const));
  }
  cert(id: string): SnapshotCertificate {
    return { id, snis: [], cert: `cert-${id}-${this.n++}`, ...(this.chance(0.8) ? { key: `key-${id}` } : {}) };
  }
}

/** One edit of a snapshot that keeps every untouched item the same object, as the config client does. */
function edit(g: Gen, s: Snapshot): Snapshot {
  const ids = s.services.map((x) => x.id);
  const at = <T>(xs: readonly T[]) => Math.floor(g.r() * xs.length);
  const replace = <T>(xs: readonly T[], i: number, x: T) => xs.map((y, j) => (j === i ? x : y));
  const op = g.r();
  if (op < 0.2) return { ...s, routes: [...s.routes, g.route(ids)] };
  if (op < 0.35 && s.routes.length > 0) return { ...s, routes: s.routes.filter((_, j) => j !== at(s.routes)) };
  if (op < 0.55 && s.routes.length > 0) {
    const i = at(s.routes);
    return { ...s, routes: replace(s.routes, i, { ...g.route(ids), id: s.routes[i].id }) };
  }
  if (op < 0.7) {
    const i = at(s.services);
    return { ...s, services: replace(s.services, i, g.service(s.services[i].id)) };
  }
  if (op < 0.75) return { ...s, services: [...s.services, g.service(`s${g.n++}`)] };
  if (op < 0.8 && s.services.length > 1) return { ...s, services: s.services.filter((_, j) => j !== at(s.services)) };
  if (op < 0.9) {
    const i = at(s.upstreams);
    return { ...s, upstreams: g.chance(0.2) ? s.upstreams.filter((_, j) => j !== i) : replace(s.upstreams, i, g.upstream(s.upstreams[i]?.id ?? `u${i}`)) };
  }
  const certs = s.certificates ?? [];
  const i = at(certs);
  return { ...s, certificates: g.chance(0.2) ? certs.filter((_, j) => j !== i) : replace(certs, i, g.cert(certs[i]?.id ?? 'c0')) };
}

/** what a request sees of a compiled config, as plain data */
function observe(c: CompiledConfig): unknown {
  const hits: unknown[] = [];
  for (const host of HOSTS) {
    for (const path of REQUESTS) {
      const hit = c.router.find('GET', host, path);
      const r = hit?.route;
      hits.push(
        r && {
          id: r.id,
          prefix: hit.prefix,
          params: hit.params,
          stripPath: r.stripPath,
          service: r.service.id,
          pathPrefix: r.service.pathPrefix,
          retries: r.service.retries,
          targets: r.service.targets.map((t) => `${t.poolKey}/${t.weight}/${t.endpoint?.tls?.cert ?? ''}`),
          split: r.traffic?.split ? 'split' : null,
          version: r.response?.version ?? null,
        },
      );
    }
  }
  return { hits, poolKeys: [...c.poolKeys], serviceIds: [...c.serviceIds], healthPlan: c.healthPlan, warnings: c.warnings };
}

describe('incremental compile equals a compile from scratch', () => {
  it('over random add / remove / modify sequences (seeded)', () => {
    let reused = 0;
    let recompiled = 0;
    for (const seed of [11, 12, 13, 14]) {
      const g = new Gen(rng(seed));
      const services = ['s0', 's1', 's2', 's3'].map((id) => g.service(id));
      let snapshot: Snapshot = {
        revision: 1,
        services,
        routes: Array.from({ length: 20 }, () => g.route(services.map((x) => x.id))),
        upstreams: ['u0', 'u1', 'u2'].map((id) => g.upstream(id)),
        certificates: ['c0', 'c1', 'c2'].map((id) => g.cert(id)),
      };
      let compiled = compileSnapshot(snapshot, { revision: 1, hash: 'h' });
      for (let step = 0; step < 100; step++) {
        const next = { ...edit(g, snapshot), revision: step + 2 };
        const before = observe(compiled);
        // slots are keyed by snapshot object in WeakMaps shared along the chain: note them before
        const slotsBefore = next.routes.map((r) => compiled.cache?.routes.get(r));
        const incremental = compileSnapshot(next, { revision: next.revision, hash: 'h' }, compiled);
        const scratch = compileSnapshot(next, { revision: next.revision, hash: 'h' });
        const context = `seed ${seed} step ${step}`;
        expect(observe(incremental), context).toEqual(observe(scratch));
        // the previous config, still serving in-flight requests, did not change
        expect(observe(compiled), context).toEqual(before);
        next.routes.forEach((r, k) => {
          const slot = incremental.cache?.routes.get(r);
          if (slot !== undefined && slot === slotsBefore[k]) reused++;
          else recompiled++;
        });
        snapshot = next;
        compiled = incremental;
      }
    }
    // most routes are reused, and the edits above really changed some
    expect(reused).toBeGreaterThan(recompiled);
    expect(recompiled).toBeGreaterThan(0);
  });
});

import type { IncomingHttpHeaders } from 'node:http';
import type { Snapshot, SnapshotRoute } from '@aya/config-schema';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { route, service, startUpstream, upstream, type TestUpstream } from '../testing/fixtures';
import { startLab, targets, until, type Lab, type Target } from '../testing/lb-harness';

/** Real gateway, real upstream sockets: every route kind, predicates, split, sticky, rewrite, redirect, header transforms. */

interface Echo {
  name: string;
  url: string;
  headers: Record<string, string>;
}

let lab: Lab;
let a: TestUpstream;
let b: TestUpstream;
let t1: Target;
let t2: Target;

const r = (id: string, svc: string, paths: string[], over: Partial<SnapshotRoute> = {}) => route(id, svc, paths, over);

function snapshot(): Omit<Snapshot, 'revision'> {
  return {
    services: [
      service('a', { host: '127.0.0.1', port: a.port }),
      service('b', { host: '127.0.0.1', port: b.port }),
      service('b-base', { host: '127.0.0.1', port: b.port, path: '/bbase' }),
      service('pool', { upstreamId: 'up' }),
    ],
    upstreams: [{ ...upstream('up', [{ port: t1.port }, { port: t2.port }]), healthChecks: { active: null, passive: { unhealthyThreshold: 1, unhealthyStatuses: [500], cooldownMs: 60_000 } } }],
    routes: [
      r('catch-all', 'a', ['/']),
      r('exact', 'b', ['=/kinds/health']),
      r('prefix', 'a', ['/kinds']),
      r('params', 'b', ['/kinds/users/:id/orders/:orderId'], { stripPath: true }),
      r('regex', 'b', ['~^/rx/(\\d+)$']),
      r('regex-prio', 'b', ['~^/prio/(?<n>\\d+)$'], { priority: 10 }),
      r('prio-prefix', 'a', ['/prio']),
      r('hdr', 'b', ['/pred'], { headers: { 'x-version': ['v2'] } }),
      r('qry', 'b', ['/pred'], { query: { beta: true } }),
      r('pred-plain', 'a', ['/pred']),
      r('split', 'a', ['/split'], {
        split: { services: [{ serviceId: 'a', weight: 3 }, { serviceId: 'b', weight: 1 }], match: [{ header: 'x-canary', value: 'yes', serviceId: 'b' }, { cookie: 'beta', value: '1', serviceId: 'a' }] },
      }),
      r('split-base', 'a', ['/splitbase'], { split: { services: [{ serviceId: 'a', weight: 1 }], match: [{ header: 'x-canary', value: 'yes', serviceId: 'b-base' }] } }),
      r('sticky', 'pool', ['/sticky'], { sticky: { cookie: 'aya_sticky', ttlSeconds: 600 } }),
      r('rewrite', 'a', ['/old'], { rewrite: { regex: '^/old/(\\w+)/(?<rest>.*)$', replacement: '/new/$rest/$1' } }),
      ...[301, 302, 307, 308].map((status) => r(`redirect-${status}`, 'a', [`~^/go${status}/(?<slug>[a-z]+)$`], { priority: 1, redirect: { status, location: `https://example.com/${status}/$slug?from=$1` } })),
      r('headers', 'a', ['/hdrs'], {
        requestHeaders: { add: { 'x-added': 'yes' }, set: { 'x-set': 'gw' }, remove: ['x-secret'], rename: { 'x-old': 'x-new' } },
        responseHeaders: { add: { 'x-resp-added': '1' }, set: { 'content-type': 'application/x-aya' }, remove: ['x-upstream'], rename: { 'x-powered': 'x-served' } },
      }),
    ],
  };
}

async function call(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const res = await request(`http://127.0.0.1:${lab.gw.proxyPort}${path}`, { headers, dispatcher: lab.client });
  return { status: res.statusCode, headers: res.headers as IncomingHttpHeaders, body: await res.body.text() };
}

async function echo(path: string, headers: Record<string, string> = {}): Promise<Echo> {
  const res = await call(path, headers);
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as Echo;
}

beforeAll(async () => {
  a = await startUpstream('a');
  b = await startUpstream('b', (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'b', 'x-powered': 'node' });
    res.end(JSON.stringify({ name: 'b', url: req.url, headers: req.headers }));
  });
  [t1, t2] = await targets('t1', 't2');
  lab = await startLab(snapshot());
});

afterAll(async () => {
  await lab?.stop();
  await Promise.allSettled([a?.close(), b?.close(), t1?.kill(), t2?.kill()]);
});

describe('path kinds and priority', () => {
  it('exact only on the exact path, then the longest prefix / params, regex last', async () => {
    expect((await echo('/kinds/health')).name).toBe('b');
    expect((await echo('/kinds/health/x')).name).toBe('a');
    const params = await echo('/kinds/users/42/orders/7/lines');
    expect(params.name).toBe('b');
    expect(params.url).toBe('/lines');
    expect((await echo('/kinds/users/42')).name).toBe('a');
    // the catch-all prefix outranks a regex without priority
    expect((await echo('/rx/12')).name).toBe('a');
    expect((await echo('/prio/12')).name).toBe('b');
    expect((await echo('/prio/x')).name).toBe('a');
  });

  it('header and query predicates', async () => {
    expect((await echo('/pred', { 'x-version': 'v2' })).name).toBe('b');
    expect((await echo('/pred', { 'x-version': 'v1' })).name).toBe('a');
    expect((await echo('/pred?beta')).name).toBe('b');
    expect((await echo('/pred?alpha=1')).name).toBe('a');
  });
});

describe('traffic split', () => {
  it('spreads by weight and honours header / cookie overrides first', async () => {
    const counts: Record<string, number> = { a: 0, b: 0 };
    for (let i = 0; i < 200; i++) counts[(await echo('/split')).name]++;
    expect(counts.b).toBeGreaterThanOrEqual(40);
    expect(counts.b).toBeLessThanOrEqual(60);
    for (let i = 0; i < 5; i++) expect((await echo('/split', { 'x-canary': 'yes' })).name).toBe('b');
    for (let i = 0; i < 5; i++) expect((await echo('/split', { cookie: 'x=1; beta=1' })).name).toBe('a');
  });

  it("the chosen service's base path, not the route's own service's", async () => {
    expect(await echo('/splitbase/x')).toMatchObject({ name: 'a', url: '/splitbase/x' });
    expect(await echo('/splitbase/x', { 'x-canary': 'yes' })).toMatchObject({ name: 'b', url: '/bbase/splitbase/x' });
  });
});

describe('sticky sessions', () => {
  it('keeps a client on one target with an opaque cookie and moves it when that target fails', async () => {
    const first = await call('/sticky');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^aya_sticky=[A-Za-z0-9_-]{16}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    expect(setCookie).not.toContain(String(t1.port));
    const cookie = setCookie.split(';')[0];
    const owner = first.body.includes('t1') ? t1 : t2;
    const other = owner === t1 ? t2 : t1;
    for (let i = 0; i < 10; i++) {
      const res = await call('/sticky', { cookie });
      expect(res.body).toBe(`hello from ${owner.name}`);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    owner.mode = 'fail';
    expect((await call('/sticky', { cookie })).status).toBe(500);
    await until(async () => (await lab.health()).some((h) => h.target.endsWith(`:${owner.port}`) && h.state === 'unhealthy'), 'target unhealthy');
    const moved = await call('/sticky', { cookie });
    expect(moved.body).toBe(`hello from ${other.name}`);
    const newCookie = String(moved.headers['set-cookie']).split(';')[0];
    expect(newCookie).not.toBe(cookie);
    expect((await call('/sticky', { cookie: newCookie })).body).toBe(`hello from ${other.name}`);
    owner.mode = 'ok';
  });
});

describe('rewrite and redirect', () => {
  it('rewrites the upstream path with numbered and named captures, query kept', async () => {
    expect((await echo('/old/abc/x/y?q=1')).url).toBe('/new/x/y/abc?q=1');
    expect((await echo('/old')).url).toBe('/old');
  });

  it.each([301, 302, 307, 308])('answers %i itself with the expanded location', async (status) => {
    const before = a.hits;
    const res = await call(`/go${status}/hello`);
    expect(res.status).toBe(status);
    expect(res.headers.location).toBe(`https://example.com/${status}/hello?from=hello`);
    expect(a.hits).toBe(before);
  });
});

describe('header transforms', () => {
  it('adds, sets, removes and renames request and response headers', async () => {
    const res = await call('/hdrs', { 'x-set': 'client', 'x-secret': 's', 'x-old': 'v', 'x-keep': 'k' });
    const seen = (JSON.parse(res.body) as Echo).headers;
    expect(seen).toMatchObject({ 'x-added': 'yes', 'x-set': 'gw', 'x-new': 'v', 'x-keep': 'k' });
    expect(seen['x-secret']).toBeUndefined();
    expect(seen['x-old']).toBeUndefined();
    expect(res.headers['x-resp-added']).toBe('1');
    expect(res.headers['content-type']).toBe('application/x-aya');
    expect(res.headers['x-upstream']).toBeUndefined();
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('renames a response header', async () => {
    await lab.apply({ ...snapshot(), routes: [r('h2', 'b', ['/'], { responseHeaders: { rename: { 'x-powered': 'x-served' } } })] });
    const res = await call('/anything');
    expect(res.headers['x-served']).toBe('node');
    expect(res.headers['x-powered']).toBeUndefined();
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolicyGateway, type PolicyGateway } from '../../testing/policy-gateway';

/** cors through a real gateway socket and a real upstream. */
let pg: PolicyGateway;

/** The upstream answers with CORS headers of its own on /…/upstream-cors (the gateway's must win). */
function upstream(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  req.on('end', () => {
    const own = req.url?.includes('upstream-cors') === true ? { 'access-control-allow-origin': 'https://upstream.test', vary: 'Accept-Encoding' } : {};
    res.writeHead(200, { 'content-type': 'text/plain', 'x-method': req.method ?? '', ...own });
    res.end('ok');
  });
}

beforeAll(async () => {
  pg = await startPolicyGateway(
    [
      { path: '/star', plugins: [{ name: 'cors', config: {} }] },
      {
        path: '/cred',
        plugins: [
          {
            name: 'cors',
            config: {
              origins: ['https://app.example.com', 'https://*.example.org'],
              credentials: true,
              exposedHeaders: ['X-Total', 'X-Page'],
              headers: ['Content-Type', 'Authorization'],
              methods: ['GET', 'post'],
              maxAgeSeconds: 120,
            },
          },
        ],
      },
      { path: '/star-cred', plugins: [{ name: 'cors', config: { credentials: true } }] },
      { path: '/regex', plugins: [{ name: 'cors', config: { origins: ['~https://(a|b)\\.test'] } }] },
      // stored before origin regexes were checked for backtracking (an older snapshot): never compiled
      { path: '/unsafe-regex', plugins: [{ name: 'cors', config: { origins: ['~https://(a+)+\\.test'] } }] },
      { path: '/continue', plugins: [{ name: 'cors', config: { origins: ['https://app.example.com'], preflightContinue: true } }] },
      {
        path: '/denied',
        plugins: [
          { name: 'cors', config: { origins: ['https://app.example.com'] } },
          { name: 'ip-restriction', config: { deny: ['127.0.0.1'] } },
        ],
      },
    ],
    upstream,
  );
});

afterAll(async () => {
  await pg?.close();
});

type Headers = Record<string, string | string[] | undefined>;

async function call(path: string, method: string, headers: Record<string, string>): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await request(pg.url(path), { method: method as 'GET', headers });
  return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
}

function preflight(path: string, origin: string, extra: Record<string, string> = {}) {
  return call(path, 'OPTIONS', { origin, 'access-control-request-method': 'POST', ...extra });
}

function vary(h: Headers): string[] {
  const v = h.vary;
  return (Array.isArray(v) ? v.join(',') : (v ?? '')).split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
}

const CORS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers', 'access-control-max-age'];
function corsHeaders(h: Headers): string[] {
  return CORS_HEADERS.filter((n) => h[n] !== undefined);
}

describe('cors preflight', () => {
  it('is answered by the gateway with 204 and the allowed methods, echoing the requested headers', async () => {
    const before = pg.up.hits;
    const res = await preflight('/star', 'https://anywhere.test', { 'access-control-request-headers': 'x-custom, content-type' });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, PUT, PATCH, POST, DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('x-custom, content-type');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    // a 204 has no body and must not say how long it is (RFC 9110 8.6)
    expect(res.headers['content-length']).toBeUndefined();
    expect(pg.up.hits).toBe(before);
  });

  it('with credentials echoes the origin (never *), says Vary: Origin and lists the configured headers', async () => {
    const res = await preflight('/cred', 'https://app.example.com', { 'access-control-request-headers': 'authorization' });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(res.headers['access-control-allow-headers']).toBe('Content-Type, Authorization');
    expect(res.headers['access-control-max-age']).toBe('120');
    expect(vary(res.headers)).toContain('origin');
  });

  it('allows subdomains of a wildcard origin only', async () => {
    expect((await preflight('/cred', 'https://eu.api.example.org')).headers['access-control-allow-origin']).toBe('https://eu.api.example.org');
    const bare = await preflight('/cred', 'https://example.org');
    expect(bare.status).toBe(204);
    expect(corsHeaders(bare.headers)).toEqual([]);
    expect(corsHeaders((await preflight('/cred', 'https://example.org.evil.test')).headers)).toEqual([]);
  });

  it('echoes the origin for * with credentials', async () => {
    const res = await preflight('/star-cred', 'https://site.test');
    expect(res.headers['access-control-allow-origin']).toBe('https://site.test');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('matches ~regex origins against the whole origin', async () => {
    expect((await preflight('/regex', 'https://b.test')).headers['access-control-allow-origin']).toBe('https://b.test');
    expect(corsHeaders((await preflight('/regex', 'https://a.test.evil.net')).headers)).toEqual([]);
  });

  it('goes upstream with preflightContinue', async () => {
    const before = pg.up.hits;
    const res = await preflight('/continue', 'https://app.example.com');
    expect(res.status).toBe(200);
    expect(res.headers['x-method']).toBe('OPTIONS');
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(pg.up.hits).toBe(before + 1);
  });
});

describe('cors on actual requests', () => {
  it('adds the origin, credentials and exposed headers to the upstream response', async () => {
    const res = await call('/cred', 'GET', { origin: 'https://app.example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('ok');
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toBe('X-Total, X-Page');
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
    expect(vary(res.headers)).toContain('origin');
  });

  it('sends * without Vary when every origin is allowed without credentials', async () => {
    const res = await call('/star', 'GET', { origin: 'https://x.test' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(vary(res.headers)).not.toContain('origin');
  });

  it('lets a non-matching origin through without CORS headers (the browser blocks it)', async () => {
    const before = pg.up.hits;
    const res = await call('/cred', 'GET', { origin: 'https://evil.test' });
    expect(res.status).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(vary(res.headers)).toContain('origin');
    expect(pg.up.hits).toBe(before + 1);
  });

  it("replaces the upstream's own CORS headers and keeps its Vary", async () => {
    const allowed = await call('/cred/upstream-cors', 'GET', { origin: 'https://app.example.com' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(vary(allowed.headers)).toEqual(['accept-encoding', 'origin']);
    const other = await call('/cred/upstream-cors', 'GET', { origin: 'https://evil.test' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('puts CORS headers on a refusal of a later plugin so the page can read it', async () => {
    const res = await call('/denied', 'GET', { origin: 'https://app.example.com' });
    expect(res.status).toBe(403);
    expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('AYA_GW_FORBIDDEN');
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('adds nothing but Vary to a request without Origin', async () => {
    const res = await call('/cred', 'GET', {});
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(vary(res.headers)).toContain('origin');
  });
});

describe('cors with a stored unsafe origin regex', () => {
  it('fails closed with 500 AYA_GW_PLUGIN_ERROR instead of matching it (a crafted origin cannot hang the worker)', async () => {
    for (const origin of ['https://aa.test', `https://${'a'.repeat(40)}!`]) {
      const res = await call('/unsafe-regex', 'GET', { origin });
      expect(res.status).toBe(500);
      expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('AYA_GW_PLUGIN_ERROR');
    }
    expect((await call('/star', 'GET', { origin: 'https://x.test' })).status).toBe(200);
  });
});

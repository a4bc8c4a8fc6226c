import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolicyGateway, type PolicyGateway } from '../../testing/policy-gateway';

/** ip-restriction through a real dual-stack gateway socket (bound to ::) and a real upstream. */
let pg: PolicyGateway;
const V4 = '127.0.0.1';
const V6 = '[::1]';

beforeAll(async () => {
  pg = await startPolicyGateway(
    [
      { path: '/allow-loopback', plugins: [{ name: 'ip-restriction', config: { allow: ['127.0.0.0/8', '::1'] } }] },
      { path: '/deny-v4', plugins: [{ name: 'ip-restriction', config: { deny: ['127.0.0.1'] } }] },
      { path: '/allow-other', plugins: [{ name: 'ip-restriction', config: { allow: ['10.0.0.0/8'], status: 418 } }] },
      { path: '/deny-v6', plugins: [{ name: 'ip-restriction', config: { deny: ['::1/128'] } }] },
      { path: '/allow-doc-v6', plugins: [{ name: 'ip-restriction', config: { allow: ['2001:db8::/32'] } }] },
      { path: '/allow-mapped', plugins: [{ name: 'ip-restriction', config: { allow: ['::ffff:127.0.0.0/104'] } }] },
      { path: '/both', plugins: [{ name: 'ip-restriction', config: { allow: ['127.0.0.0/8'], deny: ['127.0.0.1'] } }] },
      { path: '/xff', plugins: [{ name: 'ip-restriction', config: { allow: ['203.0.113.0/24', '2001:db8::/32'], trustedProxies: ['127.0.0.1', '::1'] } }] },
      { path: '/xff-untrusted-peer', plugins: [{ name: 'ip-restriction', config: { allow: ['203.0.113.0/24'], trustedProxies: ['10.0.0.0/8'] } }] },
      { path: '/xff-deny', plugins: [{ name: 'ip-restriction', config: { deny: ['198.51.100.0/24'], trustedProxies: ['127.0.0.0/8'] } }] },
    ],
    undefined,
    { proxyHost: '::' },
  );
});

afterAll(async () => {
  await pg?.close();
});

async function call(path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; code: string | undefined }> {
  const res = await request(pg.url(path, host), { headers });
  const text = await res.body.text();
  const code = res.statusCode >= 400 ? (JSON.parse(text) as { error: { code: string } }).error.code : undefined;
  return { status: res.statusCode, code };
}

describe('ip-restriction', () => {
  it('lets an allowed IPv4 and IPv6 client through to the upstream', async () => {
    const before = pg.up.hits;
    expect(await call('/allow-loopback', V4)).toEqual({ status: 200, code: undefined });
    expect(await call('/allow-loopback', V6)).toEqual({ status: 200, code: undefined });
    expect(pg.up.hits).toBe(before + 2);
  });

  it('refuses a denied client with 403 AYA_GW_FORBIDDEN without calling the upstream', async () => {
    const before = pg.up.hits;
    expect(await call('/deny-v4', V4)).toEqual({ status: 403, code: 'AYA_GW_FORBIDDEN' });
    expect(pg.up.hits).toBe(before);
    // the same route from ::1 is another address
    expect((await call('/deny-v4', V6)).status).toBe(200);
  });

  it('answers the configured status with the same code', async () => {
    expect(await call('/allow-other', V4)).toEqual({ status: 418, code: 'AYA_GW_FORBIDDEN' });
  });

  it('matches IPv6 CIDR blocks', async () => {
    expect(await call('/deny-v6', V6)).toEqual({ status: 403, code: 'AYA_GW_FORBIDDEN' });
    expect((await call('/deny-v6', V4)).status).toBe(200);
    expect(await call('/allow-doc-v6', V6)).toEqual({ status: 403, code: 'AYA_GW_FORBIDDEN' });
  });

  it('matches an IPv4 client (an IPv4-mapped peer on a dual-stack socket) against a mapped IPv6 rule', async () => {
    expect((await call('/allow-mapped', V4)).status).toBe(200);
    expect((await call('/allow-mapped', V6)).status).toBe(403);
  });

  it('lets deny win over allow', async () => {
    expect((await call('/both', V4)).status).toBe(403);
  });

  it('judges the right-most untrusted X-Forwarded-For entry when the peer is a trusted proxy', async () => {
    expect((await call('/xff', V4, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await call('/xff', V6, { 'x-forwarded-for': '[2001:db8::5]:4430' })).status).toBe(200);
    expect((await call('/xff', V4, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(403);
    // the client put an allowed address in front; the trusted proxy appended the real one
    expect((await call('/xff', V4, { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' })).status).toBe(403);
    // a chain of trusted proxies is walked past
    expect((await call('/xff', V4, { 'x-forwarded-for': '203.0.113.7, 127.0.0.1' })).status).toBe(200);
    // no header: the peer itself (not in the allow list)
    expect((await call('/xff', V4)).status).toBe(403);
  });

  it('ignores X-Forwarded-For sent by a peer that is not a trusted proxy (spoofing)', async () => {
    expect(await call('/xff-untrusted-peer', V4, { 'x-forwarded-for': '203.0.113.7' })).toEqual({ status: 403, code: 'AYA_GW_FORBIDDEN' });
  });

  it('refuses a forwarded client address that is not an address', async () => {
    expect((await call('/xff-deny', V4, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await call('/xff-deny', V4, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(403);
    expect(await call('/xff-deny', V4, { 'x-forwarded-for': 'unknown' })).toEqual({ status: 403, code: 'AYA_GW_FORBIDDEN' });
  });
});

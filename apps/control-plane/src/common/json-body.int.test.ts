import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

// Many HTTP clients send `Content-Type: application/json` on every request. Bodiless requests carrying it used to
// answer 400 ("Body cannot be empty when content-type is set to 'application/json'").
let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const base = '/api/v1/tenants/default';

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

interface Raw {
  status: number;
  body: string;
}

/** One request as written on the socket: exactly these headers, and a body only when one is given. */
function send(method: string, path: string, headers: Record<string, string>, body?: string, token = cp.adminToken): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${cp.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_CT = { 'content-type': 'application/json' };
const errorCode = (raw: Raw): unknown => (JSON.parse(raw.body) as { error: { code: string } }).error.code;

describe('Content-Type: application/json without a body', () => {
  it('is no body at all where none is expected: DELETE, GET, HEAD, a bodiless POST action', async () => {
    expect((await api('POST', `${base}/services`, { name: 'gone', url: 'http://127.0.0.1:9' })).status).toBe(201);
    expect((await send('DELETE', `${base}/services/gone`, { ...JSON_CT, 'content-length': '0' })).status).toBe(204);
    expect((await api('GET', `${base}/services/gone`)).status).toBe(404);
    expect((await api('POST', `${base}/services`, { name: 'gone2', url: 'http://127.0.0.1:9' })).status).toBe(201);
    // chunked with no chunk: no Content-Length at all
    expect((await send('DELETE', `${base}/services/gone2`, { ...JSON_CT, 'transfer-encoding': 'chunked' })).status).toBe(204);
    expect((await send('GET', `${base}/services`, JSON_CT)).status).toBe(200);
    expect((await send('HEAD', '/api/v1/health', JSON_CT)).status).toBe(200);
    const login = await api('POST', '/api/v1/auth/login', { username: 'admin', password: cp.initialAdminPassword });
    expect(login.status).toBe(200);
    const logout = await send('POST', '/api/v1/auth/logout', { ...JSON_CT, 'content-length': '0' }, undefined, login.body.token);
    expect(logout.status).toBe(204);
  });

  it('is still a 400 AYA_CP_VALIDATION where a body is required, with or without the header', async () => {
    for (const [method, path] of [['POST', '/api/v1/tenants'], ['PUT', `${base}/upstreams/nope`], ['PATCH', '/api/v1/tenants/default']]) {
      for (const headers of [{ ...JSON_CT, 'content-length': '0' }, {}]) {
        const res = await send(method, path, headers);
        expect([method, res.status, errorCode(res)]).toEqual([method, 400, 'AYA_CP_VALIDATION']);
      }
    }
    const bad = await send('POST', '/api/v1/tenants', JSON_CT, '{"slug":');
    expect([bad.status, errorCode(bad)]).toEqual([400, 'AYA_CP_VALIDATION']);
    const ok = await send('POST', '/api/v1/tenants', JSON_CT, JSON.stringify({ slug: 'acme', name: 'Acme' }));
    expect(ok.status).toBe(201);
  });
});

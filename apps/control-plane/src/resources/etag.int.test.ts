import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { selfSigned } from '../certificates/test-certs.test-util';

let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const t = (path: string) => `/api/v1/tenants/default/${path}`;

/** A request with an optional If-Match, answering status, body and the ETag header. */
async function send(method: string, path: string, body?: unknown, ifMatch?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${cp.adminToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  const res = await fetch(`${cp.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase(), env: { AYA_SECRET_KEY: 'etag-test-secret-key-0123456789abcdef' } });
  api = apiClient(cp.url, cp.adminToken);
  expect((await api('POST', t('services'), { name: 'base', url: 'http://127.0.0.1:9' })).status).toBe(201);
  expect((await api('POST', t('consumers'), { username: 'owner' })).status).toBe(201);
});
afterAll(async () => {
  await cp?.stop();
});

interface Kind {
  name: string;
  /** the collection path */
  path: string;
  create: object;
  /** a PATCH that changes the resource */
  patch: object;
  /** a PUT body (absent: the resource has no PUT) */
  put?: object;
}

const cert = selfSigned('etag.test');
const KINDS: Kind[] = [
  { name: 'tenant', path: '/api/v1/tenants', create: { slug: 'etag-t', name: 'E' }, patch: { name: 'E2' }, put: { slug: 'etag-t', name: 'E3' } },
  { name: 'service', path: t('services'), create: { name: 'etag-s', url: 'http://127.0.0.1:1' }, patch: { retries: 3 }, put: { name: 'etag-s', url: 'http://127.0.0.1:2' } },
  { name: 'route', path: t('routes'), create: { name: 'etag-r', service: 'base', paths: ['/etag'] }, patch: { paths: ['/etag2'] }, put: { name: 'etag-r', service: 'base', paths: ['/etag3'] } },
  { name: 'upstream', path: t('upstreams'), create: { name: 'etag-u', targets: [{ target: '127.0.0.1:1' }] }, patch: { algorithm: 'least-connections' }, put: { name: 'etag-u', targets: [{ target: '127.0.0.1:2' }] } },
  { name: 'certificate', path: t('certificates'), create: { snis: ['etag.test'], cert: cert.cert, key: cert.key }, patch: { snis: ['etag.test', 'www.etag.test'] }, put: { snis: [], cert: cert.cert } },
  { name: 'plugin', path: t('plugins'), create: { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 5 }] } }, patch: { enabled: false }, put: { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 6 }] } } },
  { name: 'consumer', path: t('consumers'), create: { username: 'etag-c' }, patch: { customId: 'c-9' }, put: { username: 'etag-c' } },
  { name: 'consumer group', path: t('consumer-groups'), create: { name: 'etag-g' }, patch: { description: 'd' }, put: { name: 'etag-g' } },
  { name: 'credential', path: t('consumers/owner/credentials'), create: { type: 'key-auth' }, patch: { expiresAt: '2099-01-01T00:00:00.000Z' } },
];

describe('ETag and If-Match on every registry resource', () => {
  for (const kind of KINDS) {
    it(`${kind.name}: GET answers the ETag writes return; a stale If-Match is a 412 that changes nothing`, async () => {
      const created = await send('POST', kind.path, kind.create);
      expect(created.status).toBe(201);
      const self = `${kind.path}/${created.body.id}`;
      const read = await send('GET', self);
      expect(read.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      // the create answers the ETag of the resource's view (a credential's shown-once key is no part of it)
      expect(created.etag).toBe(read.etag);

      const patched = await send('PATCH', self, kind.patch, read.etag ?? '');
      expect(patched.status).toBe(200);
      expect(patched.etag).not.toBe(read.etag);
      expect((await send('GET', self)).etag).toBe(patched.etag);

      // the first ETag is stale now: refused, with the current one in the details and the header
      const stale = await send('PATCH', self, kind.patch, read.etag ?? '');
      expect(stale.status).toBe(412);
      expect(stale.body.error).toEqual({ code: 'AYA_CP_PRECONDITION_FAILED', message: expect.any(String), details: [{ path: '', message: `current ETag: ${patched.etag}` }] });
      expect(stale.etag).toBe(patched.etag);
      if (kind.put) expect((await send('PUT', self, kind.put, read.etag ?? '')).status).toBe(412);
      expect((await send('DELETE', self, undefined, read.etag ?? '')).status).toBe(412);
      expect((await send('GET', self)).body).toEqual(patched.body);

      // a list naming the current one, `*` and no header all go ahead; weak validators never match
      expect((await send('PATCH', self, kind.patch, `"nope", ${patched.etag}`)).status).toBe(200);
      expect((await send('PATCH', self, kind.patch, `W/${patched.etag}`)).status).toBe(412);
      expect((await send('PATCH', self, kind.patch, '*')).status).toBe(200);
      const put = kind.put ? await send('PUT', self, kind.put) : await send('PATCH', self, kind.patch);
      expect(put.status).toBe(200);
      expect((await send('DELETE', self, undefined, put.etag ?? '')).status).toBe(204);
      expect((await send('GET', self)).status).toBe(404);
    });
  }

  it('two writers with the same ETag: exactly one wins, the other gets a 412 (checked inside the write)', async () => {
    const created = await send('POST', t('services'), { name: 'race', url: 'http://127.0.0.1:1' });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send('PATCH', t('services/race'), { retries: i + 1 }, created.etag ?? '')),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200);
    expect((await send('GET', t('services/race'))).body.retries).toBe(winner?.body.retries);
  });

  it('a 404 stays a 404 whatever If-Match says', async () => {
    expect((await send('PATCH', t('services/missing'), { retries: 1 }, '*')).status).toBe(404);
  });
});

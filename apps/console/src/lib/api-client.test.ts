import { describe, expect, it } from 'vitest';
import { ApiError, ConsoleErrorCode } from './api-error';
import { callPathOn, caller, createApiClient, ifMatch, unwrap } from './api-client';
import { etagOf } from './etags';

// The console may not import node:http (module boundaries), so the "server" is a fetch function
// answering real Response objects exactly as the control plane does; the request side is recorded.
const seen: { method: string; url: string; auth: string | null; ifMatch: string | null; body: string }[] = [];

const json = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json', ...headers } });

const service = { id: 'a1', name: 'orders', url: 'http://up', connectTimeoutMs: 1, readTimeoutMs: 1, retries: 0, createdAt: 'x', updatedAt: 'x' };
const error = (code: string, details?: unknown) => ({ error: { code, message: code.toLowerCase(), details } });

async function controlPlane(request: Request): Promise<Response> {
  request.signal.throwIfAborted(); // as fetch does: an aborted call rejects with the signal's AbortError
  const url = new URL(request.url);
  const body = await request.text();
  seen.push({ method: request.method, url: `${url.pathname}${url.search}`, auth: request.headers.get('authorization'), ifMatch: request.headers.get('if-match'), body });
  if (url.hostname === 'down.invalid') throw new TypeError('fetch failed');
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /api/v1/tenants/t1/services':
      return json(200, { data: [service], next: null });
    case 'GET /api/v1/tenants/t1/services/orders':
      return json(200, service, { etag: '"v1"' });
    case 'POST /api/v1/tenants/t1/services':
      return json(201, { ...service, ...(JSON.parse(body) as object) });
    case 'DELETE /api/v1/tenants/t1/services/orders':
      return new Response(null, { status: 204 });
    case 'PATCH /api/v1/tenants/t1/services/orders':
      return request.headers.get('if-match') === '"v1"' ? json(200, service, { etag: '"v2"' }) : json(412, error('AYA_CP_PRECONDITION_FAILED'));
    case 'POST /api/v1/tenants/bad/services':
      return json(400, error('AYA_CP_VALIDATION', [{ path: 'url', message: 'must be a URL' }]));
    case 'POST /api/v1/tenants/dup/services':
      return json(409, error('AYA_CP_CONFLICT'));
    case 'GET /api/v1/auth/me':
      return json(401, error('AYA_CP_UNAUTHENTICATED'));
    default:
      return new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
  }
}

function cp(token: string | null = 'tok', baseUrl = 'http://cp.test') {
  let unauthorized = 0;
  const client = createApiClient({ baseUrl, getToken: () => token, onUnauthorized: () => unauthorized++, fetch: controlPlane });
  return { client, unauthorized: () => unauthorized };
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const tenant = { tenant: 't1' };

describe('createApiClient', () => {
  it('sends the bearer token and query, parses JSON', async () => {
    const { client } = cp();
    const page = await unwrap(client.GET('/api/v1/tenants/{tenant}/services', { params: { path: tenant, query: { limit: 10, cursor: undefined } } }));
    expect(page.data[0]?.name).toBe('orders');
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/api/v1/tenants/t1/services?limit=10', auth: 'Bearer tok' });
  });

  it('sends JSON bodies and handles 204', async () => {
    const { client } = cp();
    const created = await unwrap(client.POST('/api/v1/tenants/{tenant}/services', { params: { path: tenant }, body: { name: 'a', url: 'http://up' } }));
    expect(created).toMatchObject({ id: 'a1', name: 'a' });
    const gone = await client.DELETE('/api/v1/tenants/{tenant}/services/{id}', { params: { path: { ...tenant, id: 'orders' } } });
    expect(gone.response.status).toBe(204);
    expect(gone.data).toBeUndefined();
  });

  it('files the ETag under the record read and sends it back as If-Match', async () => {
    const { client } = cp();
    const path = { ...tenant, id: 'orders' };
    const read = await unwrap(client.GET('/api/v1/tenants/{tenant}/services/{id}', { params: { path } }));
    expect(etagOf(read)).toBe('"v1"');
    const saved = await unwrap(client.PATCH('/api/v1/tenants/{tenant}/services/{id}', { params: { path, header: ifMatch(read) }, body: { retries: 1 } }));
    expect(seen.at(-1)?.ifMatch).toBe('"v1"');
    expect(etagOf(saved)).toBe('"v2"');
    const stale = await caught(client.PATCH('/api/v1/tenants/{tenant}/services/{id}', { params: { path, header: ifMatch({}) }, body: { retries: 2 } }));
    expect(seen.at(-1)?.ifMatch).toBeNull();
    expect(stale).toMatchObject({ status: 412, code: 'AYA_CP_PRECONDITION_FAILED' });
  });

  it('throws the API error with code and field details', async () => {
    const { client } = cp();
    const body = { name: 'a', url: 'nope' };
    const err = await caught(client.POST('/api/v1/tenants/{tenant}/services', { params: { path: { tenant: 'bad' } }, body }));
    expect(err).toMatchObject({ status: 400, code: 'AYA_CP_VALIDATION', details: [{ path: 'url', message: 'must be a URL' }] });
    expect((await caught(client.POST('/api/v1/tenants/{tenant}/services', { params: { path: { tenant: 'dup' } }, body }))).isConflict).toBe(true);
  });

  it('signs out on 401 unless the call expects one', async () => {
    const c = cp();
    expect((await caught(c.client.GET('/api/v1/auth/me'))).code).toBe('AYA_CP_UNAUTHENTICATED');
    expect(c.unauthorized()).toBe(1);
    await caught(c.client.GET('/api/v1/auth/me', { ...caller({ allowUnauthenticated: true }) }));
    expect(c.unauthorized()).toBe(1);
  });

  it('lets a call override the stored token', async () => {
    const { client } = cp(null);
    await caught(client.GET('/api/v1/auth/me', { ...caller({ token: 'pasted', allowUnauthenticated: true }) }));
    expect(seen.at(-1)?.auth).toBe('Bearer pasted');
    await caught(client.GET('/api/v1/auth/me', { ...caller({ allowUnauthenticated: true }) }));
    expect(seen.at(-1)?.auth).toBeNull();
    await caught(cp('stored').client.GET('/api/v1/auth/me', { ...caller({ token: null, allowUnauthenticated: true }) }));
    expect(seen.at(-1)?.auth).toBeNull();
  });

  it('turns non-contract failures into coded errors', async () => {
    const { client } = cp();
    expect(await caught(client.GET('/api/v1/health'))).toMatchObject({ status: 502, code: 'AYA_CP_INTERNAL' });
    expect(await caught(cp(null, 'http://down.invalid').client.GET('/api/v1/health'))).toMatchObject({ status: 0, code: ConsoleErrorCode.NETWORK });
  });

  it('keeps an aborted call an AbortError (a query cancelled, not a failure)', async () => {
    const { client } = cp();
    const aborted = client.GET('/api/v1/health', { signal: AbortSignal.abort() });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('serves calls by a schema path held in a string (helpers generic over paths) through the same middleware', async () => {
    const { client } = cp();
    const list = '/api/v1/tenants/{tenant}/services';
    expect(await callPathOn(client, 'GET', list, { params: { path: { tenant: 't1' }, query: { limit: 5 } } })).toMatchObject({ next: null });
    expect(seen.at(-1)).toMatchObject({ url: '/api/v1/tenants/t1/services?limit=5', auth: 'Bearer tok' });
    await callPathOn(client, 'PATCH', `${list}/{id}`, { params: { path: { tenant: 't1', id: 'orders' }, header: { 'If-Match': '"v1"' } }, body: { retries: 1 } });
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', ifMatch: '"v1"', body: '{"retries":1}' });
    expect(await caught(callPathOn(client, 'POST', list, { params: { path: { tenant: 'dup' } }, body: {} }))).toMatchObject({ status: 409 });
  });
});

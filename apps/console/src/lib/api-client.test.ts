import { describe, expect, it } from 'vitest';
import { ApiError, ConsoleErrorCode } from './api-error';
import { createApiClient } from './api-client';

// The console may not import node:http (module boundaries), so the "server" is a fetch function
// answering real Response objects exactly as the control plane does; the request side is recorded.
const seen: { method?: string; url: string; auth?: string | null; body?: string }[] = [];

const json = (status: number, payload: unknown) =>
  new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });

async function controlPlane(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  const body = typeof init?.body === 'string' ? init.body : undefined;
  seen.push({ method: init?.method, url: `${url.pathname}${url.search}`, auth: headers.get('authorization'), body });
  if (url.hostname === 'down.invalid') throw new TypeError('fetch failed');
  switch (url.pathname) {
    case '/ok':
      return json(200, { data: [1], next: null });
    case '/created':
      return json(201, { id: 'x', ...(JSON.parse(body ?? '{}') as object) });
    case '/gone':
      return new Response(null, { status: 204 });
    case '/invalid':
      return json(400, { error: { code: 'AYA_CP_VALIDATION', message: 'Invalid', details: [{ path: 'paths.0', message: 'must start with /' }] } });
    case '/conflict':
      return json(409, { error: { code: 'AYA_CP_CONFLICT', message: 'already exists' } });
    case '/unauth':
      return json(401, { error: { code: 'AYA_CP_UNAUTHENTICATED', message: 'no' } });
    default:
      return new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
  }
}

const baseUrl = 'http://cp.test';

function client(token: string | null = 'tok') {
  let unauthorized = 0;
  const api = createApiClient({ baseUrl, getToken: () => token, onUnauthorized: () => unauthorized++, fetch: controlPlane });
  return { api, unauthorized: () => unauthorized };
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe('createApiClient', () => {
  it('sends the bearer token and query, parses JSON', async () => {
    const { api } = client();
    const res = await api.get<{ data: number[] }>('/ok', { query: { limit: 10, cursor: null } });
    expect(res.data).toEqual([1]);
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/ok?limit=10', auth: 'Bearer tok' });
  });

  it('sends JSON bodies and handles 204', async () => {
    const { api } = client();
    expect(await api.post('/created', { name: 'a' })).toEqual({ id: 'x', name: 'a' });
    expect(await api.delete('/gone')).toBeUndefined();
  });

  it('throws the API error with code and field details', async () => {
    const { api } = client();
    const err = await caught(api.post('/invalid', {}));
    expect(err).toMatchObject({ status: 400, code: 'AYA_CP_VALIDATION', details: [{ path: 'paths.0', message: 'must start with /' }] });
    expect((await caught(api.post('/conflict', {}))).isConflict).toBe(true);
  });

  it('signs out on 401 unless the call expects one', async () => {
    const c = client();
    expect((await caught(c.api.get('/unauth'))).code).toBe('AYA_CP_UNAUTHENTICATED');
    expect(c.unauthorized()).toBe(1);
    await caught(c.api.get('/unauth', { allowUnauthenticated: true }));
    expect(c.unauthorized()).toBe(1);
  });

  it('lets a call override the stored token', async () => {
    const { api } = client(null);
    await api.get('/ok', { token: 'pasted' });
    expect(seen.at(-1)?.auth).toBe('Bearer pasted');
    await api.get('/ok');
    expect(seen.at(-1)?.auth).toBeNull();
  });

  it('turns non-contract failures into coded errors', async () => {
    const { api } = client();
    expect(await caught(api.get('/html'))).toMatchObject({ status: 502, code: 'AYA_CP_INTERNAL' });
    const down = createApiClient({ baseUrl: 'http://down.invalid', getToken: () => null, onUnauthorized: () => undefined, fetch: controlPlane });
    expect(await caught(down.get('/x'))).toMatchObject({ status: 0, code: ConsoleErrorCode.NETWORK });
  });
});

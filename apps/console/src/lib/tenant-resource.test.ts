import { QueryClient } from '@tanstack/react-query';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The generic helpers call the console's own client (lib/api-client.ts), so the "control plane" is the fetch it
// finds (a function answering real Responses as the admin API does) and the client is built against its origin.
const seen: string[] = [];
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', etag: '"e1"' } });

async function controlPlane(request: Request): Promise<Response> {
  const url = new URL(request.url);
  seen.push(`${url.pathname}${url.search}`);
  const item = (id: string) => ({ id, name: decodeURIComponent(id) });
  const page = url.pathname.match(/^\/api\/v1\/tenants\/[^/]+\/(services|routes)$/);
  if (page) {
    const cursor = url.searchParams.get('cursor');
    return cursor ? json({ data: [item('s3')], next: null }) : json({ data: [item('s1'), item('s2')], next: 'c2' });
  }
  const credentials = url.pathname.match(/^\/api\/v1\/tenants\/[^/]+\/consumers\/([^/]+)\/credentials$/);
  if (credentials) return json({ data: [item(`cred-of-${credentials[1]}`)], next: null });
  const one = url.pathname.match(/^\/api\/v1\/tenants\/[^/]+\/(services|routes)\/([^/]+)$/);
  if (one?.[2]) return json(item(one[2]));
  return new Response(null, { status: 404 });
}

let helpers: typeof import('./tenant-resource');
let etags: typeof import('./etags');
let api: typeof import('./api-client');

beforeAll(async () => {
  vi.stubEnv('VITE_API_BASE', 'http://cp.test');
  vi.stubGlobal('fetch', controlPlane);
  helpers = await import('./tenant-resource');
  etags = await import('./etags');
  api = await import('./api-client');
});

describe('tenant collection helpers on schema paths', () => {
  it('read one item at its path, encoded, with the ETag filed under it', async () => {
    const queries = new QueryClient();
    const route = await queries.fetchQuery(helpers.tenantItemQueryOptions('t 1', '/api/v1/tenants/{tenant}/routes/{id}', 'r/1'));
    expect(seen.at(-1)).toBe('/api/v1/tenants/t%201/routes/r%2F1');
    expect(route.name).toBe('r/1');
    expect(etags.etagOf(route)).toBe('"e1"');
  });

  it('walks every page with the cursor, path parameters filled in', async () => {
    const services = await helpers.fetchAllPages('/api/v1/tenants/{tenant}/services', { tenant: 't1' });
    expect(services.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(seen.slice(-2)).toEqual(['/api/v1/tenants/t1/services?limit=500', '/api/v1/tenants/t1/services?limit=500&cursor=c2']);
    const creds = await helpers.fetchAllPages('/api/v1/tenants/{tenant}/consumers/{consumer}/credentials', { tenant: 't1', consumer: 'ann' });
    expect(creds.map((c) => c.id)).toEqual(['cred-of-ann']);
  });

  it('sends If-Match for an item seen in a list only while it is still as seen', async () => {
    const path = { tenant: 't1', id: 'r1' };
    const read = () => api.client.GET('/api/v1/tenants/{tenant}/routes/{id}', { params: { path } });
    expect(await helpers.ifMatchAsSeen(read(), { id: 'r1', name: 'r1' })).toEqual({ 'If-Match': '"e1"' });
    const stale = await helpers.ifMatchAsSeen(read(), { id: 'r1', name: 'renamed since' }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 412, code: 'AYA_CP_PRECONDITION_FAILED' });
  });
});

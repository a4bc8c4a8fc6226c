import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { createApiClient, unwrap } from './api-client';
import { apiErrorToFormErrors } from './form-errors';
import { ifMatchAsSeen, sendEdit } from './tenant-resource';
import { openedRecord } from './use-opened-record';

// The console may not import node:http (module boundaries): the "control plane" is a fetch function answering
// real Responses the way the admin API does for one route: an ETag per version, If-Match checked on writes.
interface RouteView {
  id: string;
  name: string;
  paths: string[];
  stripPath: boolean;
}

function controlPlane() {
  let route: RouteView = { id: 'r1', name: 'orders', paths: ['/orders'], stripPath: false };
  let version = 1;
  const writes: { method: string; ifMatch: string | null; body: string }[] = [];
  const etag = () => `"v${version}"`;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', etag: etag() } });
  async function fetch(request: Request): Promise<Response> {
    if (request.method === 'GET') return json(200, route);
    const body = await request.text();
    const ifMatch = request.headers.get('if-match');
    writes.push({ method: request.method, ifMatch, body });
    if (ifMatch !== null && ifMatch !== etag()) {
      return new Response(JSON.stringify({ error: { code: 'AYA_CP_PRECONDITION_FAILED', message: `ETag is ${etag()}` } }), { status: 412 });
    }
    route = { ...route, ...(JSON.parse(body) as Partial<RouteView>) };
    version++;
    return json(200, route);
  }
  const client = createApiClient({ baseUrl: 'http://cp.test', getToken: () => 'tok', onUnauthorized: () => undefined, fetch });
  const params = { path: { tenant: 't1', id: 'r1' } };
  return {
    client,
    writes,
    params: params.path,
    read: () => unwrap(client.GET(ROUTE, { params })) as Promise<RouteView>,
    save: (body: Partial<RouteView>, header: { 'If-Match'?: string } = {}) => unwrap(client.PATCH(ROUTE, { params: { ...params, header }, body })),
  };
}

const ROUTE = '/api/v1/tenants/{tenant}/routes/{id}';
const EDIT = { writableKeys: ['name', 'paths', 'stripPath'], formKeys: ['name', 'paths', 'stripPath'] };

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe('an edit form saves against the version it opened', () => {
  it('keeps the record it opened while the cache refetches a newer one, and takes a new one when another id opens', () => {
    const v1 = { id: 'r1', name: 'a' };
    const v2 = { id: 'r1', name: 'b' };
    const other = { id: 'r2', name: 'c' };
    expect(openedRecord(undefined, undefined)).toBeUndefined();
    expect(openedRecord(undefined, v1)).toBe(v1);
    expect(openedRecord(v1, v2)).toBe(v1);
    expect(openedRecord(v1, undefined)).toBe(v1);
    expect(openedRecord(v1, other)).toBe(other);
  });

  it('sends If-Match of the opened record: a save after someone else saved is refused (412), not written over', async () => {
    const cp = controlPlane();
    const opened = await cp.read(); // tab 1 opens the form (v1)
    // tab 2 saves in between, and tab 1's cache refetches the new version in the background
    await cp.save({ name: 'by-tab-2' });
    const refetched = await cp.read();

    const before = { name: 'orders', paths: ['/orders'], stripPath: false };
    const input = { ...before, stripPath: true };
    const stale = await refusal(sendEdit(cp.client, ROUTE, cp.params, { id: 'r1', record: openedRecord(opened, refetched) as object, before, input }, EDIT));
    expect(stale).toMatchObject({ status: 412, code: 'AYA_CP_PRECONDITION_FAILED' });
    expect(cp.writes.at(-1)).toMatchObject({ method: 'PATCH', ifMatch: '"v1"', body: JSON.stringify({ stripPath: true }) });
    // the form says so with its reload action, in words (the server's message names ETags)
    expect(apiErrorToFormErrors(stale, ['name', 'paths', 'stripPath'])).toMatchObject({ stale: true, fields: {} });
    expect(stale.message).not.toContain('ETag');

    // reloaded: the form opens the new version and its save goes through with that version's ETag
    const saved = await sendEdit<RouteView, typeof before>(cp.client, ROUTE, cp.params, { id: 'r1', record: refetched, before: { ...before, name: 'by-tab-2' }, input: { ...before, name: 'by-tab-2', stripPath: true } }, EDIT);
    expect(cp.writes.at(-1)).toMatchObject({ ifMatch: '"v2"' });
    expect(saved).toMatchObject({ name: 'by-tab-2', stripPath: true });
  });

  it('an unchanged form sends nothing', async () => {
    const cp = controlPlane();
    const opened = await cp.read();
    const values = { name: 'orders', paths: ['/orders'], stripPath: false };
    await sendEdit(cp.client, ROUTE, cp.params, { id: 'r1', record: opened, before: values, input: values }, EDIT);
    expect(cp.writes).toEqual([]);
  });
});

describe('a write on an item seen in a list (no ETag of its own)', () => {
  it('uses the ETag of the item as read now when it is still what the user saw', async () => {
    const cp = controlPlane();
    const seen = await cp.read();
    const header = await ifMatchAsSeen(cp.client.GET(ROUTE, { params: { path: cp.params } }), { ...seen });
    expect(header).toEqual({ 'If-Match': '"v1"' });
    await cp.save({ stripPath: true }, header);
    expect(cp.writes.at(-1)).toMatchObject({ ifMatch: '"v1"' });
  });

  it('refuses (412) without writing when the item changed since it was seen', async () => {
    const cp = controlPlane();
    const seen = await cp.read();
    await cp.save({ name: 'renamed' });
    const stale = await refusal(ifMatchAsSeen(cp.client.GET(ROUTE, { params: { path: cp.params } }), seen));
    expect(stale).toMatchObject({ status: 412, code: 'AYA_CP_PRECONDITION_FAILED' });
    expect(cp.writes).toHaveLength(1);
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../proxy/limits';
import { startPolicyGateway, type PolicyGateway } from '../../testing/policy-gateway';

/** response-transformer through a real gateway socket and a real upstream that answers by path. */
let pg: PolicyGateway;

/** over the gateway's body limit in this test (BODY_LIMIT) */
const BODY_LIMIT = 64 * 1024;
const BIG = Buffer.alloc(4 * BODY_LIMIT, 7);
const DOC = JSON.stringify({ secret: 's3cret', id: 7, name: 'widget', tags: ['a'] });

function upstream(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const url = req.url ?? '';
  const common = { 'x-internal': 'node-3', 'x-keep': 'k', 'set-cookie': ['a=1', 'b=2'] };
  if (url.endsWith('/json')) res.writeHead(200, { ...common, 'content-type': 'application/json', 'content-length': Buffer.byteLength(DOC), etag: '"v1"' }).end(DOC);
  else if (url.endsWith('/chunked')) {
    res.writeHead(201, { ...common, 'content-type': 'application/vnd.api+json' });
    res.write(DOC.slice(0, 10));
    res.end(DOC.slice(10));
  } else if (url.endsWith('/gzip')) res.writeHead(200, { ...common, 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(DOC));
  else if (url.endsWith('/big')) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(BIG);
  else if (url.endsWith('/big-json')) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pad: BIG.toString('hex') }));
  else if (url.endsWith('/garbage')) res.writeHead(200, { ...common, 'content-type': 'application/json' }).end('{"secret": ');
  else res.writeHead(200, { ...common, 'content-type': 'text/plain' }).end('{"secret":"in text"}');
}

beforeAll(async () => {
  pg = await startPolicyGateway(
    [
      {
        path: '/r',
        plugins: [
          {
            name: 'response-transformer',
            config: {
              remove: { headers: ['x-internal'], json: ['secret'] },
              rename: { headers: ['x-keep:x-kept'], json: ['name:title'] },
              replace: { json: ['id:"seven"'] },
              add: { headers: ['x-served-by:aya', 'x-kept:not-added'], json: ['gateway:true'] },
              append: { headers: ['set-cookie:c=3'], json: ['tags:b'] },
            },
          },
        ],
      },
      { path: '/h', plugins: [{ name: 'response-transformer', config: { remove: { headers: ['x-internal'] } } }] },
    ],
    upstream,
    { limits: { ...DEFAULT_LIMITS, maxBodyBytes: BODY_LIMIT } },
  );
});

afterAll(async () => {
  await pg?.close();
});

async function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const res = await request(pg.url(path));
  return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
}

const EDITED = { id: 'seven', title: 'widget', tags: ['a', 'b'], gateway: true };

describe('response-transformer', () => {
  it('edits headers and the JSON body, with Content-Length following', async () => {
    const res = await get('/r/json');
    expect(res.status).toBe(200);
    expect(res.headers['x-internal']).toBeUndefined();
    expect(res.headers['x-keep']).toBeUndefined();
    expect(res.headers['x-kept']).toBe('k');
    expect(res.headers['x-served-by']).toBe('aya');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2', 'c=3']);
    expect(JSON.parse(res.body.toString())).toEqual(EDITED);
    expect(res.headers['content-length']).toBe(String(res.body.length));
    // the bytes changed: a strong validator of the upstream's would be a lie
    expect(res.headers.etag).toBe('W/"v1"');
  });

  it('edits a chunked +json body', async () => {
    const res = await get('/r/chunked');
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body.toString())).toEqual(EDITED);
  });

  it('leaves compressed, unparsable and non-JSON bodies as the upstream sent them (headers still edited)', async () => {
    const gz = await get('/r/gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(DOC));
    expect(gz.headers['x-internal']).toBeUndefined();
    const garbage = await get('/r/garbage');
    expect(garbage.status).toBe(200);
    expect(garbage.body.toString()).toBe('{"secret": ');
    const text = await get('/r/text');
    expect(text.body.toString()).toBe('{"secret":"in text"}');
    expect(text.headers['x-served-by']).toBe('aya');
  });

  it('streams a body it cannot rewrite, however large; holds (and fails closed on) a JSON one over the limit', async () => {
    const big = await get('/r/big');
    expect(big.status).toBe(200);
    expect(big.body.equals(BIG)).toBe(true);
    expect(big.headers['x-served-by']).toBe('aya');
    const bigJson = await get('/r/big-json');
    expect(bigJson.status).toBe(500);
    expect(JSON.parse(bigJson.body.toString()).error.code).toBe('AYA_GW_PLUGIN_ERROR');
  });

  it('only edits headers when no JSON edits are configured (the body streams)', async () => {
    const res = await get('/h/json');
    expect(res.headers['x-internal']).toBeUndefined();
    expect(res.body.toString()).toBe(DOC);
    expect(res.headers.etag).toBe('"v1"');
  });
});

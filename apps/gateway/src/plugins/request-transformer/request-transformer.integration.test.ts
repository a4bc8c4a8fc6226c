import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../proxy/limits';
import { bodyEchoHandler, type EchoedRequest } from '../../testing/body-echo';
import { startPolicyGateway, type PolicyGateway } from '../../testing/policy-gateway';

/** request-transformer through a real gateway socket; the upstream echoes what it received. */
let pg: PolicyGateway;
const MAX_BODY = 256 * 1024;

const config = {
  remove: { headers: ['x-remove-me'], querystring: ['drop'], json: ['password'] },
  rename: { headers: ['x-old:x-new'], querystring: ['q:search'], json: ['userName:username'] },
  replace: { headers: ['x-replace:replaced'], querystring: ['page:1'], json: ['role:"user"'] },
  add: { headers: ['x-added:yes', 'x-replace:not-added'], querystring: ['source:gateway'], json: ['source:gateway', 'version:2', 'role:"ignored"'] },
  append: { headers: ['x-multi:two'], querystring: ['tag:b'], json: ['tags:new'] },
};

beforeAll(async () => {
  pg = await startPolicyGateway([{ path: '/t', plugins: [{ name: 'request-transformer', config }] }], bodyEchoHandler, {
    limits: { ...DEFAULT_LIMITS, maxBodyBytes: MAX_BODY },
  });
});

afterAll(async () => {
  await pg?.close();
});

async function send(path: string, body: string | undefined, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await request(pg.url(path), { method: 'POST', headers, body });
  return { status: res.statusCode, json: await res.body.json() };
}

function codeOf(json: unknown): string {
  return (json as { error: { code: string } }).error.code;
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8', 'x-remove-me': '1', 'x-old': 'o', 'x-replace': 'r', 'x-multi': 'one' };

describe('request-transformer', () => {
  it('edits headers, query string and JSON fields in Kong order', async () => {
    const body = JSON.stringify({ password: 'p', userName: 'bob', role: 'admin', tags: ['a'] });
    const res = await send('/t/users?drop=1&q=x&page=7&tag=a', body, jsonHeaders);
    expect(res.status).toBe(200);
    const seen = res.json as EchoedRequest;
    expect(seen.url).toBe('/t/users?page=1&tag=a&search=x&source=gateway&tag=b');
    expect(seen.headers['x-remove-me']).toBeUndefined();
    expect(seen.headers['x-old']).toBeUndefined();
    expect(seen.headers['x-new']).toBe('o');
    expect(seen.headers['x-replace']).toBe('replaced');
    expect(seen.headers['x-added']).toBe('yes');
    expect(seen.headers['x-multi']).toBe('one, two');
    expect(JSON.parse(seen.body)).toEqual({ username: 'bob', role: 'user', tags: ['a', 'new'], source: 'gateway', version: 2 });
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(seen.body)));
  });

  it('edits a chunked JSON body and an empty one', async () => {
    const chunked = await request(pg.url('/t'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // a stream without a length goes out chunked
      body: Readable.from([Buffer.from('{"userName":'), Buffer.from('"amy"}')]),
    });
    const seen = (await chunked.body.json()) as EchoedRequest;
    expect(JSON.parse(seen.body)).toEqual({ username: 'amy', source: 'gateway', version: 2, role: 'ignored', tags: ['new'] });
    const empty = await send('/t', '', { 'content-type': 'application/json' });
    expect(JSON.parse((empty.json as EchoedRequest).body)).toEqual({ source: 'gateway', version: 2, role: 'ignored', tags: ['new'] });
  });

  it('refuses garbage JSON with 400 AYA_GW_BAD_REQUEST without calling the upstream', async () => {
    const before = pg.up.hits;
    const res = await send('/t', '{"userName": "bob",', jsonHeaders);
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('AYA_GW_BAD_REQUEST');
    expect(pg.up.hits).toBe(before);
    const array = await send('/t', '[1,2]', jsonHeaders);
    expect(array.status).toBe(400);
    expect(codeOf(array.json)).toBe('AYA_GW_BAD_REQUEST');
  });

  it('refuses a JSON body nested too deeply to write back with 400, not a crash', async () => {
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const res = await send('/t', deep, jsonHeaders);
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('AYA_GW_BAD_REQUEST');
    expect((await send('/t', '{}', jsonHeaders)).status).toBe(200);
  });

  it('streams a non-JSON body through untouched and still edits headers', async () => {
    const res = await send('/t?drop=1', 'password=p&userName=x {not json', { 'content-type': 'application/x-www-form-urlencoded', 'x-old': 'o' });
    expect(res.status).toBe(200);
    const seen = res.json as EchoedRequest;
    expect(seen.body).toBe('password=p&userName=x {not json');
    expect(seen.headers['x-new']).toBe('o');
    expect(seen.url).toBe('/t?source=gateway&tag=b');
  });

  it('answers a JSON body above the body limit with 413', async () => {
    const huge = JSON.stringify({ blob: 'x'.repeat(MAX_BODY) });
    const res = await send('/t', huge, jsonHeaders);
    expect(res.status).toBe(413);
    expect(codeOf(res.json)).toBe('AYA_GW_BODY_TOO_LARGE');
    const big = JSON.stringify({ blob: 'x'.repeat(MAX_BODY / 2), userName: 'z' });
    const ok = await send('/t', big, jsonHeaders);
    expect(ok.status).toBe(200);
    expect((JSON.parse((ok.json as EchoedRequest).body) as { username: string }).username).toBe('z');
  });
});

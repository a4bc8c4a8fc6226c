import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../proxy/limits';
import { bodyEchoHandler, type EchoedRequest } from '../../testing/body-echo';
import { h2Request, h2Session } from '../../testing/h2-client';
import { startPolicyGateway, type PolicyGateway } from '../../testing/policy-gateway';

/** request-validator through a real gateway socket; the upstream echoes what it received. */
let pg: PolicyGateway;
const MAX_BODY = 512 * 1024;

const userSchema = {
  type: 'object',
  required: ['name', 'age'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 }, email: { type: 'string', format: 'email' } },
};
/** a tree of arrays: ajv walks it recursively, as deep as the body goes */
const recursiveSchema = { $ref: '#/definitions/node', definitions: { node: { type: 'array', items: { $ref: '#/definitions/node' } } } };

beforeAll(async () => {
  pg = await startPolicyGateway(
    [
      { path: '/users', plugins: [{ name: 'request-validator', config: { bodySchema: userSchema } }] },
      { path: '/terse', plugins: [{ name: 'request-validator', config: { bodySchema: userSchema, verboseResponse: false } }] },
      { path: '/texts', plugins: [{ name: 'request-validator', config: { bodySchema: userSchema, allowedContentTypes: ['application/json', 'text/*'] } }] },
      { path: '/broken', plugins: [{ name: 'request-validator', config: { bodySchema: { type: 'strnig' } } }] },
      { path: '/tree', plugins: [{ name: 'request-validator', config: { bodySchema: recursiveSchema } }] },
    ],
    bodyEchoHandler,
    { limits: { ...DEFAULT_LIMITS, maxBodyBytes: MAX_BODY }, h2cPort: 0 },
  );
});

afterAll(async () => {
  await pg?.close();
});

interface ErrorJson {
  error: { code: string; details?: Array<{ path: string; message: string }> };
}

async function send(path: string, body: string | undefined, contentType: string | undefined, method = 'POST'): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
  const res = await request(pg.url(path), { method: method as 'POST', headers, body });
  return { status: res.statusCode, json: await res.body.json() };
}

const JSON_TYPE = 'application/json';

describe('request-validator', () => {
  it('forwards a valid body unchanged', async () => {
    const body = JSON.stringify({ name: 'ada', age: 36, email: 'ada@example.com' });
    const res = await send('/users', body, 'application/json; charset=utf-8');
    expect(res.status).toBe(200);
    expect((res.json as EchoedRequest).body).toBe(body);
  });

  it('refuses an invalid body with 400 AYA_GW_REQUEST_INVALID naming each field, without calling the upstream', async () => {
    const before = pg.up.hits;
    const res = await send('/users', JSON.stringify({ name: '', email: 'nope', extra: true }), JSON_TYPE);
    expect(res.status).toBe(400);
    const err = (res.json as ErrorJson).error;
    expect(err.code).toBe('AYA_GW_REQUEST_INVALID');
    expect(err.details?.map((d) => d.path).sort()).toEqual(['/age', '/email', '/extra', '/name']);
    expect(err.details?.every((d) => d.message.length > 0)).toBe(true);
    expect(pg.up.hits).toBe(before);
  });

  it('leaves the details out unless verboseResponse', async () => {
    const res = await send('/terse', JSON.stringify({ name: 'x' }), JSON_TYPE);
    expect(res.status).toBe(400);
    expect((res.json as ErrorJson).error).toMatchObject({ code: 'AYA_GW_REQUEST_INVALID' });
    expect((res.json as ErrorJson).error.details).toBeUndefined();
  });

  it('refuses garbage JSON and an empty body with 400', async () => {
    for (const body of ['{"name": "ada", "age": ', 'not json at all', '\u0000\u0001']) {
      const res = await send('/users', body, JSON_TYPE);
      expect(res.status).toBe(400);
      expect((res.json as ErrorJson).error.code).toBe('AYA_GW_REQUEST_INVALID');
    }
    const empty = await send('/users', '', JSON_TYPE);
    expect(empty.status).toBe(400);
    expect((empty.json as ErrorJson).error.details).toEqual([{ path: '', message: 'a JSON body is required' }]);
  });

  it('refuses other content types with 415 AYA_GW_UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await send('/users', 'name=ada&age=3', type);
      expect(res.status).toBe(415);
      expect((res.json as ErrorJson).error.code).toBe('AYA_GW_UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('lets allowed non-JSON types through unvalidated', async () => {
    const res = await send('/texts', 'anything goes', 'text/plain');
    expect(res.status).toBe(200);
    expect((res.json as EchoedRequest).body).toBe('anything goes');
    expect((await send('/texts', '{}', JSON_TYPE)).status).toBe(400);
  });

  it('does not check a GET without a body', async () => {
    const res = await send('/users', undefined, undefined, 'GET');
    expect(res.status).toBe(200);
  });

  it('answers a body above the limit with 413', async () => {
    const res = await send('/users', JSON.stringify({ name: 'x'.repeat(MAX_BODY), age: 1 }), JSON_TYPE);
    expect(res.status).toBe(413);
    expect((res.json as ErrorJson).error.code).toBe('AYA_GW_BODY_TOO_LARGE');
  });

  it('refuses a body nested beyond what the validator can walk with 400, and keeps serving', async () => {
    expect((await send('/tree', '[[[]],[]]', JSON_TYPE)).status).toBe(200);
    const deep = '['.repeat(120_000) + ']'.repeat(120_000);
    const res = await send('/tree', deep, JSON_TYPE);
    expect(res.status).toBe(400);
    expect((res.json as ErrorJson).error.code).toBe('AYA_GW_REQUEST_INVALID');
    expect((await send('/tree', '[]', JSON_TYPE)).status).toBe(200);
  });

  it('fails a route closed when its schema does not compile', async () => {
    const before = pg.up.hits;
    const res = await send('/broken', '{}', JSON_TYPE);
    expect(res.status).toBe(500);
    expect((res.json as ErrorJson).error.code).toBe('AYA_GW_PLUGIN_ERROR');
    expect(pg.up.hits).toBe(before);
  });

  it('validates an HTTP/2 DELETE whose body has no length (the framework knows a body follows)', async () => {
    const session = await h2Session(`http://127.0.0.1:${pg.gw.h2cPort}`);
    try {
      const bad = await h2Request(session, { ':method': 'DELETE', ':path': '/users', ':authority': 'x', 'content-type': JSON_TYPE }, Buffer.from('{"name":""}'));
      expect(bad.headers[':status']).toBe(400);
      expect((JSON.parse(bad.body.toString()) as ErrorJson).error.code).toBe('AYA_GW_REQUEST_INVALID');
    } finally {
      session.close();
    }
  });
});


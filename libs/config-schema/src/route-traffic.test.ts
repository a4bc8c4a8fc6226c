import { describe, expect, it } from 'vitest';
import { routeCreateSchema } from './route';
import { snapshotRouteSchema } from './snapshot';

const base = { name: 'r', service: 's', paths: ['/a'] };

describe('route traffic fields', () => {
  it('accepts every path kind and rejects catastrophic or overlong regexes', () => {
    expect(routeCreateSchema.safeParse({ ...base, paths: ['/a', '=/a/health', '~^/u/(\\d+)$', '/u/:id'] }).success).toBe(true);
    expect(routeCreateSchema.safeParse({ ...base, paths: ['~(a+)+$'] }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, paths: ['~(\\w*)*'] }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, paths: ['~(a)\\1'] }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, paths: [`~${'a'.repeat(600)}`] }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, paths: ['a'] }).success).toBe(false);
  });

  it('accepts the traffic fields, adds no defaults', () => {
    const input = {
      ...base,
      priority: 5,
      headers: { 'x-version': ['v2'], 'x-beta': true },
      query: { debug: ['1'] },
      split: { services: [{ service: 'a', weight: 90 }, { service: 'b', weight: 10 }], match: [{ header: 'x-canary', value: '1', service: 'b' }, { cookie: 'beta', value: 'y', service: 'b' }] },
      sticky: { cookie: 'aya_sticky', ttlSeconds: 3600 },
      rewrite: { regex: '^/old/(.*)$', replacement: '/new/$1' },
      redirect: { status: 308, location: 'https://x.example/$1' },
      requestHeaders: { add: { 'x-a': '1' }, set: { 'x-b': '2' }, remove: ['x-c'], rename: { 'x-d': 'x-e' } },
      responseHeaders: { remove: ['server'] },
    };
    expect(routeCreateSchema.parse(input)).toEqual(input);
    expect(routeCreateSchema.parse(base)).toEqual(base);
  });

  it('refuses bad values', () => {
    expect(routeCreateSchema.safeParse({ ...base, redirect: { status: 303, location: '/x' } }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, requestHeaders: { set: { host: 'x' } } }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, requestHeaders: { add: { 'x-a': 'a\r\nb' } } }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, headers: { 'x-a': [] } }).success).toBe(false);
  });

  it('a snapshot route without the fields parses unchanged', () => {
    const r = { id: '1', tenant: 't', name: 'r', serviceId: 's', paths: ['/'], methods: [], hosts: [], stripPath: false };
    expect(snapshotRouteSchema.parse(r)).toEqual(r);
  });

  it('takes a fallback service or response, not both, not neither', () => {
    expect(routeCreateSchema.safeParse({ ...base, fallback: { service: 'backup' } }).success).toBe(true);
    expect(routeCreateSchema.safeParse({ ...base, fallback: { response: { status: 503, body: '{"down":true}' } } }).success).toBe(true);
    expect(routeCreateSchema.safeParse({ ...base, fallback: null }).success).toBe(true);
    expect(routeCreateSchema.safeParse({ ...base, fallback: {} }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, fallback: { service: 'b', response: { status: 503 } } }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, fallback: { response: { status: 99 } } }).success).toBe(false);
    expect(routeCreateSchema.safeParse({ ...base, fallback: { response: { status: 200, contentType: 'a\r\nb' } } }).success).toBe(false);
  });
});

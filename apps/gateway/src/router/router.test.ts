import { describe, expect, it } from 'vitest';
import { PathTable } from './path-table';
import { normalizeHost, Router, type RouterEntry } from './router';

function entry(name: string, paths: string[], opts: { hosts?: string[]; methods?: string[] } = {}): RouterEntry<string> {
  return { hosts: opts.hosts ?? [], paths, methods: opts.methods ?? [], valueFor: (p) => `${name}@${p}` };
}

describe('PathTable', () => {
  const t = new PathTable<string>();
  t.add('/api', [], 'api');
  t.add('/api/v1', [], 'v1');
  t.add('/static/', [], 'static');
  t.add('/', [], 'root');

  it('matches a prefix on segment boundaries only', () => {
    expect(t.find('GET', '/api')).toBe('api');
    expect(t.find('GET', '/api/')).toBe('api');
    expect(t.find('GET', '/api/x')).toBe('api');
    expect(t.find('GET', '/apix')).toBe('root');
  });

  it('picks the longest prefix', () => {
    expect(t.find('GET', '/api/v1')).toBe('v1');
    expect(t.find('GET', '/api/v1/users/1')).toBe('v1');
    expect(t.find('GET', '/api/v10')).toBe('api');
  });

  it('a prefix ending in / needs that slash', () => {
    expect(t.find('GET', '/static/a.css')).toBe('static');
    expect(t.find('GET', '/static/')).toBe('static');
    expect(t.find('GET', '/static')).toBe('root');
  });

  it('returns undefined without a catch-all', () => {
    const only = new PathTable<string>();
    only.add('/a', [], 'a');
    expect(only.find('GET', '/b')).toBeUndefined();
    expect(only.find('GET', '/')).toBeUndefined();
  });

  it('filters by method, method-specific first, and falls back to a shorter prefix', () => {
    const m = new PathTable<string>();
    m.add('/x', [], 'any');
    m.add('/x', ['POST'], 'post');
    m.add('/x/y', ['PUT'], 'put-y');
    expect(m.find('POST', '/x')).toBe('post');
    expect(m.find('GET', '/x')).toBe('any');
    expect(m.find('PUT', '/x/y/z')).toBe('put-y');
    expect(m.find('GET', '/x/y/z')).toBe('any');
  });
});

describe('Router', () => {
  const router = new Router([
    entry('any', ['/']),
    entry('wild', ['/'], { hosts: ['*.example.com'] }),
    entry('deepwild', ['/'], { hosts: ['*.eu.example.com'] }),
    entry('exact', ['/'], { hosts: ['api.example.com'] }),
    entry('exact-only-v2', ['/v2'], { hosts: ['v2.example.com'] }),
  ]);

  it('prefers exact host, then the most specific wildcard, then any host', () => {
    expect(router.find('GET', 'api.example.com', '/a')).toBe('exact@/');
    expect(router.find('GET', 'API.Example.com:8000', '/a')).toBe('exact@/');
    expect(router.find('GET', 'www.example.com', '/a')).toBe('wild@/');
    expect(router.find('GET', 'a.b.example.com', '/a')).toBe('wild@/');
    expect(router.find('GET', 'x.eu.example.com', '/a')).toBe('deepwild@/');
    expect(router.find('GET', 'example.com', '/a')).toBe('any@/');
    expect(router.find('GET', undefined, '/a')).toBe('any@/');
  });

  it('falls through to less specific hosts when the exact host has no matching path', () => {
    expect(router.find('GET', 'v2.example.com', '/v2/x')).toBe('exact-only-v2@/v2');
    expect(router.find('GET', 'v2.example.com', '/other')).toBe('wild@/');
  });

  it('returns the matched prefix with the value', () => {
    const r = new Router([entry('r', ['/a', '/b/c'])]);
    expect(r.find('GET', 'h', '/b/c/d')).toBe('r@/b/c');
    expect(r.find('GET', 'h', '/z')).toBeUndefined();
  });

  it('normalizes hosts', () => {
    expect(normalizeHost('Example.COM.')).toBe('example.com');
    expect(normalizeHost('[::1]:8000')).toBe('[::1]');
    expect(normalizeHost('h:1')).toBe('h');
  });
});

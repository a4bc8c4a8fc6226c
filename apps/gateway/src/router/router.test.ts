import { describe, expect, it } from 'vitest';
import { Candidate, type MatchInput } from './candidate';
import { literalPrefix } from './path-pattern';
import { PathTable } from './path-table';
import { normalizeHost, Router, type RouterEntry } from './router';

type E = Partial<RouterEntry<string>>;
const entry = (name: string, paths: string[], opts: E = {}): RouterEntry<string> => ({ route: name, hosts: [], methods: [], paths, ...opts });
const input = (method = 'GET'): MatchInput => ({ method, headers: undefined, query: '' });

describe('PathTable', () => {
  const t = new PathTable<string>();
  let order = 0;
  const add = (table: PathTable<string>, p: string, name: string, methods: string[] = []) =>
    table.add(p, new Candidate(name, entry(name, [p], { methods }), order++, p));
  add(t, '/api', 'api');
  add(t, '/api/v1', 'v1');
  add(t, '/static/', 'static');
  add(t, '/', 'root');
  const find = (table: PathTable<string>, path: string, method = 'GET') => table.find(path, input(method))?.route;

  it('matches a prefix on segment boundaries only, longest first', () => {
    expect(find(t, '/api')).toBe('api');
    expect(find(t, '/api/')).toBe('api');
    expect(find(t, '/api/x')).toBe('api');
    expect(find(t, '/apix')).toBe('root');
    expect(find(t, '/api/v1/users/1')).toBe('v1');
    expect(find(t, '/api/v10')).toBe('api');
    expect(find(t, '/static/a.css')).toBe('static');
    expect(find(t, '/static')).toBe('root');
  });

  it('filters by method, method-specific first, and falls back to a shorter prefix', () => {
    const m = new PathTable<string>();
    add(m, '/x', 'any');
    add(m, '/x', 'post', ['POST']);
    add(m, '/x/y', 'put-y', ['PUT']);
    expect(find(m, '/x', 'POST')).toBe('post');
    expect(find(m, '/x')).toBe('any');
    expect(find(m, '/x/y/z', 'PUT')).toBe('put-y');
    expect(find(m, '/x/y/z')).toBe('any');
    expect(find(m, '/b')).toBeUndefined();
  });
});

describe('Router: hosts', () => {
  const router = new Router([
    entry('any', ['/']),
    entry('wild', ['/'], { hosts: ['*.example.com'] }),
    entry('deepwild', ['/'], { hosts: ['*.eu.example.com'] }),
    entry('exact', ['/'], { hosts: ['api.example.com'] }),
    entry('exact-only-v2', ['/v2'], { hosts: ['v2.example.com'] }),
  ]);
  const find = (host: string | undefined, path: string) => router.find('GET', host, path)?.route;

  it('prefers exact host, then the most specific wildcard, then any host', () => {
    expect(find('api.example.com', '/a')).toBe('exact');
    expect(find('API.Example.com:8000', '/a')).toBe('exact');
    expect(find('www.example.com', '/a')).toBe('wild');
    expect(find('a.b.example.com', '/a')).toBe('wild');
    expect(find('x.eu.example.com', '/a')).toBe('deepwild');
    expect(find('example.com', '/a')).toBe('any');
    expect(find(undefined, '/a')).toBe('any');
  });

  it('falls through to less specific hosts when the exact host has no matching path', () => {
    expect(find('v2.example.com', '/v2/x')).toBe('exact-only-v2');
    expect(find('v2.example.com', '/other')).toBe('wild');
  });

  it('normalizes hosts', () => {
    expect(normalizeHost('Example.COM.')).toBe('example.com');
    expect(normalizeHost('[::1]:8000')).toBe('[::1]');
    expect(normalizeHost('h:1')).toBe('h');
  });
});

describe('Router: path kinds and order', () => {
  const router = new Router([
    entry('root', ['/']),
    entry('regex-user', ['~/users/(\\d+)$']),
    entry('users-prefix', ['/users']),
    entry('user-param', ['/users/:id']),
    entry('orders', ['/users/:id/orders/:orderId']),
    entry('me', ['/users/me']),
    entry('health', ['=/api/v1/health']),
    entry('api', ['/api']),
    entry('named', ['~^/files/(?<dir>[a-z]+)/(?<file>[^/]+)$']),
    entry('exact-param', ['=/items/:sku']),
    entry('items', ['/items/special']),
  ]);
  const find = (path: string) => router.find('GET', 'h', path);

  it('exact beats any prefix, only on the exact path', () => {
    expect(find('/api/v1/health')?.route).toBe('health');
    expect(find('/api/v1/health/x')?.route).toBe('api');
    expect(find('/api/v1/healthz')?.route).toBe('api');
  });

  it('params match whole segments and expose named and numbered captures', () => {
    const hit = find('/users/42/orders/7/lines');
    expect(hit?.route).toBe('orders');
    expect(hit?.params).toEqual({ id: '42', orderId: '7', '1': '42', '2': '7' });
    expect(hit?.prefix).toBe('/users/42/orders/7');
    expect(find('/users/42')?.params).toEqual({ id: '42', '1': '42' });
    expect(find('/users//orders')?.route).toBe('users-prefix');
  });

  it('more static characters win between prefixes and params', () => {
    expect(find('/users/me')?.route).toBe('me');
    expect(find('/users/me/x')?.route).toBe('me');
    expect(find('/users/7/x')?.route).toBe('user-param');
    expect(find('/users')?.route).toBe('users-prefix');
  });

  it('an exact param path beats a longer literal prefix', () => {
    expect(find('/items/special')?.route).toBe('exact-param');
    expect(find('/items/special/x')?.route).toBe('items');
    expect(find('/items/a/b')?.route).toBe('root');
  });

  it('regex comes after every prefix unless prioritised; anchored; named groups', () => {
    expect(find('/files/docs/a.txt')?.route).toBe('root');
    const r = new Router([entry('root', ['/']), entry('named', ['~^/files/(?<dir>[a-z]+)/(?<file>[^/]+)$']), entry('x', ['~/x'])]);
    expect(r.find('GET', 'h', '/files/docs/a.txt')?.route).toBe('root');
    const only = new Router([entry('named', ['~^/files/(?<dir>[a-z]+)/(?<file>[^/]+)$']), entry('x', ['~/x']), entry('x2', ['~/x'])]);
    const hit = only.find('GET', 'h', '/files/docs/a.txt');
    expect(hit?.params).toEqual({ dir: 'docs', file: 'a.txt', '1': 'docs', '2': 'a.txt' });
    expect(only.find('GET', 'h', '/y/x')).toBeUndefined();
    expect(only.find('GET', 'h', '/x/y')?.route).toBe('x');
  });

  it('explicit priority beats path kind; higher first', () => {
    const r = new Router([entry('exact', ['=/a']), entry('re', ['~/a'], { priority: 5 }), entry('low', ['/'], { priority: -1 }), entry('top', ['/a/b'], { priority: 10 })]);
    expect(r.find('GET', 'h', '/a')?.route).toBe('re');
    expect(r.find('GET', 'h', '/a/b')?.route).toBe('top');
    expect(r.find('GET', 'h', '/zzz')?.route).toBe('low');
  });

  it('skips invalid paths and reports them', () => {
    const r = new Router([entry('bad', ['~(a+)+$', '/ok'])]);
    expect(r.invalid).toHaveLength(1);
    expect(r.find('GET', 'h', '/ok')?.route).toBe('bad');
  });
});

describe('Router: predicates', () => {
  const router = new Router([
    entry('plain', ['/p']),
    entry('v2', ['/p'], { headers: { 'X-Version': ['v2', 'v3'] } }),
    entry('beta', ['/p'], { headers: { 'x-beta': true }, methods: ['POST'] }),
    entry('debug', ['/p'], { query: { debug: ['1'] } }),
    entry('q-present', ['/q'], { query: { token: true } }),
  ]);
  const find = (path: string, headers: Record<string, string> = {}, query = '', method = 'GET') => router.find(method, 'h', path, headers, query)?.route;

  it('matches exact header values or presence, falling back to the plain route', () => {
    expect(find('/p', { 'x-version': 'v2' })).toBe('v2');
    expect(find('/p', { 'x-version': 'v3' })).toBe('v2');
    expect(find('/p', { 'x-version': 'v1' })).toBe('plain');
    expect(find('/p', { 'x-beta': '' }, '', 'POST')).toBe('beta');
    expect(find('/p', { 'x-beta': 'yes' }, '', 'GET')).toBe('plain');
  });

  it('matches query values (decoded) and presence', () => {
    expect(find('/p', {}, '?a=b&debug=1')).toBe('debug');
    expect(find('/p', {}, '?debug=2')).toBe('plain');
    expect(find('/q', {}, '?token')).toBe('q-present');
    expect(find('/q', {}, '?x=1')).toBeUndefined();
  });
});

describe('literalPrefix', () => {
  it('keeps only text every match starts with', () => {
    expect(literalPrefix('^/users/(\\d+)$')).toBe('/users/');
    expect(literalPrefix('/a\\.b/x')).toBe('/a.b/x');
    expect(literalPrefix('/ab?c')).toBe('/a');
    expect(literalPrefix('/a|/b')).toBe('');
    expect(literalPrefix('/x\\d')).toBe('/x');
  });
});

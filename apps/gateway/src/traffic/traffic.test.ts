import { describe, expect, it } from 'vitest';
import { plainContext } from '../balancer/pick-context';
import type { Snapshot } from '@aya/config-schema';
import { compileSnapshot, upstreamPath } from '../compile/compile';
import { route, service, upstream } from '../testing/fixtures';
import { compileHeaderTransform } from './header-transform';
import { rewritePath } from './rewrite';
import { stickyToken } from './sticky';
import { compileTemplate, expandTemplate } from './template';

describe('templates', () => {
  it('expands $1, $name, ${name} and $$', () => {
    const t = compileTemplate('/a/$1/${id}x/$name/$$/end');
    const vals: Record<string, string> = { '1': 'one', id: 'ID', name: 'N' };
    expect(expandTemplate(t, (k) => vals[k])).toBe('/a/one/IDx/N/$/end');
    expect(expandTemplate(compileTemplate('$9'), () => undefined)).toBe('');
  });

  it('rewrites the first match only and keeps a leading slash', () => {
    expect(rewritePath('/v1/users/7', /^\/v1\/(\w+)/, compileTemplate('/api/$1'))).toBe('/api/users/7');
    expect(rewritePath('/x', /^\/x/, compileTemplate('y'))).toBe('/y');
    expect(rewritePath('/z', /^\/x/, compileTemplate('y'))).toBe('/z');
  });
});

describe('header transforms', () => {
  it('renames, removes, sets then adds, case-insensitively', () => {
    const edit = compileHeaderTransform({ rename: { 'X-Old': 'x-new' }, remove: ['x-gone'], set: { 'X-Set': 'v' }, add: { 'x-add': '1' } });
    const list = ['x-old', 'a', 'X-GONE', 'b', 'x-set', 'client', 'keep', 'k', 'x-add', '0'];
    edit?.(list);
    expect(list).toEqual(['x-new', 'a', 'keep', 'k', 'x-add', '0', 'X-Set', 'v', 'x-add', '1']);
    expect(compileHeaderTransform({})).toBeNull();
    expect(compileHeaderTransform(undefined)).toBeNull();
  });
});

describe('compiled traffic', () => {
  const snapshot: Snapshot = {
    revision: 1,
    services: [service('s', { upstreamId: 'up', path: '/base/' }), service('t', { host: '127.0.0.1', port: 9 })],
    upstreams: [upstream('up', [{ port: 1001 }, { port: 1002 }])],
    routes: [
      route('sticky', 's', ['/s'], { sticky: { cookie: 'c' } }),
      route('rw', 's', ['/api'], { stripPath: true, rewrite: { regex: '^/(\\w+)', replacement: '/v2/$1' } }),
      route('bad', 's', ['/bad'], { rewrite: { regex: '(a+)+', replacement: '/' }, split: { services: [{ serviceId: 'missing', weight: 1 }] } }),
      route('plain', 't', ['/p']),
    ],
  };
  const compiled = compileSnapshot(snapshot, { revision: 1, hash: 'h' });

  it('leaves routes without traffic fields untouched', () => {
    expect(compiled.router.find('GET', 'h', '/p')?.route.traffic).toBeUndefined();
  });

  it('a sticky balancer follows a known token and ignores an unknown one', () => {
    const svc = compiled.router.find('GET', 'h', '/s')?.route.service;
    const token = stickyToken('c', '127.0.0.1:1002');
    expect(token).not.toContain('1002');
    for (let i = 0; i < 4; i++) expect(svc?.balancer.pick(plainContext('1.1.1.1', '/s', { cookie: `c=${token}` }))?.port).toBe(1002);
    const ports = new Set([1, 2, 3, 4].map(() => svc?.balancer.pick(plainContext('1.1.1.1', '/s', { cookie: 'c=nope' }))?.port));
    expect(ports.size).toBe(2);
  });

  it('applies stripPath, then the rewrite, then the service path', () => {
    const hit = compiled.router.find('GET', 'h', '/api/users/1');
    expect(hit && upstreamPath(hit.route, hit.prefix, '/api/users/1')).toBe('/base/v2/users/1');
  });

  it('warns about what it skips', () => {
    expect(compiled.warnings.join('\n')).toMatch(/rewrite regex/);
    expect(compiled.warnings.join('\n')).toMatch(/split service missing/);
  });
});

import { describe, expect, it } from 'vitest';
import { route, service } from '../testing/fixtures';
import { compileResponsePolicy } from './policy';

describe('compileResponsePolicy', () => {
  const services = [service('svc', { host: '127.0.0.1', port: 1 })];

  it('is undefined when the route neither caches nor compresses (plain proxy path)', () => {
    expect(compileResponsePolicy(route('r', 'svc', ['/']), { services })).toBeUndefined();
    expect(compileResponsePolicy(route('r', 'svc', ['/'], { compression: { enabled: false } }), { services })).toBeUndefined();
  });

  it('applies the defaults', () => {
    const p = compileResponsePolicy(route('r', 'svc', ['/'], { cache: { ttlSeconds: 5 }, compression: { enabled: true } }), { services });
    expect(p?.cache).toMatchObject({ ttlSeconds: 5, maxEntryBytes: 1_048_576, get: true, head: true, query: true, host: true, varyHeaders: [] });
    expect(p?.compression).toMatchObject({ algorithms: ['br', 'gzip'], minBytes: 1024 });
  });

  it('changes version when the route or its service changes, so old entries are never served', () => {
    const r = route('r', 'svc', ['/'], { cache: { ttlSeconds: 5 } });
    const v1 = compileResponsePolicy(r, { services })?.version;
    expect(compileResponsePolicy({ ...r }, { services })?.version).toBe(v1);
    expect(compileResponsePolicy({ ...r, paths: ['/x'] }, { services })?.version).not.toBe(v1);
    expect(compileResponsePolicy({ ...r, cache: { ttlSeconds: 6 } }, { services })?.version).not.toBe(v1);
    expect(compileResponsePolicy(r, { services: [service('svc', { host: '127.0.0.1', port: 2 })] })?.version).not.toBe(v1);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError, ConflictError, ValidationError } from '../common/errors';
import { canonicalEntry, pluginKey, sectionSpec } from './document-entries';
import { atEntry, documentPath, entryPath } from './document-path';

describe('document paths', () => {
  it('reads as a file does: indexes in brackets, fields after dots', () => {
    expect(documentPath(['routes', 12, 'paths', 0])).toBe('routes[12].paths[0]');
    expect(documentPath([])).toBe('');
    expect(entryPath('plugins[3]', 'config.limits.0.limit')).toBe('plugins[3].config.limits[0].limit');
    expect(entryPath('routes[1]', '')).toBe('routes[1]');
  });

  it('re-aims a store\'s error at the entry: validation details under it, a 409 naming it', () => {
    const v = atEntry(new ValidationError('invalid request body', [{ path: 'service', message: 'missing' }]), 'routes[4]') as ValidationError;
    expect(v.details).toEqual([{ path: 'routes[4].service', message: 'missing' }]);
    const c = atEntry(new ConflictError('SNI taken'), 'certificates[0]') as AppError;
    expect([c.status, c.code, c.details]).toEqual([409, 'AYA_CP_CONFLICT', [{ path: 'certificates[0]', message: 'SNI taken' }]]);
    const internal = new Error('boom');
    expect(atEntry(internal, 'routes[0]')).toBe(internal);
  });
});

describe('document entries', () => {
  it('keep the section\'s key order and leave out nulls and defaults', () => {
    const spec = sectionSpec('routes');
    const entry = canonicalEntry(spec, { paths: ['/a'], stripPath: false, methods: [], name: 'a', service: 's', fallback: null, headers: { b: ['2'], a: ['1'] } });
    expect(entry).toEqual({ name: 'a', service: 's', paths: ['/a'], headers: { a: ['1'], b: ['2'] } });
    expect(Object.keys(entry)).toEqual(['name', 'service', 'paths', 'headers']);
    expect(Object.keys(entry.headers as object)).toEqual(['a', 'b']);
  });

  it('name a plugin by its name and scope', () => {
    expect(pluginKey({ name: 'cors' })).toBe('cors');
    expect(pluginKey({ name: 'rate-limit', route: 'orders', consumer: 'alice' })).toBe('rate-limit[route=orders,consumer=alice]');
  });
});

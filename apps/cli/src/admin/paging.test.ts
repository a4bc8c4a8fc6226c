import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { listNote, pageLimit, queryString } from './paging';

describe('--limit', () => {
  it('takes a whole number from 1 to the endpoint maximum', () => {
    expect(pageLimit(200)('1')).toBe(1);
    expect(pageLimit(200)('200')).toBe(200);
    for (const bad of ['0', '201', '1.5', '-1', 'ten', '', '1e2']) expect(() => pageLimit(200)(bad), bad).toThrow(InvalidArgumentError);
  });
});

describe('listNote', () => {
  const rows = [{ id: 'a' }, { id: 'b' }];
  it('says a list is a first page, with the total when counted, in every format', () => {
    expect(listNote({ rows, total: 10, more: true }, 'routes', false)).toBe('showing 2 of 10 routes: --all for every page');
    expect(listNote({ rows, more: true }, 'audit entries', true)).toBe('showing 2 audit entries: --all for every page');
  });
  it('prints the total of a whole list under a table only', () => {
    expect(listNote({ rows, total: 2, more: false }, 'routes', true)).toBe('2 routes');
    expect(listNote({ rows, total: 2, more: false }, 'routes', false)).toBeUndefined();
    expect(listNote({ rows, more: false }, 'nodes', true)).toBeUndefined();
  });
});

describe('queryString', () => {
  it('sends the parameters that are set, encoded, and nothing when none are', () => {
    expect(queryString({ q: '/a b&c', sort: undefined, limit: 5 })).toBe('?q=%2Fa+b%26c&limit=5');
    expect(queryString({ tenant: undefined })).toBe('');
  });
});

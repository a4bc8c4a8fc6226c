import { describe, expect, it } from 'vitest';
import { changePath, filtersFromSearch, formatValue, isoToLocal, localToIso, searchFromFilters } from './audit-format';

describe('audit formatting', () => {
  it('writes change paths with indexes in brackets', () => {
    expect(changePath(['targets', 0, 'weight'])).toBe('targets[0].weight');
    expect(changePath(['name'])).toBe('name');
    expect(changePath([])).toBe('(whole record)');
  });

  it('shows values as JSON and absent as a dash', () => {
    expect(formatValue('a')).toBe('"a"');
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(undefined)).toBe('—');
  });

  it('turns datetime-local values into ISO instants and back', () => {
    const iso = localToIso('2026-12-03T10:15');
    expect(iso).toBe(new Date('2026-12-03T10:15').toISOString());
    expect(isoToLocal(iso)).toBe('2026-12-03T10:15');
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('not a date')).toBeUndefined();
  });

  it('keeps the filters in the URL, leaving out empty ones', () => {
    const params = searchFromFilters({ resource: 'route', actor: '', since: '2026-12-03T10:00:00.000Z' });
    expect(params.toString()).toBe('resource=route&since=2026-12-03T10%3A00%3A00.000Z');
    expect(filtersFromSearch(params)).toEqual({ resource: 'route', since: '2026-12-03T10:00:00.000Z' });
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { decodeCursor, encodeCursor, parsePageQuery, toPage } from './pagination';

describe('pagination', () => {
  it('round-trips cursors', () => {
    const c = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: 'abc' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it('validates limit and cursor', () => {
    expect(parsePageQuery({})).toEqual({ limit: 100, cursor: undefined });
    expect(parsePageQuery({ limit: '5' }).limit).toBe(5);
    expect(() => parsePageQuery({ limit: '0' })).toThrow(ValidationError);
    expect(() => parsePageQuery({ limit: '501' })).toThrow(ValidationError);
    expect(() => parsePageQuery({ cursor: 'garbage' })).toThrow(ValidationError);
  });

  it('pages with a next cursor only when more rows exist', () => {
    const rows = [1, 2, 3].map((i) => ({ createdAt: new Date(i * 1000), id: String(i) }));
    const page = toPage(rows, 2, (r) => r.id);
    expect(page.data).toEqual(['1', '2']);
    expect(page.next && decodeCursor(page.next).id).toBe('2');
    expect(toPage(rows.slice(0, 2), 2, (r) => r.id).next).toBeNull();
  });
});

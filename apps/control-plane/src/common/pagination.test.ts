import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { decodeCursor, encodeCursor, parsePageQuery, toPage } from './pagination';

describe('pagination', () => {
  it('round-trips cursors', () => {
    const c = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: '0b7c7f5e-8d3a-4f7e-9c1b-2a4d6e8f0a1c' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it('refuses cursors Postgres would fail on: a non-uuid id, a time outside timestamptz', () => {
    const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const id = '0b7c7f5e-8d3a-4f7e-9c1b-2a4d6e8f0a1c';
    expect(() => decodeCursor(cursor('2026-01-02T03:04:05.678Z|abc'))).toThrow(ValidationError);
    expect(() => decodeCursor(cursor(`-100000-01-01T00:00:00.000Z|${id}`))).toThrow(ValidationError);
    expect(() => decodeCursor(cursor(`+275760-09-13T00:00:00.000Z|${id}`))).toThrow(ValidationError);
    expect(() => decodeCursor(cursor(`2026-01-02|${id}`))).toThrow(ValidationError);
  });

  it('validates limit and cursor', () => {
    expect(parsePageQuery({})).toEqual({ limit: 100, cursor: undefined });
    expect(parsePageQuery({ limit: '5' }).limit).toBe(5);
    expect(() => parsePageQuery({ limit: '0' })).toThrow(ValidationError);
    expect(() => parsePageQuery({ limit: '501' })).toThrow(ValidationError);
    expect(() => parsePageQuery({ cursor: 'garbage' })).toThrow(ValidationError);
  });

  it('pages with a next cursor only when more rows exist', () => {
    const rows = [1, 2, 3].map((i) => ({ createdAt: new Date(i * 1000), id: `00000000-0000-4000-8000-00000000000${i}` }));
    const page = toPage(rows, 2, (r) => r.id.slice(-1));
    expect(page.data).toEqual(['1', '2']);
    expect(page.next && decodeCursor(page.next).id).toBe(rows[1].id);
    expect(toPage(rows.slice(0, 2), 2, (r) => r.id).next).toBeNull();
  });
});

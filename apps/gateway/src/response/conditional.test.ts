import { describe, expect, it } from 'vitest';
import { notModified } from './conditional';

const stored = { etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' };
const cond = (ifNoneMatch = '', ifModifiedSince = '') => ({ ifNoneMatch, ifModifiedSince });

describe('notModified', () => {
  it('matches If-None-Match weakly, in lists, and *', () => {
    expect(notModified(stored, cond('"v1"'))).toBe(true);
    expect(notModified(stored, cond('W/"v1"'))).toBe(true);
    expect(notModified({ ...stored, etag: 'W/"v1"' }, cond('"v1"'))).toBe(true);
    expect(notModified(stored, cond('"a", "v1"'))).toBe(true);
    expect(notModified(stored, cond('"a,b", "c"'))).toBe(false);
    expect(notModified(stored, cond('*'))).toBe(true);
    expect(notModified(stored, cond('"v2"'))).toBe(false);
    expect(notModified({ ...stored, etag: '' }, cond('"v1"'))).toBe(false);
  });

  it('uses If-Modified-Since only without If-None-Match', () => {
    expect(notModified(stored, cond('', 'Tue, 24 Nov 2026 10:00:00 GMT'))).toBe(true);
    expect(notModified(stored, cond('', 'Wed, 25 Nov 2026 10:00:00 GMT'))).toBe(true);
    expect(notModified(stored, cond('', 'Mon, 23 Nov 2026 10:00:00 GMT'))).toBe(false);
    expect(notModified(stored, cond('"v2"', 'Wed, 25 Nov 2026 10:00:00 GMT'))).toBe(false);
    expect(notModified(stored, cond('', 'not a date'))).toBe(false);
    expect(notModified({ ...stored, lastModified: '' }, cond('', 'Wed, 25 Nov 2026 10:00:00 GMT'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchHolds } from './etag';

describe('etagOf', () => {
  it('is a strong validator that changes with the view', () => {
    const a = etagOf({ name: 'orders', retries: 1 });
    expect(a).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf({ name: 'orders', retries: 1 })).toBe(a);
    expect(etagOf({ name: 'orders', retries: 2 })).not.toBe(a);
  });
});

describe('ifMatchHolds (RFC 9110 strong comparison)', () => {
  const current = '"abc"';
  it('goes ahead without a header, with an empty one and with *', () => {
    expect(ifMatchHolds(undefined, current)).toBe(true);
    expect(ifMatchHolds('', current)).toBe(true);
    expect(ifMatchHolds(' * ', current)).toBe(true);
  });
  it('needs the current tag among the listed ones', () => {
    expect(ifMatchHolds('"abc"', current)).toBe(true);
    expect(ifMatchHolds('"x", "abc"', current)).toBe(true);
    expect(ifMatchHolds('"x"', current)).toBe(false);
    expect(ifMatchHolds('abc', current)).toBe(false);
  });
  it('never matches a weak validator', () => {
    expect(ifMatchHolds('W/"abc"', current)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { addVary, hasHeader, headerValues, removeHeader, setHeader } from './header-list';

describe('header list edits', () => {
  it('reads, removes and sets whatever case the upstream used', () => {
    const list = ['Content-Type', 'text/plain', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2'];
    expect(headerValues(list, 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(hasHeader(list, 'content-type')).toBe(true);
    removeHeader(list, 'set-cookie');
    expect(list).toEqual(['Content-Type', 'text/plain']);
    setHeader(list, 'content-type', 'application/json');
    expect(list).toEqual(['content-type', 'application/json']);
  });

  it('adds a Vary token once, and never beside Vary: *', () => {
    const list: string[] = [];
    addVary(list, 'Origin');
    addVary(list, 'Origin');
    expect(list).toEqual(['vary', 'Origin']);
    const encoded = ['Vary', 'Accept-Encoding, origin'];
    addVary(encoded, 'Origin');
    expect(encoded).toEqual(['Vary', 'Accept-Encoding, origin']);
    const star = ['vary', '*'];
    addVary(star, 'Origin');
    expect(star).toEqual(['vary', '*']);
    const other = ['Vary', 'Accept-Encoding'];
    addVary(other, 'Origin');
    expect(other).toEqual(['Vary', 'Accept-Encoding', 'vary', 'Origin']);
  });
});

import { describe, expect, it } from 'vitest';
import { cookieValue, headerValue, queryParam, withoutCookies, withoutQueryParams } from './request-parts';

describe('request parts', () => {
  it('reads a query parameter by its decoded name, first value wins', () => {
    expect(queryParam('?a=1&apikey=k%2B1&apikey=k2', 'apikey')).toBe('k+1');
    expect(queryParam('?api%6Bey=x', 'apikey')).toBe('x');
    expect(queryParam('?apikey', 'apikey')).toBe('');
    expect(queryParam('', 'apikey')).toBeUndefined();
    expect(queryParam('?apikey=%E0%A4%A', 'apikey')).toBeUndefined();
  });

  it('removes parameters and keeps the others byte for byte', () => {
    expect(withoutQueryParams('?a=%2f&apikey=k&b=c+d', new Set(['apikey']))).toBe('?a=%2f&b=c+d');
    expect(withoutQueryParams('?apikey=k&apikey=j', new Set(['apikey']))).toBe('');
    expect(withoutQueryParams('', new Set(['apikey']))).toBe('');
  });

  it('reads and removes cookies', () => {
    expect(cookieValue('a=1; jwt=t.o.k; b=2', 'jwt')).toBe('t.o.k');
    expect(cookieValue(undefined, 'jwt')).toBeUndefined();
    expect(withoutCookies('a=1; jwt=t; b=2', new Set(['jwt']))).toBe('a=1; b=2');
    expect(withoutCookies('jwt=t', new Set(['jwt']))).toBeNull();
  });

  it('takes the first of a repeated header', () => {
    expect(headerValue({ 'set-cookie': ['a', 'b'] }, 'set-cookie')).toBe('a');
    expect(headerValue({ apikey: 'k' }, 'apikey')).toBe('k');
  });
});

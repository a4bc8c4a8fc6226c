import { describe, expect, it } from 'vitest';
import { negotiateEncoding, parseAcceptEncoding } from './accept-encoding';
import { contentTypeMatcher } from './policy';

describe('negotiateEncoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, null],
    ['', null],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=0, br;q=0', null],
    ['identity', null],
    ['gzip;q=0.5, identity', null],
    ['gzip;q=0.5, identity;q=0.4', 'gzip'],
    ['*', 'br'],
    ['*;q=0.3, br;q=0', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip;q=abc', null],
    ['GZIP ; Q=1', 'gzip'],
    ['deflate', null],
  ])('%j -> %s', (header, expected) => {
    expect(negotiateEncoding(header, both)).toBe(expected);
  });

  it('ties go to the route order', () => {
    expect(negotiateEncoding('br, gzip', ['gzip', 'br'])).toBe('gzip');
    expect(negotiateEncoding('br', ['gzip'])).toBe(null);
  });

  it('parses q values', () => {
    expect([...parseAcceptEncoding('gzip;q=0.25, br; q=1.0 ,identity;q=2')]).toEqual([
      ['gzip', 0.25],
      ['br', 1],
      ['identity', 0],
    ]);
  });
});

describe('contentTypeMatcher', () => {
  const m = contentTypeMatcher(['text/*', 'application/json', 'application/*+json', 'image/svg+xml']);
  it.each([
    ['text/html; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/problem+json', true],
    ['image/svg+xml', true],
    ['image/png', false],
    ['application/octet-stream', false],
    ['textual/plain', false],
  ])('%s -> %s', (type, expected) => expect(m(type)).toBe(expected));
});

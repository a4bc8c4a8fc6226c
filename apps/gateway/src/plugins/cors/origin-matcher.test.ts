import { describe, expect, it } from 'vitest';
import { compileOrigins } from './origin-matcher';

describe('compileOrigins', () => {
  it('matches exact origins case-insensitively and nothing else', () => {
    const m = compileOrigins(['https://app.example.com']);
    expect(m.any).toBe(false);
    expect(m.matches('https://app.example.com')).toBe(true);
    expect(m.matches('HTTPS://APP.Example.com')).toBe(true);
    expect(m.matches('http://app.example.com')).toBe(false);
    expect(m.matches('https://app.example.com:8443')).toBe(false);
  });

  it('matches subdomains of a wildcard, never the bare domain or a look-alike', () => {
    const m = compileOrigins(['https://*.example.com']);
    expect(m.matches('https://a.example.com')).toBe(true);
    expect(m.matches('https://a.b.example.com')).toBe(true);
    expect(m.matches('https://example.com')).toBe(false);
    expect(m.matches('https://evilexample.com')).toBe(false);
    expect(m.matches('https://a.example.com.evil.net')).toBe(false);
    expect(m.matches('http://a.example.com')).toBe(false);
  });

  it('anchors regexes to the whole origin', () => {
    const m = compileOrigins(['~https://(a|b)\\.example\\.com']);
    expect(m.matches('https://a.example.com')).toBe(true);
    expect(m.matches('https://b.EXAMPLE.com')).toBe(true);
    expect(m.matches('https://a.example.com.evil.net')).toBe(false);
    expect(m.matches('https://c.example.com')).toBe(false);
  });

  it('matches everything with *', () => {
    const m = compileOrigins(['https://x.test', '*']);
    expect(m.any).toBe(true);
    expect(m.matches('null')).toBe(true);
  });
});

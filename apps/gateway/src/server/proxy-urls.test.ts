import { describe, expect, it } from 'vitest';
import { proxyUrlsOf } from './proxy-urls';

describe('proxyUrlsOf', () => {
  it('lists HTTP, and HTTPS only while its listener is on', () => {
    expect(proxyUrlsOf('127.0.0.1', { proxyPort: 8000, tlsPort: -1 })).toEqual(['http://127.0.0.1:8000']);
    expect(proxyUrlsOf('0.0.0.0', { proxyPort: 8000, tlsPort: 8443 })).toEqual(['http://0.0.0.0:8000', 'https://0.0.0.0:8443']);
  });

  it('brackets an IPv6 host', () => {
    expect(proxyUrlsOf('::', { proxyPort: 80, tlsPort: -1 })).toEqual(['http://[::]:80']);
  });
});

import { describe, expect, it } from 'vitest';
import { samplePath, tryItCommand } from './try-it-command';

describe('samplePath', () => {
  it('keeps prefixes, unwraps exact paths, fills named segments and gives up on regular expressions', () => {
    expect(samplePath('/orders')).toBe('/orders');
    expect(samplePath('=/health')).toBe('/health');
    expect(samplePath('/users/:id/orders/:orderId')).toBe('/users/1/orders/1');
    expect(samplePath('~^/v[0-9]+/')).toBeNull();
  });
});

describe('tryItCommand', () => {
  it('prints a GET of the first concrete path at the proxy', () => {
    expect(tryItCommand('http://127.0.0.1:8000/', { paths: ['~^/x', '/hello'], hosts: [], methods: [] })).toBe("curl -i 'http://127.0.0.1:8000/hello'");
  });

  it('adds the method when the route takes no GET and a host header for a host-bound route', () => {
    expect(tryItCommand('http://gw:8000', { paths: ['/orders'], hosts: ['*.example.com'], methods: ['POST', 'PUT'] })).toBe(
      "curl -i -X POST -H 'Host: demo.example.com' 'http://gw:8000/orders'",
    );
  });

  it("quotes what a shell would read and gives up when every path is a regular expression", () => {
    expect(tryItCommand('http://gw:8000', { paths: ["/it's"], hosts: [], methods: ['GET'] })).toBe("curl -i 'http://gw:8000/it'\\''s'");
    expect(tryItCommand('http://gw:8000', { paths: ['~^/a'], hosts: [], methods: [] })).toBeNull();
  });
});

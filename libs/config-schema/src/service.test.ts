import { describe, expect, it } from 'vitest';
import { parseServiceUrl, serviceCreateSchema } from './service';

describe('parseServiceUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/api', { kind: 'url', protocol: 'http', host: '127.0.0.1', port: 8080, path: '/api' }],
    ['https://example.com', { kind: 'url', protocol: 'https', host: 'example.com', port: 443, path: '/' }],
    ['http://[::1]:81', { kind: 'url', protocol: 'http', host: '::1', port: 81, path: '/' }],
    ['upstream://orders', { kind: 'upstream', upstream: 'orders', path: '/' }],
    ['upstream://orders/v1', { kind: 'upstream', upstream: 'orders', path: '/v1' }],
  ])('%s', (raw, parsed) => expect(parseServiceUrl(raw)).toEqual(parsed));

  it.each(['ftp://x', 'http://', 'not a url', 'http://u:p@host', 'http://h/?q=1', 'upstream://'])('refuses %s', (raw) =>
    expect(parseServiceUrl(raw)).toBeNull(),
  );

  it('reports field paths for invalid services', () => {
    const r = serviceCreateSchema.safeParse({ name: 'ok', url: 'ftp://x', retries: -1, extra: 1 });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.') || (i as { keys?: string[] }).keys?.join(','));
    expect(paths).toEqual(expect.arrayContaining(['url', 'retries', 'extra']));
  });
});

import { describe, expect, it } from 'vitest';
import { connectionTokens, downstreamResponseHeaders, upstreamRequestHeaders } from './headers';
import { isValidRequestId, resolveRequestId } from './request-id';

const ctx = { clientIp: '10.0.0.9', proto: 'http' as const, host: 'api.example.com', port: 8000, requestId: 'req-1' };

function toMap(flat: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < flat.length; i += 2) (out[flat[i].toLowerCase()] ??= []).push(flat[i + 1]);
  return out;
}

describe('upstreamRequestHeaders', () => {
  it('strips hop-by-hop headers and those named in Connection', () => {
    const raw = [
      'Host', 'api.example.com',
      'Connection', 'keep-alive, X-Secret-Hop',
      'Keep-Alive', 'timeout=5',
      'Proxy-Authorization', 'Basic x',
      'Proxy-Foo', 'y',
      'TE', 'trailers',
      'Trailer', 'x',
      'Transfer-Encoding', 'chunked',
      'Upgrade', 'websocket',
      'X-Secret-Hop', 'drop me',
      'Expect', '100-continue',
      'Accept', 'text/plain',
      'Cookie', 'a=1',
      'Cookie', 'b=2',
    ];
    const h = toMap(upstreamRequestHeaders(raw, 'keep-alive, X-Secret-Hop', ctx));
    for (const name of ['host', 'connection', 'keep-alive', 'proxy-authorization', 'proxy-foo', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'x-secret-hop', 'expect']) {
      expect(h[name], name).toBeUndefined();
    }
    expect(h.accept).toEqual(['text/plain']);
    expect(h.cookie).toEqual(['a=1', 'b=2']);
  });

  it('sets X-Forwarded-* and appends to an existing X-Forwarded-For', () => {
    const h = toMap(upstreamRequestHeaders(['X-Forwarded-For', '1.1.1.1', 'X-Forwarded-Proto', 'https', 'X-Request-Id', 'old'], undefined, ctx));
    expect(h['x-forwarded-for']).toEqual(['1.1.1.1, 10.0.0.9']);
    expect(h['x-forwarded-proto']).toEqual(['http']);
    expect(h['x-forwarded-host']).toEqual(['api.example.com']);
    expect(h['x-forwarded-port']).toEqual(['8000']);
    expect(h['x-request-id']).toEqual(['req-1']);
    expect(toMap(upstreamRequestHeaders([], undefined, ctx))['x-forwarded-for']).toEqual(['10.0.0.9']);
  });
});

describe('downstreamResponseHeaders', () => {
  it('strips hop-by-hop and sets the request id', () => {
    const raw = ['Content-Type', 'text/plain', 'Connection', 'X-Internal', 'X-Internal', '1', 'Transfer-Encoding', 'chunked', 'Keep-Alive', 'timeout=5', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'X-Request-Id', 'upstream-id'].map((s) => Buffer.from(s));
    const h = toMap(downstreamResponseHeaders(raw, 'req-1'));
    expect(h).toEqual({ 'content-type': ['text/plain'], 'set-cookie': ['a=1', 'b=2'], 'x-request-id': ['req-1'] });
  });

  it('parses Connection tokens', () => {
    expect(connectionTokens('close')).toBeNull();
    expect([...(connectionTokens('Keep-Alive, Foo ,bar') ?? [])]).toEqual(['foo', 'bar']);
  });
});

describe('request id', () => {
  it('keeps valid ids and replaces invalid ones', () => {
    expect(isValidRequestId('abc-DEF_1.2')).toBe(true);
    expect(isValidRequestId('a'.repeat(128))).toBe(true);
    expect(isValidRequestId('a'.repeat(129))).toBe(false);
    expect(isValidRequestId('')).toBe(false);
    expect(isValidRequestId('has space')).toBe(false);
    expect(isValidRequestId('new\nline')).toBe(false);
    expect(resolveRequestId('keep.me')).toBe('keep.me');
    expect(resolveRequestId(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveRequestId('bad id!')).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveRequestId(undefined)).not.toBe(resolveRequestId(undefined));
  });
});

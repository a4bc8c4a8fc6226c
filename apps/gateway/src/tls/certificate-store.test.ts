import { afterAll, describe, expect, it } from 'vitest';
import { encodeGrpcMessage, grpcStatusFor, isGrpcContentType } from '../proxy/grpc-errors';
import { downstreamTrailers } from '../proxy/grpc-trailers';
import { createTestCa } from '../testing/certs';
import { CertificateStore } from './certificate-store';

const ca = createTestCa();
const a = ca.issue('a', ['a.test']);
afterAll(() => ca.dispose());

describe('CertificateStore', () => {
  it('prefers the exact name, then a one-label wildcard, case-insensitively', () => {
    const store = new CertificateStore();
    expect(store.update([{ id: 'x', snis: ['api.a.test'], ...a }, { id: 'w', snis: ['*.a.test'], ...a }])).toEqual([]);
    const exact = store.select('API.a.test');
    const wild = store.select('other.a.test');
    expect(exact).toBeDefined();
    expect(wild).toBeDefined();
    expect(exact).not.toBe(wild);
    expect(store.select('a.test')).toBeUndefined();
    expect(store.select('x.y.a.test')).toBeUndefined();
  });

  it('reuses the secure context of an unchanged certificate across swaps and drops removed ones', () => {
    const store = new CertificateStore();
    store.update([{ id: 'x', snis: ['a.test'], ...a }]);
    const first = store.select('a.test');
    store.update([{ id: 'x', snis: ['a.test'], ...a }]);
    expect(store.select('a.test')).toBe(first);
    store.update([]);
    expect(store.select('a.test')).toBeUndefined();
  });

  it('skips keyless or broken certificates with warnings that carry no key', () => {
    const store = new CertificateStore();
    const warnings = store.update([{ id: 'k', snis: ['k.test'], cert: a.cert }, { id: 'b', snis: ['b.test'], cert: a.cert, key: 'junk' }]);
    expect(warnings).toHaveLength(2);
    expect(warnings.join()).not.toContain('PRIVATE KEY');
    expect(store.select('b.test')).toBeUndefined();
  });
});

describe('gRPC helpers', () => {
  it('maps gateway HTTP statuses to gRPC codes', () => {
    expect([404, 502, 503, 504, 429, 500, 418].map(grpcStatusFor)).toEqual([12, 14, 14, 4, 8, 13, 2]);
  });
  it('recognises gRPC (not gRPC-web) content types', () => {
    expect(['application/grpc', 'application/grpc+proto', 'application/grpc;x=1'].every(isGrpcContentType)).toBe(true);
    expect(['application/grpc-web', 'application/json', undefined].some(isGrpcContentType)).toBe(false);
  });
  it('percent-encodes grpc-message', () => expect(encodeGrpcMessage('50% é')).toBe('50%25 %C3%A9'));
  it('relays trailers without hop-by-hop ones, or repeats a trailers-only status', () => {
    expect(downstreamTrailers({ 'grpc-status': '0', ':x': 'y', connection: 'close' }, undefined)).toEqual({ 'grpc-status': '0' });
    expect(downstreamTrailers([], { 'grpc-status': '5' })).toEqual({ 'grpc-status': '5' });
    expect(downstreamTrailers(null, undefined)).toBeUndefined();
  });
});

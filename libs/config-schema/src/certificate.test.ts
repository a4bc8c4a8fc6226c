import { describe, expect, it } from 'vitest';
import { certificateCreateSchema, sniSchema } from './certificate';
import { parseServiceUrl, serviceCreateSchema, serviceProtocolOf } from './service';
import { snapshotSchema } from './snapshot';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

describe('certificates', () => {
  it.each(['api.example.com', '*.example.com', 'localhost'])('accepts sni %s', (v) => expect(sniSchema.safeParse(v).success).toBe(true));
  it.each(['*', '*.*.example.com', 'a.*.example.com', 'a b', '-a.com'])('refuses sni %s', (v) =>
    expect(sniSchema.safeParse(v).success).toBe(false),
  );
  it('lowercases snis and keeps the key optional (CA bundles)', () => {
    expect(certificateCreateSchema.parse({ snis: ['API.Example.com'], cert: CERT, key: KEY }).snis).toEqual(['api.example.com']);
    expect(certificateCreateSchema.safeParse({ cert: CERT }).success).toBe(true);
    expect(certificateCreateSchema.safeParse({ cert: 'nope', key: KEY }).success).toBe(false);
    expect(certificateCreateSchema.safeParse({ cert: CERT, key: 'nope' }).success).toBe(false);
  });
  it('keeps snapshots without certificates valid', () => {
    expect(snapshotSchema.parse({ revision: 1, services: [], routes: [], upstreams: [] }).certificates).toBeUndefined();
  });
});

describe('grpc service urls and TLS fields', () => {
  it.each([
    ['grpc://10.0.0.1:50051', { kind: 'url', protocol: 'grpc', host: '10.0.0.1', port: 50051, path: '/' }],
    ['grpcs://api.example.com', { kind: 'url', protocol: 'grpcs', host: 'api.example.com', port: 443, path: '/' }],
  ])('%s', (raw, parsed) => expect(parseServiceUrl(raw)).toEqual(parsed));

  it('derives the protocol from the url, or from the field for upstream:// urls', () => {
    expect(serviceProtocolOf(parseServiceUrl('https://a')!, undefined)).toBe('https');
    expect(serviceProtocolOf(parseServiceUrl('upstream://u')!, undefined)).toBe('http');
    expect(serviceProtocolOf(parseServiceUrl('upstream://u')!, 'grpcs')).toBe('grpcs');
  });

  it('accepts the optional TLS fields and nothing is defaulted', () => {
    const s = serviceCreateSchema.parse({ name: 's', url: 'https://a', tlsVerify: false, tlsServerName: 'b', clientCertificateId: 'c1' });
    expect(s).toEqual({ name: 's', url: 'https://a', tlsVerify: false, tlsServerName: 'b', clientCertificateId: 'c1' });
    expect(serviceCreateSchema.parse({ name: 's', url: 'https://a' })).toEqual({ name: 's', url: 'https://a' });
  });
});

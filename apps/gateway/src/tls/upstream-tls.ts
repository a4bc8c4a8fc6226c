import type { Snapshot, SnapshotCertificate, SnapshotService } from '@aya/config-schema';
import { certificateDigest } from './certificate-store';

/** The tls.connect options a service adds to undici's connector (verification, SNI, client cert, CA). */
export interface UpstreamTlsOptions {
  readonly rejectUnauthorized?: boolean;
  readonly servername?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly ca?: string;
}

/** How a service's targets are reached, beyond host and port. */
export interface ServiceEndpoint {
  /** the scheme undici connects with: grpc rides on http, grpcs on https */
  readonly scheme: 'http' | 'https';
  /** gRPC: HTTP/2 by ALPN over TLS, or with prior knowledge (h2c) in clear */
  readonly http2?: 'alpn' | 'h2c';
  readonly tls?: UpstreamTlsOptions;
  /**
   * Pools are per origin + connect timeout + this: two services reaching one origin with another
   * TLS identity or HTTP version must not share connections. '' for plain HTTP(S) defaults, so
   * their pool keys stay what they always were.
   */
  readonly poolSuffix: string;
}

export function poolKeyOf(origin: string, connectTimeoutMs: number, endpoint: ServiceEndpoint): string {
  return endpoint.poolSuffix ? `${origin}#${connectTimeoutMs}~${endpoint.poolSuffix}` : `${origin}#${connectTimeoutMs}`;
}

const PLAIN: ServiceEndpoint = { scheme: 'http', poolSuffix: '' };

/**
 * Resolves every service's endpoint once per revision. A missing or keyless client certificate
 * (or a missing CA) is a warning and the option is dropped: verification stays on, so the worst
 * outcome is a refused handshake (502), never an unverified connection.
 */
export function serviceEndpoints(snapshot: Snapshot, warnings: string[]): (s: SnapshotService) => ServiceEndpoint {
  const certs = new Map<string, SnapshotCertificate>((snapshot.certificates ?? []).map((c) => [c.id, c]));
  const cache = new Map<string, ServiceEndpoint>();
  return (s) => {
    let e = cache.get(s.id);
    if (!e) cache.set(s.id, (e = endpointOf(s, certs, warnings)));
    return e;
  };
}

function endpointOf(s: SnapshotService, certs: ReadonlyMap<string, SnapshotCertificate>, warnings: string[]): ServiceEndpoint {
  const secure = s.protocol === 'https' || s.protocol === 'grpcs';
  const http2 = s.protocol === 'grpc' ? 'h2c' : s.protocol === 'grpcs' ? 'alpn' : undefined;
  if (!secure) return http2 ? { scheme: 'http', http2, poolSuffix: http2 } : PLAIN;
  const tls: { -readonly [K in keyof UpstreamTlsOptions]: UpstreamTlsOptions[K] } = {};
  const parts: string[] = http2 ? [http2] : [];
  if (s.tlsVerify === false) {
    tls.rejectUnauthorized = false;
    parts.push('noverify');
  }
  if (s.tlsServerName) {
    tls.servername = s.tlsServerName;
    parts.push(`sni=${s.tlsServerName}`);
  }
  if (s.clientCertificateId) {
    const c = certs.get(s.clientCertificateId);
    if (c?.key) {
      tls.cert = c.cert;
      tls.key = c.key;
      parts.push(`client=${certificateDigest(c)}`);
    } else warnings.push(`service ${s.name}: client certificate ${s.clientCertificateId} missing or without key (none presented)`);
  }
  if (s.caCertificateId) {
    const c = certs.get(s.caCertificateId);
    if (c) {
      tls.ca = c.cert;
      parts.push(`ca=${certificateDigest(c)}`);
    } else warnings.push(`service ${s.name}: CA certificate ${s.caCertificateId} missing (system CAs used)`);
  }
  return { scheme: 'https', http2, tls: parts.length > (http2 ? 1 : 0) ? tls : undefined, poolSuffix: parts.join(',') };
}

import { X509Certificate } from 'node:crypto';
import type { SnapshotCertificate } from '@aya/config-schema';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The snapshot's certificates as X.509 objects by id, for mtls-auth `caCertificates`. One per gateway process
 * (PluginShared.service): the gateway updates it at each config apply, before plugins are created, and
 * instances look CAs up per request, so a CA replaced under the same id takes effect without a new instance.
 * A certificate entry may hold a bundle (several PEM blocks): each is a trusted CA.
 */
export class TrustedCas {
  private byId = new Map<string, readonly X509Certificate[]>();
  /** parsed certificates by their PEM, so an unchanged certificate is not parsed again */
  private parsed = new Map<string, readonly X509Certificate[]>();

  update(certificates: readonly SnapshotCertificate[] | undefined): void {
    const byId = new Map<string, readonly X509Certificate[]>();
    const parsed = new Map<string, readonly X509Certificate[]>();
    for (const c of certificates ?? []) {
      const list = this.parsed.get(c.cert) ?? parsePems(c.cert);
      parsed.set(c.cert, list);
      byId.set(c.id, list);
    }
    this.byId = byId;
    this.parsed = parsed;
  }

  get(ids: readonly string[]): X509Certificate[] {
    return ids.flatMap((id) => this.byId.get(id) ?? []);
  }
}

function parsePems(pem: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const block of pem.match(PEM_BLOCK) ?? []) {
    try {
      out.push(new X509Certificate(block));
    } catch {
      // a broken block trusts nothing; the others still count
    }
  }
  return out;
}

export const TRUSTED_CAS_SERVICE = 'mtls:trusted-cas';

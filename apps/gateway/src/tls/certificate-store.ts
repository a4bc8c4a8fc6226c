import { createHash } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { SnapshotCertificate } from '@aya/config-schema';
import { errorMessage } from '../log';

/** Digest of a certificate's PEMs: the cache key of everything built from it. */
export function certificateDigest(c: SnapshotCertificate): string {
  return createHash('sha256').update(c.id).update('\0').update(c.cert).update('\0').update(c.key ?? '').digest('hex').slice(0, 24);
}

/**
 * The HTTPS listener's certificates by SNI, from the applied snapshot. Secure contexts are built in update() at config swap (parsing PEMs costs
 * milliseconds) and cached by id + digest, so an unchanged certificate is never rebuilt and the
 * SNI callback is two map lookups. Private keys are never logged, not even in warnings.
 */
export class CertificateStore {
  private contexts = new Map<string, SecureContext>();
  private exact = new Map<string, SecureContext>();
  /** `*.example.com` is stored under `.example.com` */
  private wildcard = new Map<string, SecureContext>();

  /** Rebuilds the tables; returns warnings (bad certificates are skipped, never fatal). */
  update(certificates: readonly SnapshotCertificate[] | undefined): string[] {
    const warnings: string[] = [];
    const contexts = new Map<string, SecureContext>();
    const exact = new Map<string, SecureContext>();
    const wildcard = new Map<string, SecureContext>();
    for (const c of certificates ?? []) {
      if (c.snis.length === 0) continue;
      const digest = certificateDigest(c);
      if (!c.key) {
        warnings.push(`certificate ${c.id}: has SNIs but no private key (not served)`);
        continue;
      }
      let ctx = this.contexts.get(digest);
      if (!ctx) {
        try {
          ctx = createSecureContext({ cert: c.cert, key: c.key });
        } catch (err) {
          // the OpenSSL message names the failing routine, never key material
          warnings.push(`certificate ${c.id}: unusable (${errorMessage(err)})`);
          continue;
        }
      }
      contexts.set(digest, ctx);
      for (const raw of c.snis) {
        const sni = raw.toLowerCase();
        const table = sni.startsWith('*.') ? wildcard : exact;
        const name = sni.startsWith('*.') ? sni.slice(1) : sni;
        if (table.has(name)) warnings.push(`certificate ${c.id}: SNI ${sni} already served by another certificate (ignored)`);
        else table.set(name, ctx);
      }
    }
    // one assignment each: a handshake in between sees whole tables (JS is single-threaded anyway)
    this.contexts = contexts;
    this.exact = exact;
    this.wildcard = wildcard;
    return warnings;
  }

  /** Exact name first, then the wildcard of its parent domain (one label, like browsers). */
  select(servername: string): SecureContext | undefined {
    const name = servername.toLowerCase();
    const hit = this.exact.get(name);
    if (hit) return hit;
    const dot = name.indexOf('.');
    return dot > 0 ? this.wildcard.get(name.slice(dot)) : undefined;
  }

  /**
   * tls SNICallback. No match: no context is given, and as the listener has no default
   * certificate the handshake fails (an unknown name never gets some other tenant's certificate).
   */
  readonly sniCallback = (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void): void => {
    cb(null, this.select(servername));
  };
}

import { mtlsAuthConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { authenticated, invalid, missing } from '../auth-common/replies';
import type { AuthOutcome, AuthPluginInstance, ConsumerIdentity, PluginDefinition } from '../types';
import { chainsTo, subjectCommonNames } from './chain';
import { peerChain } from './peer';
import { TRUSTED_CAS_SERVICE, TrustedCas } from './trusted-cas';

type MtlsAuthConfig = PluginConfigOf<'mtls-auth'>;

interface MtlsEntry {
  readonly credentialId: string;
  readonly consumer: ConsumerIdentity;
}

/**
 * mtls-auth: the client certificate of the HTTPS connection names an mtls credential, by the SHA-256
 * fingerprint of its DER and/or its subject CN (`matchBy`). The listener asks every client for a certificate
 * while some plugin of the config is mtls-auth, and accepts any: this plugin decides. With
 * `caCertificates`, the certificate must chain to one of them (validity periods checked). Without, only a
 * fingerprint match counts: a subject CN alone proves nothing when anyone may issue the certificate.
 */
export const mtlsAuthPlugin: PluginDefinition<MtlsAuthConfig> = {
  name: 'mtls-auth',
  priority: 1600,
  version: '1.0.0',
  schema: mtlsAuthConfigSchema,
  auth: true,
  create(config, env): AuthPluginInstance {
    const byFingerprint = new Map<string, MtlsEntry>();
    const bySubject = new Map<string, MtlsEntry>();
    for (const c of env.consumers.credentials('mtls')) {
      const consumer = env.consumers.consumer(c.consumerId);
      if (consumer === undefined) continue;
      const entry = { credentialId: c.id, consumer };
      const print = c.fingerprint?.toLowerCase().replace(/:/g, '');
      if (print !== undefined && !byFingerprint.has(print)) byFingerprint.set(print, entry);
      if (c.subject !== null && !bySubject.has(c.subject)) bySubject.set(c.subject, entry);
    }
    const cas = env.shared.service(TRUSTED_CAS_SERVICE, () => new TrustedCas());
    const verifyChain = config.caCertificates.length > 0;
    const byPrint = config.matchBy !== 'subject';
    // a CN is only worth something when the certificate is known to come from a trusted CA
    const byCn = config.matchBy !== 'fingerprint' && verifyChain;
    return {
      anonymous: config.anonymous,
      authenticate(r): AuthOutcome {
        const peer = peerChain(r.req);
        if (peer === undefined) return missing(undefined);
        if (verifyChain && !chainsTo(peer.leaf, peer.intermediates, cas.get(config.caCertificates))) return invalid(undefined, 'certificate-untrusted');
        let entry = byPrint ? byFingerprint.get(peer.leaf.fingerprint256.replace(/:/g, '').toLowerCase()) : undefined;
        if (entry === undefined && byCn) for (const cn of subjectCommonNames(peer.leaf)) if ((entry = bySubject.get(cn)) !== undefined) break;
        if (entry === undefined) return invalid(undefined, 'credentials-unknown');
        return authenticated(entry.consumer, entry.credentialId);
      },
    };
  },
};

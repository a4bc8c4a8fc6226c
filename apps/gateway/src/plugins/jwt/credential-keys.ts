import { createPublicKey } from 'node:crypto';
import type { JwtAlgorithm, SnapshotCredential } from '@aya/config-schema';
import { unsealFromControlPlane } from '@aya/config-schema/secrets';
import { errorMessage } from '../../log';
import type { ConsumerDirectory, ConsumerIdentity } from '../types';
import type { JwksCache } from './jwks-cache';
import type { VerificationKey } from './verify';

type JwtCredential = Extract<SnapshotCredential, { type: 'jwt' }>;

export interface JwtVerifier {
  readonly credentialId: string;
  readonly consumer: ConsumerIdentity;
  /** the one algorithm tokens of this credential may use */
  readonly algorithm: JwtAlgorithm;
  readonly key: VerificationKey;
}

/** The key a credential verifies with, or a reason it has none (logged once per config change). */
function keyOf(c: JwtCredential, sealKey: Buffer, jwks: JwksCache): VerificationKey | string {
  if (c.algorithm.startsWith('HS')) {
    if (c.secretSealed === null) return 'no secret';
    const secret = unsealFromControlPlane(c.secretSealed, sealKey);
    // sealed under another cluster token (or tampered): this gateway cannot use it
    return secret === undefined ? 'secret not sealed for this cluster token' : new TextEncoder().encode(secret);
  }
  if (c.jwksUrl !== null) return jwks.resolver(c.jwksUrl);
  if (c.publicKey === null) return 'no public key';
  try {
    // an SPKI public key or an X.509 certificate; jose checks the key type against the algorithm
    return createPublicKey(c.publicKey);
  } catch (err) {
    return `unusable public key (${errorMessage(err)})`;
  }
}

/**
 * The tenant's jwt credentials by `key` (matched against the token's keyClaimName claim), each with the key it
 * verifies with, prepared once per config change. HMAC secrets are unsealed here, so they exist in clear only
 * in this process's memory.
 */
export function indexJwtCredentials(directory: ConsumerDirectory, sealKey: Buffer, jwks: JwksCache, warn: (msg: string, fields: Record<string, unknown>) => void): Map<string, JwtVerifier> {
  const byKey = new Map<string, JwtVerifier>();
  for (const c of directory.credentials('jwt')) {
    const consumer = directory.consumer(c.consumerId);
    if (consumer === undefined || byKey.has(c.key)) continue;
    const key = keyOf(c, sealKey, jwks);
    if (typeof key === 'string') {
      warn('jwt credential skipped', { credential: c.id, reason: key });
      continue;
    }
    byKey.set(c.key, { credentialId: c.id, consumer, algorithm: c.algorithm, key });
  }
  return byKey;
}

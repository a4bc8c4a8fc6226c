import { createPublicKey, type KeyObject } from 'node:crypto';
import type { CredentialCreate, ErrorDetail, JwtAlgorithm } from '@aya/config-schema';
import { hashPassword, randomSecret, sha256Hex } from '@aya/config-schema/secrets';
import type { SecretBox } from '../certificates/secret-box';
import { ValidationError } from '../common/errors';

/** Characters of a key-auth key kept in clear, to tell a consumer's keys apart (the rest is only hashed). */
export const KEY_PREFIX_LENGTH = 6;

/** The credential's columns (no tenant, consumer or type), secrets already hashed or sealed. */
export interface CredentialColumns {
  keyHash?: string;
  keyPrefix?: string;
  expiresAt?: Date | null;
  username?: string;
  passwordHash?: string;
  jwtKey?: string;
  algorithm?: string;
  secretEncrypted?: string;
  publicKey?: string;
  jwksUrl?: string;
  subject?: string;
  fingerprint?: string;
}

export interface PreparedCredential {
  columns: CredentialColumns;
  /** returned once, in the create response: the key-auth key or the jwt HMAC secret */
  reveal: { key?: string; secret?: string };
}

/**
 * Turns a checked create body into columns. Runs before the write transaction: scrypt takes tens of
 * milliseconds, which should not be spent holding the config lock.
 */
export async function prepareCredential(input: CredentialCreate, box: SecretBox): Promise<PreparedCredential> {
  switch (input.type) {
    case 'key-auth': {
      const key = input.key ?? randomSecret();
      const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
      return { columns: { keyHash: sha256Hex(key), keyPrefix: key.slice(0, KEY_PREFIX_LENGTH), expiresAt }, reveal: { key } };
    }
    case 'basic-auth':
      return { columns: { username: input.username, passwordHash: await hashPassword(input.password) }, reveal: {} };
    case 'jwt': {
      if (!input.algorithm.startsWith('HS')) {
        if (input.publicKey !== undefined) assertPublicKey(input.publicKey, input.algorithm);
        return { columns: { jwtKey: input.key, algorithm: input.algorithm, publicKey: input.publicKey, jwksUrl: input.jwksUrl }, reveal: {} };
      }
      const secret = input.secret ?? randomSecret();
      // sealed before anything is written: without AYA_SECRET_KEY this is a 500 AYA_CP_SECRET_KEY_REQUIRED
      return { columns: { jwtKey: input.key, algorithm: input.algorithm, secretEncrypted: box.seal(secret) }, reveal: { secret } };
    }
    case 'mtls':
      return { columns: { subject: input.subject, fingerprint: input.fingerprint === undefined ? undefined : normalizeFingerprint(input.fingerprint) }, reveal: {} };
  }
}

/** `AB:CD:...` or `abcd...` -> lowercase hex without colons, as gateways compare it. */
export function normalizeFingerprint(fp: string): string {
  return fp.replaceAll(':', '').toLowerCase();
}

/** Which key types each algorithm family verifies with (node:crypto's asymmetricKeyType). */
const KEY_TYPES: Record<string, readonly string[]> = { RS: ['rsa'], PS: ['rsa', 'rsa-pss'], ES: ['ec'], Ed: ['ed25519', 'ed448'] };

function assertPublicKey(pem: string, algorithm: JwtAlgorithm): void {
  // createPublicKey also derives one from a private key, which must never be stored or shipped to gateways
  if (pem.includes('PRIVATE KEY')) throw invalid({ path: 'publicKey', message: 'this is a private key: give the public key' });
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw invalid({ path: 'publicKey', message: 'not a public key PEM node:crypto can read' });
  }
  const allowed = KEY_TYPES[algorithm.slice(0, 2)] ?? [];
  if (!allowed.includes(key.asymmetricKeyType ?? '')) {
    throw invalid({ path: 'publicKey', message: `a ${key.asymmetricKeyType ?? 'unknown'} key cannot verify ${algorithm}` });
  }
}

const invalid = (detail: ErrorDetail) => new ValidationError('invalid request body', [detail]);

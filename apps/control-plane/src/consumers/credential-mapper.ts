import { JWT_ALGORITHMS, type Credential, type CredentialType, type JwtAlgorithm, type SnapshotCredential } from '@aya/config-schema';
import type { Credential as CredentialRow } from '../generated/prisma/client';

const TYPES: readonly CredentialType[] = ['key-auth', 'basic-auth', 'jwt', 'mtls'];
const isType = (v: string): v is CredentialType => (TYPES as readonly string[]).includes(v);
const isJwtAlgorithm = (v: string | null): v is JwtAlgorithm => v !== null && (JWT_ALGORITHMS as readonly string[]).includes(v);

function typeOf(row: CredentialRow): CredentialType {
  if (!isType(row.type)) throw new Error(`credential ${row.id}: unknown type "${row.type}"`);
  return row.type;
}

/** Fields that are set, only: absent beats null in the admin view of a union. */
const present = <T extends Record<string, unknown>>(o: T): { [K in keyof T]?: NonNullable<T[K]> } =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };

/** The admin view: never a secret or a hash (the create response adds the generated key or secret, once). */
export function toCredential(row: CredentialRow): Credential {
  const type = typeOf(row);
  const common = { id: row.id, consumerId: row.consumerId, type, createdAt: row.createdAt.toISOString() };
  switch (type) {
    case 'key-auth':
      return { ...common, ...present({ keyPrefix: row.keyPrefix }), expiresAt: row.expiresAt?.toISOString() ?? null };
    case 'basic-auth':
      return { ...common, ...present({ username: row.username }) };
    case 'jwt':
      return { ...common, ...present({ key: row.jwtKey, algorithm: row.algorithm, publicKey: row.publicKey, jwksUrl: row.jwksUrl }) };
    case 'mtls':
      return { ...common, ...present({ subject: row.subject, fingerprint: row.fingerprint }) };
  }
}

/**
 * The snapshot item: secrets only hashed (key-auth sha256, basic-auth scrypt) or sealed for gateways (`reseal`
 * turns the jwt secret sealed at rest into one sealed under the cluster token).
 */
export function toSnapshotCredential(row: CredentialRow, tenant: string, reseal: (sealed: string) => string): SnapshotCredential {
  const type = typeOf(row);
  const common = { id: row.id, tenant, consumerId: row.consumerId };
  const need = (v: string | null, what: string): string => {
    if (v === null) throw new Error(`credential ${row.id}: ${what} is missing`);
    return v;
  };
  switch (type) {
    case 'key-auth':
      return { type, ...common, keyHash: need(row.keyHash, 'keyHash'), expiresAt: row.expiresAt?.toISOString() ?? null };
    case 'basic-auth':
      return { type, ...common, username: need(row.username, 'username'), passwordHash: need(row.passwordHash, 'passwordHash') };
    case 'jwt': {
      if (!isJwtAlgorithm(row.algorithm)) throw new Error(`credential ${row.id}: unknown algorithm "${row.algorithm}"`);
      return {
        type,
        ...common,
        key: need(row.jwtKey, 'key'),
        algorithm: row.algorithm,
        secretSealed: row.secretEncrypted === null ? null : reseal(row.secretEncrypted),
        publicKey: row.publicKey,
        jwksUrl: row.jwksUrl,
      };
    }
    case 'mtls':
      return { type, ...common, subject: row.subject, fingerprint: row.fingerprint };
  }
}

import { z } from 'zod';
import { nameSchema } from './common';
import { JWT_ALGORITHMS } from './plugins';

/** `POST /api/v1/tenants/{t}/consumers`: groups by name (each must exist as a consumer group). */
export const consumerCreateSchema = z.strictObject({
  username: nameSchema,
  customId: z.string().min(1).max(256).nullable().optional(),
  groups: z.array(nameSchema).max(64).optional(),
});
export const consumerUpdateSchema = consumerCreateSchema.partial();
export type ConsumerCreate = z.infer<typeof consumerCreateSchema>;

export interface Consumer {
  id: string;
  username: string;
  customId: string | null;
  groups: string[];
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/tenants/{t}/consumer-groups` */
export const consumerGroupCreateSchema = z.strictObject({
  name: nameSchema,
  description: z.string().max(1024).nullable().optional(),
});
export const consumerGroupUpdateSchema = consumerGroupCreateSchema.partial();
export type ConsumerGroupCreate = z.infer<typeof consumerGroupCreateSchema>;

export interface ConsumerGroup {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

const pem = z.string().min(1).max(16_384).regex(/-----BEGIN [A-Z ]+-----/, 'must be PEM');

/**
 * `POST /api/v1/tenants/{t}/consumers/{c}/credentials`, shapes as Kong users know them. Secrets (key, password,
 * HMAC secret) are write-only: a key-auth credential without `key` gets a generated one, returned once.
 */
export const credentialCreateSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('key-auth'),
    /** omitted: generated (returned once in the create response) */
    key: z.string().min(16).max(512).optional(),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  }),
  z.strictObject({
    type: z.literal('basic-auth'),
    username: z.string().min(1).max(256).regex(/^[^:]+$/, 'must not contain ":"'),
    password: z.string().min(8).max(1024),
  }),
  z
    .strictObject({
      type: z.literal('jwt'),
      /** matched against the token's `iss` claim (the plugin's keyClaimName) */
      key: z.string().min(1).max(512),
      algorithm: z.enum(JWT_ALGORITHMS).default('HS256'),
      /** HS* only; omitted: generated and returned once */
      secret: z.string().min(32).max(1024).optional(),
      /** RS / ES / PS / EdDSA: the public key PEM, or a JWKS URL */
      publicKey: pem.optional(),
      jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    })
    .superRefine((c, ctx) => {
      const hmac = c.algorithm.startsWith('HS');
      if (hmac && (c.publicKey !== undefined || c.jwksUrl !== undefined)) ctx.addIssue({ code: 'custom', path: ['publicKey'], message: `${c.algorithm} takes a secret, not a public key` });
      if (!hmac && c.secret !== undefined) ctx.addIssue({ code: 'custom', path: ['secret'], message: `${c.algorithm} takes publicKey or jwksUrl, not a secret` });
      if (!hmac && (c.publicKey === undefined) === (c.jwksUrl === undefined)) ctx.addIssue({ code: 'custom', path: ['publicKey'], message: 'set exactly one of publicKey or jwksUrl' });
    }),
  z
    .strictObject({
      type: z.literal('mtls'),
      /** subject common name of the client certificate */
      subject: z.string().min(1).max(1024).optional(),
      /** SHA-256 fingerprint of the client certificate (hex, colons optional) */
      fingerprint: z
        .string()
        .max(95) // 32 bytes as hex with a colon between each: the bound, stated for JSON Schema readers (and fuzzers)
        .regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'must be a SHA-256 fingerprint')
        .optional(),
    })
    .refine((c) => c.subject !== undefined || c.fingerprint !== undefined, { message: 'set subject or fingerprint', path: ['subject'] }),
]);
export type CredentialCreate = z.infer<typeof credentialCreateSchema>;

/** `PATCH .../credentials/{id}`: only a key-auth key's expiry changes in place (other changes: a new credential). */
export const credentialUpdateSchema = z.strictObject({
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
});
export type CredentialUpdate = z.infer<typeof credentialUpdateSchema>;
export type CredentialType = CredentialCreate['type'];

/**
 * A credential as the admin API returns it: never a secret, except `key` / `secret` in the create response
 * of a generated (or given) key-auth key or HMAC secret, exactly once.
 */
export interface Credential {
  id: string;
  consumerId: string;
  type: CredentialType;
  /** key-auth: first characters of the key, to tell keys apart */
  keyPrefix?: string;
  expiresAt?: string | null;
  username?: string;
  key?: string;
  algorithm?: string;
  publicKey?: string;
  jwksUrl?: string;
  subject?: string;
  fingerprint?: string;
  /** create response only */
  secret?: string;
  createdAt: string;
}

/**
 * Credentials in the snapshot: secrets only as hashes (key-auth: sha256 hex of the key; basic-auth: the scrypt
 * hash) or sealed for gateways (jwt HMAC secrets, see @aya/config-schema/seal: AES-GCM under a key derived from
 * AYA_CLUSTER_TOKEN, deterministic so item digests stay put).
 */
export const snapshotCredentialSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('key-auth'),
    id: z.string(),
    tenant: z.string(),
    consumerId: z.string(),
    keyHash: z.string(),
    expiresAt: z.string().nullable(),
  }),
  z.object({
    type: z.literal('basic-auth'),
    id: z.string(),
    tenant: z.string(),
    consumerId: z.string(),
    username: z.string(),
    passwordHash: z.string(),
  }),
  z.object({
    type: z.literal('jwt'),
    id: z.string(),
    tenant: z.string(),
    consumerId: z.string(),
    key: z.string(),
    algorithm: z.enum(JWT_ALGORITHMS),
    secretSealed: z.string().nullable(),
    publicKey: z.string().nullable(),
    jwksUrl: z.string().nullable(),
  }),
  z.object({
    type: z.literal('mtls'),
    id: z.string(),
    tenant: z.string(),
    consumerId: z.string(),
    subject: z.string().nullable(),
    /** lowercase hex, no colons */
    fingerprint: z.string().nullable(),
  }),
]);
export type SnapshotCredential = z.infer<typeof snapshotCredentialSchema>;

export const snapshotConsumerSchema = z.object({
  id: z.string(),
  tenant: z.string(),
  username: z.string(),
  customId: z.string().nullable(),
  /** group names */
  groups: z.array(z.string()),
});
export type SnapshotConsumer = z.infer<typeof snapshotConsumerSchema>;

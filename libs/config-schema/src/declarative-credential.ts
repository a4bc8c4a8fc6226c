import { z } from 'zod';
import { JWT_ALGORITHMS } from './plugins';

/**
 * A consumer's credential in a declarative document (`consumers[i].credentials[j]`), decided as Kong's decK does:
 * a dump never holds a secret in clear (a key-auth key as its sha256, a basic-auth password as its scrypt hash,
 * a jwt HMAC secret sealed with the control plane's AYA_SECRET_KEY), and applies back unchanged; a file written by
 * hand may give the secret in clear (`key`, `password`, `secret`), which the apply hashes or seals. Each credential
 * is known by what is unique in its tenant: the key's hash, the basic-auth username, the jwt key, the mtls
 * fingerprint (or subject).
 */

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash: 64 lowercase hex digits');
const pem = z.string().min(1).max(16_384).regex(/-----BEGIN [A-Z ]+-----/, 'must be PEM');
const oneOf = (a: string, b: string) => (c: Record<string, unknown>) => (c[a] === undefined) !== (c[b] === undefined);

export const declarativeCredentialSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      type: z.literal('key-auth'),
      /** in clear (a hand-written file): hashed on apply */
      key: z.string().min(16).max(512).optional(),
      /** what a dump holds: sha256 (hex) of the key */
      keyHash: sha256Hex.optional(),
      /** the key's first characters, to tell keys apart in lists (computed from `key` when given) */
      keyPrefix: z.string().max(16).optional(),
      expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    })
    .refine(oneOf('key', 'keyHash'), { path: ['key'], message: 'give key (in clear) or keyHash, exactly one' }),
  z
    .strictObject({
      type: z.literal('basic-auth'),
      username: z.string().min(1).max(256).regex(/^[^:]+$/, 'must not contain ":"'),
      /** in clear (a hand-written file): hashed with scrypt on apply */
      password: z.string().min(8).max(1024).optional(),
      /** what a dump holds: the scrypt hash as stored */
      passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be an scrypt hash as Aya stores it (scrypt$N$r$p$salt$hash)').max(1024).optional(),
    })
    .refine(oneOf('password', 'passwordHash'), { path: ['password'], message: 'give password (in clear) or passwordHash, exactly one' }),
  z
    .strictObject({
      type: z.literal('jwt'),
      key: z.string().min(1).max(512),
      algorithm: z.enum(JWT_ALGORITHMS).default('HS256'),
      /** HS*: the HMAC secret in clear (a hand-written file): sealed on apply */
      secret: z.string().min(32).max(1024).optional(),
      /** HS*: what a dump holds, sealed with AYA_SECRET_KEY (applies where that key is the same) */
      secretSealed: z.string().regex(/^v1:/, 'must be a secret sealed by an Aya control plane (v1:...)').max(4096).optional(),
      publicKey: pem.optional(),
      jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    })
    .superRefine((c, ctx) => {
      const hmac = c.algorithm.startsWith('HS');
      if (hmac && (c.secret === undefined) === (c.secretSealed === undefined)) ctx.addIssue({ code: 'custom', path: ['secret'], message: `${c.algorithm} takes secret (in clear) or secretSealed, exactly one` });
      if (hmac && (c.publicKey !== undefined || c.jwksUrl !== undefined)) ctx.addIssue({ code: 'custom', path: ['publicKey'], message: `${c.algorithm} takes a secret, not a public key` });
      if (!hmac && (c.secret !== undefined || c.secretSealed !== undefined)) ctx.addIssue({ code: 'custom', path: ['secret'], message: `${c.algorithm} takes publicKey or jwksUrl, not a secret` });
      if (!hmac && (c.publicKey === undefined) === (c.jwksUrl === undefined)) ctx.addIssue({ code: 'custom', path: ['publicKey'], message: 'set exactly one of publicKey or jwksUrl' });
    }),
  z
    .strictObject({
      type: z.literal('mtls'),
      subject: z.string().min(1).max(1024).optional(),
      fingerprint: z
        .string()
        .max(95)
        .regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'must be a SHA-256 fingerprint')
        .optional(),
    })
    .refine((c) => c.subject !== undefined || c.fingerprint !== undefined, { message: 'set subject or fingerprint', path: ['subject'] }),
]);
export type DeclarativeCredential = z.infer<typeof declarativeCredentialSchema>;

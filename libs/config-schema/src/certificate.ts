import { z } from 'zod';

/**
 * TLS certificates. The admin resource holds a PEM chain, its private key (encrypted at rest with
 * AYA_SECRET_KEY by the control plane, never returned by the admin API) and the SNIs it serves.
 * The gateway receives the key in clear, only inside the authenticated internal snapshot.
 */

/** `api.example.com`, or `*.example.com` (one leftmost label, like browsers match wildcards). */
export const sniSchema = z
  .string()
  .max(253)
  .regex(
    /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/,
    'must be a hostname or *.hostname',
  )
  .transform((v) => v.toLowerCase());

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/** Leaf first, then intermediates. Syntax only: the control plane may parse it further. */
export const pemCertificateSchema = z
  .string()
  .max(100_000)
  .regex(PEM_CERT, 'must be a PEM certificate (chain)')
  .describe('PEM X.509 chain, leaf first; the control plane parses every certificate (400 on `cert` when one does not parse)');
export const pemPrivateKeySchema = z
  .string()
  .max(100_000)
  .regex(PEM_KEY, 'must be a PEM private key')
  .describe('PEM private key, unencrypted; it must parse and match the leaf certificate (400 on `key`)');

export const certificateCreateSchema = z.strictObject({
  /** hostnames served with this certificate on the HTTPS listener; empty: only usable by id (client cert, CA) */
  snis: z.array(sniSchema).max(100).optional(),
  cert: pemCertificateSchema,
  /** optional only for a CA bundle referenced by a service's `caCertificateId` */
  key: pemPrivateKeySchema.optional(),
});
export const certificateUpdateSchema = certificateCreateSchema.partial();
export type CertificateCreate = z.infer<typeof certificateCreateSchema>;

/** Admin API view: the key is never returned, only whether there is one. */
export interface Certificate {
  id: string;
  snis: string[];
  cert: string;
  hasKey: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Snapshot entry: the only place a private key travels in clear (authenticated internal endpoint). */
export const snapshotCertificateSchema = z.object({
  id: z.string(),
  snis: z.array(z.string()),
  cert: z.string(),
  key: z.string().optional(),
});
export type SnapshotCertificate = z.infer<typeof snapshotCertificateSchema>;

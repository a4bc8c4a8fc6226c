import { z } from 'zod';
import { certificateCreateSchema } from './certificate';
import { consumerCreateSchema, consumerGroupCreateSchema } from './consumer';
import { declarativeCredentialSchema } from './declarative-credential';
import { pluginCreateSchema } from './plugin';
import { routeCreateSchema } from './route';
import { serviceCreateSchema } from './service';
import { upstreamCreateSchema } from './upstream';

export { declarativeCredentialSchema, type DeclarativeCredential } from './declarative-credential';

/**
 * A tenant's whole configuration as one document (`GET /api/v1/tenants/{t}/config`, `POST .../config/apply`,
 * `aya config dump|diff|apply`). Every object is named by its key, never by an id, so a dump applies to another
 * tenant or another installation: services by name, routes' `service` by name, plugins' scope by names, consumers by
 * username, groups by name. Certificates have no name: one is known by the SHA-256 fingerprint of its leaf, and
 * services and mtls-auth name certificates by that fingerprint.
 */
export const DECLARATIVE_VERSION = 1;

/** SHA-256 of the leaf certificate's DER, 64 lowercase hex digits (`openssl x509 -noout -fingerprint -sha256`, colons and case aside). */
export const certificateFingerprintSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 fingerprint of the leaf certificate: 64 lowercase hex digits');

/**
 * A certificate: `key` in clear (a file written by hand) or `keySealed` (what a dump holds: the key as stored, sealed
 * with the control plane's AYA_SECRET_KEY, so it applies where that key is the same). `fingerprint` is computed from
 * `cert`; when given it must match.
 */
export const declarativeCertificateSchema = certificateCreateSchema
  .extend({
    fingerprint: certificateFingerprintSchema.optional(),
    keySealed: z.string().regex(/^v1:/, 'must be a key sealed by an Aya control plane (v1:...)').max(200_000).optional(),
  })
  .refine((c) => c.key === undefined || c.keySealed === undefined, { path: ['keySealed'], message: 'give key or keySealed, not both' });
export type DeclarativeCertificate = z.infer<typeof declarativeCertificateSchema>;

/** A service: certificates by fingerprint instead of the API's ids. */
export const declarativeServiceSchema = serviceCreateSchema.omit({ clientCertificateId: true, caCertificateId: true }).extend({
  /** fingerprint of a certificate (with key) of the document presented to the upstream: mTLS */
  clientCertificate: certificateFingerprintSchema.optional(),
  /** fingerprint of a certificate of the document whose chain is the only trusted CA bundle */
  caCertificate: certificateFingerprintSchema.optional(),
});
export type DeclarativeService = z.infer<typeof declarativeServiceSchema>;

/**
 * A plugin instance: scope by names (`service`, `route`, `consumer`: a username), none = the tenant's global one.
 * mtls-auth's `config.caCertificates` lists certificate fingerprints. The (name, service, route, consumer) tuple is
 * its identity.
 */
export const declarativePluginSchema = pluginCreateSchema;
export type DeclarativePlugin = z.infer<typeof declarativePluginSchema>;

/**
 * A consumer. `credentials` absent: the consumer's credentials are not managed by the document (an apply, even with
 * prune, leaves them alone); present: the document manages them (created, updated, and with prune the others
 * deleted). See declarative-credential.ts.
 */
export const declarativeConsumerSchema = consumerCreateSchema.extend({
  credentials: z.array(declarativeCredentialSchema).max(100).optional(),
});
export type DeclarativeConsumer = z.infer<typeof declarativeConsumerSchema>;

const list = <S extends z.ZodType>(item: S, max: number) => z.array(item).max(max).default([]);

/** The document. Sections absent = empty (with `prune`, everything of that kind is deleted). */
export const declarativeConfigSchema = z.strictObject({
  version: z.literal(DECLARATIVE_VERSION).default(DECLARATIVE_VERSION),
  certificates: list(declarativeCertificateSchema, 10_000),
  upstreams: list(upstreamCreateSchema, 10_000),
  services: list(declarativeServiceSchema, 10_000),
  routes: list(routeCreateSchema, 100_000),
  consumerGroups: list(consumerGroupCreateSchema, 10_000),
  consumers: list(declarativeConsumerSchema, 100_000),
  plugins: list(declarativePluginSchema, 100_000),
});
export type DeclarativeConfig = z.output<typeof declarativeConfigSchema>;
export type DeclarativeConfigInput = z.input<typeof declarativeConfigSchema>;

/** The document's sections holding objects, in the order a dump writes them (and an apply creates them). */
export const DECLARATIVE_SECTIONS = ['certificates', 'upstreams', 'services', 'routes', 'consumerGroups', 'consumers', 'plugins'] as const;
export type DeclarativeSection = (typeof DECLARATIVE_SECTIONS)[number];

/** What an apply does to one object; `name` is its key (a plugin: `rate-limit[route=orders]`, a certificate: its fingerprint). */
export interface ConfigApplyChange {
  action: 'create' | 'update' | 'delete';
  kind: 'certificate' | 'upstream' | 'service' | 'route' | 'consumer-group' | 'consumer' | 'credential' | 'plugin';
  /** a credential: `<username>/<type>/<what tells it apart>` (a key by the start of its hash, never a secret) */
  name: string;
}

/**
 * `POST /api/v1/tenants/{t}/config/apply`: the revision written (or, for a dry run and for a document that changes
 * nothing, the current one: no revision is written) and the changes, creates first, in the order they are made.
 */
export interface ConfigApplyResult {
  revision: number;
  dryRun: boolean;
  changes: ConfigApplyChange[];
}

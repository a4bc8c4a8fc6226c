import { z } from 'zod';
import { anonymousField, pluginHeaderNameSchema } from './common';

/** key-auth: an API key in a header (default `apikey`) or a query parameter. */
export const keyAuthConfigSchema = z.strictObject({
  keyNames: z.array(pluginHeaderNameSchema).min(1).max(8).default(['apikey']),
  /** also look for the key in the query string under the same names */
  keyInQuery: z.boolean().default(false),
  /** remove the key from the request before it goes upstream */
  hideCredentials: z.boolean().default(true),
  ...anonymousField,
});

/** basic-auth: `Authorization: Basic` checked against basic-auth credentials (scrypt hashes). */
export const basicAuthConfigSchema = z.strictObject({
  hideCredentials: z.boolean().default(true),
  realm: z.string().min(1).max(128).default('aya'),
  ...anonymousField,
});

export const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** jwt: a bearer token (or cookie / query) verified with the key of the credential its `iss` names. */
export const jwtConfigSchema = z.strictObject({
  /** header(s) carrying `Bearer <token>` */
  headerNames: z.array(pluginHeaderNameSchema).min(1).max(4).default(['authorization']),
  uriParamNames: z.array(z.string().min(1).max(64)).max(4).default([]),
  cookieNames: z.array(z.string().min(1).max(64)).max(4).default([]),
  /** the claim matched against a jwt credential's `key` */
  keyClaimName: z.string().min(1).max(64).default('iss'),
  /** registered claims that must be present and valid */
  claimsToVerify: z.array(z.enum(['exp', 'nbf'])).default(['exp']),
  /** audience(s) the token must name; empty: not checked */
  audiences: z.array(z.string().min(1).max(512)).max(16).default([]),
  clockSkewSeconds: z.number().int().min(0).max(600).default(60),
  /** tokens whose exp is further away than this are refused (0: no limit) */
  maximumExpirationSeconds: z.number().int().min(0).max(31_536_000).default(0),
  hideCredentials: z.boolean().default(false),
  ...anonymousField,
});

/**
 * oidc: bearer access tokens (JWT) of an OpenID provider, verified against the provider's JWKS found by
 * discovery; the token's claim `consumerClaim` names the consumer (its username or customId).
 */
export const oidcConfigSchema = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }),
  /** override of `${issuer}/.well-known/openid-configuration` */
  discoveryUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
  audiences: z.array(z.string().min(1).max(512)).max(16).default([]),
  /** every one of these scopes must be granted (`scope` / `scp` claim) */
  scopesRequired: z.array(z.string().min(1).max(256)).max(32).default([]),
  consumerClaim: z.string().min(1).max(64).default('sub'),
  consumerBy: z.enum(['username', 'customId']).default('username'),
  /** claim whose values (string or array) are appended to X-Consumer-Groups */
  groupsClaim: z.string().min(1).max(64).nullable().default(null),
  clockSkewSeconds: z.number().int().min(0).max(600).default(60),
  hideCredentials: z.boolean().default(false),
  ...anonymousField,
});

/**
 * mtls-auth: the HTTPS listener asks for a client certificate; its fingerprint or subject names the credential.
 * A subject match counts only for a certificate that chains to one of `caCertificates`.
 */
export const mtlsAuthConfigSchema = z.strictObject({
  /** CA certificate ids (certificates resource) a client certificate must chain to; empty: any the listener accepts */
  caCertificates: z.array(z.string().min(1).max(128)).max(16).default([]),
  /** match credentials by the certificate's SHA-256 fingerprint, its subject CN, or either */
  matchBy: z.enum(['fingerprint', 'subject', 'any']).default('any'),
  ...anonymousField,
})
  // a subject CN proves nothing unless the certificate comes from a known CA: the gateway never matches it alone
  .refine((c) => c.matchBy !== 'subject' || c.caCertificates.length > 0, { message: 'matching by subject needs caCertificates', path: ['caCertificates'] });

/** acl: allow or deny by consumer group (403 AYA_GW_FORBIDDEN); needs an auth plugin before it. */
export const aclConfigSchema = z
  .strictObject({
    allow: z.array(z.string().min(1).max(128)).max(64).optional(),
    deny: z.array(z.string().min(1).max(128)).max(64).optional(),
    hideGroupsHeader: z.boolean().default(false),
  })
  .refine((c) => (c.allow === undefined) !== (c.deny === undefined), { message: 'set exactly one of allow or deny', path: ['allow'] });

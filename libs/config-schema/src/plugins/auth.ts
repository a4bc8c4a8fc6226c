import { z } from 'zod';
import { anonymousField, pluginHeaderNameSchema } from './common';

/** key-auth: an API key in a header (default `apikey`) or a query parameter. */
export const keyAuthConfigSchema = z.strictObject({
  keyNames: z.array(pluginHeaderNameSchema).min(1).max(8).default(['apikey']).describe('Header names (and query parameter names, with keyInQuery) the API key is read from'),
  /** also look for the key in the query string under the same names */
  keyInQuery: z.boolean().default(false).describe('Also accept the key as a query parameter'),
  /** remove the key from the request before it goes upstream */
  hideCredentials: z.boolean().default(true).describe('Remove the credential from the request before it goes upstream'),
  ...anonymousField,
});

/** basic-auth: `Authorization: Basic` checked against basic-auth credentials (scrypt hashes). */
export const basicAuthConfigSchema = z.strictObject({
  hideCredentials: z.boolean().default(true).describe('Remove the Authorization header before the request goes upstream'),
  realm: z.string().min(1).max(128).default('aya').describe('Realm named in the WWW-Authenticate challenge'),
  ...anonymousField,
});

export const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** jwt: a bearer token (or cookie / query) verified with the key of the credential its `iss` names. */
export const jwtConfigSchema = z.strictObject({
  /** header(s) carrying `Bearer <token>` */
  headerNames: z.array(pluginHeaderNameSchema).min(1).max(4).default(['authorization']).describe('Headers carrying "Bearer <token>"'),
  uriParamNames: z.array(z.string().min(1).max(64)).max(4).default([]).describe('Query parameters that may carry the token'),
  cookieNames: z.array(z.string().min(1).max(64)).max(4).default([]).describe('Cookies that may carry the token'),
  /** the claim matched against a jwt credential's `key` */
  keyClaimName: z.string().min(1).max(64).default('iss').describe('Claim matched against a jwt credential\'s key (usually iss)'),
  /** registered claims that must be present and valid */
  claimsToVerify: z.array(z.enum(['exp', 'nbf'])).default(['exp']).describe('Registered claims that must be present and valid'),
  /** audience(s) the token must name; empty: not checked */
  audiences: z.array(z.string().min(1).max(512)).max(16).default([]).describe('The token must name one of these audiences (aud); empty: not checked'),
  clockSkewSeconds: z.number().int().min(0).max(600).default(60).describe('Tolerance for exp / nbf, in seconds'),
  /** tokens whose exp is further away than this are refused (0: no limit) */
  maximumExpirationSeconds: z.number().int().min(0).max(31_536_000).default(0).describe('Refuse tokens whose exp is further away than this (0: no limit)'),
  hideCredentials: z.boolean().default(false).describe('Remove the token before the request goes upstream'),
  ...anonymousField,
});

/**
 * oidc: bearer access tokens (JWT) of an OpenID provider, verified against the provider's JWKS found by
 * discovery; the token's claim `consumerClaim` names the consumer (its username or customId).
 */
export const oidcConfigSchema = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }).describe('The OpenID provider (its discovery document is at /.well-known/openid-configuration)'),
  /** override of `${issuer}/.well-known/openid-configuration` */
  discoveryUrl: z.url({ protocol: /^https?$/ }).nullable().default(null).describe('Discovery document URL, when not under the issuer'),
  audiences: z.array(z.string().min(1).max(512)).max(16).default([]).describe('The access token must name one of these audiences; set it, or any token the provider signs passes'),
  /** every one of these scopes must be granted (`scope` / `scp` claim) */
  scopesRequired: z.array(z.string().min(1).max(256)).max(32).default([]).describe('Every one of these scopes must be granted (403 otherwise)'),
  consumerClaim: z.string().min(1).max(64).default('sub').describe('Claim naming the consumer'),
  consumerBy: z.enum(['username', 'customId']).default('username').describe('Match consumerClaim against the consumer\'s username or customId'),
  /** claim whose values (string or array) are appended to X-Consumer-Groups */
  groupsClaim: z.string().min(1).max(64).nullable().default(null).describe('Claim whose values are added to X-Consumer-Groups'),
  clockSkewSeconds: z.number().int().min(0).max(600).default(60).describe('Tolerance for exp / nbf, in seconds'),
  hideCredentials: z.boolean().default(false).describe('Remove the token before the request goes upstream'),
  ...anonymousField,
});

/**
 * mtls-auth: the HTTPS listener asks for a client certificate; its fingerprint or subject names the credential.
 * A subject match counts only for a certificate that chains to one of `caCertificates`.
 */
export const mtlsAuthConfigSchema = z.strictObject({
  /** CA certificate ids (certificates resource) a client certificate must chain to; empty: any the listener accepts */
  caCertificates: z.array(z.string().min(1).max(128)).max(16).default([]).describe('Certificate ids (Certificates) a client certificate must chain to'),
  /** match credentials by the certificate's SHA-256 fingerprint, its subject CN, or either */
  matchBy: z.enum(['fingerprint', 'subject', 'any']).default('any').describe('Find the credential by the certificate\'s SHA-256 fingerprint, its subject CN (needs caCertificates), or either'),
  ...anonymousField,
})
  // a subject CN proves nothing unless the certificate comes from a known CA: the gateway never matches it alone
  .refine((c) => c.matchBy !== 'subject' || c.caCertificates.length > 0, { message: 'matching by subject needs caCertificates', path: ['caCertificates'] });

/** acl: allow or deny by consumer group (403 AYA_GW_FORBIDDEN); needs an auth plugin before it. */
export const aclConfigSchema = z
  .strictObject({
    allow: z.array(z.string().min(1).max(128)).max(64).optional().describe('Only consumers in one of these groups pass'),
    deny: z.array(z.string().min(1).max(128)).max(64).optional().describe('Consumers in any of these groups are refused'),
    hideGroupsHeader: z.boolean().default(false).describe('Do not send X-Consumer-Groups upstream'),
  })
  .refine((c) => (c.allow === undefined) !== (c.deny === undefined), { message: 'set exactly one of allow or deny', path: ['allow'] });

import { z } from 'zod';
import { aclConfigSchema, basicAuthConfigSchema, jwtConfigSchema, keyAuthConfigSchema, mtlsAuthConfigSchema, oidcConfigSchema } from './auth';
import {
  botDetectionConfigSchema,
  corsConfigSchema,
  ipRestrictionConfigSchema,
  quotaConfigSchema,
  rateLimitConfigSchema,
  requestSizeLimitConfigSchema,
  requestTransformerConfigSchema,
  requestValidatorConfigSchema,
  responseTransformerConfigSchema,
} from './traffic';

export * from './auth';
export * from './common';
export * from './traffic';

/** Every plugin's config schema by name: the control plane validates writes with it, gateways parse with it. */
export const PLUGIN_CONFIG_SCHEMAS = {
  'key-auth': keyAuthConfigSchema,
  'basic-auth': basicAuthConfigSchema,
  jwt: jwtConfigSchema,
  oidc: oidcConfigSchema,
  'mtls-auth': mtlsAuthConfigSchema,
  acl: aclConfigSchema,
  'rate-limit': rateLimitConfigSchema,
  quota: quotaConfigSchema,
  'request-size-limit': requestSizeLimitConfigSchema,
  'ip-restriction': ipRestrictionConfigSchema,
  cors: corsConfigSchema,
  'request-transformer': requestTransformerConfigSchema,
  'response-transformer': responseTransformerConfigSchema,
  'request-validator': requestValidatorConfigSchema,
  'bot-detection': botDetectionConfigSchema,
} as const;

export type PluginName = keyof typeof PLUGIN_CONFIG_SCHEMAS;
export const PLUGIN_NAMES = Object.keys(PLUGIN_CONFIG_SCHEMAS) as PluginName[];
export type PluginConfigOf<N extends PluginName> = z.output<(typeof PLUGIN_CONFIG_SCHEMAS)[N]>;

/** Auth plugins: several on one route mean "any of them"; each sets the consumer for the rest of the chain. */
export const AUTH_PLUGINS = ['mtls-auth', 'jwt', 'oidc', 'key-auth', 'basic-auth'] as const satisfies readonly PluginName[];

/**
 * Plugins that run before authentication (so a denied client spends no key lookups or signature checks):
 * they cannot be scoped to a consumer, which is only known after authentication.
 */
export const PRE_AUTH_PLUGINS = ['bot-detection', 'cors', 'ip-restriction', 'request-size-limit'] as const satisfies readonly PluginName[];

/** What cannot be scoped to a consumer (400 at write time; a gateway skips such an instance): it runs before the consumer is known. */
export const CONSUMER_UNSCOPABLE_PLUGINS: ReadonlySet<string> = new Set<string>([...PRE_AUTH_PLUGINS, ...AUTH_PLUGINS]);

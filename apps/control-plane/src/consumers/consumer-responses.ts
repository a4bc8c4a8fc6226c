import { JWT_ALGORITHMS, PLUGIN_NAMES, type Consumer, type ConsumerGroup, type Credential, type Plugin, type PluginName } from '@aya/config-schema';
import { z } from 'zod';
import type { PluginSchemaEntry } from '../plugins/plugin-schemas';

/*
 * Response bodies of plugins, consumers, credentials and consumer groups (see openapi/response-schemas.ts), typed
 * against the contract's interfaces so tsc fails when one drifts from what the API returns.
 */
const timestamps = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };
const page = (item: z.ZodType) => z.object({ data: z.array(item), next: z.string().nullable().describe('opaque cursor of the next page') });
const pluginName = z.enum(PLUGIN_NAMES as [PluginName, ...PluginName[]]);

const plugin: z.ZodType<Plugin> = z.object({
  id: z.uuid(),
  name: pluginName,
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).describe('as stored: parsed with the plugin schema, defaults filled in'),
  serviceId: z.uuid().nullable(),
  routeId: z.uuid().nullable(),
  consumerId: z.uuid().nullable(),
  ...timestamps,
});
const consumer: z.ZodType<Consumer> = z.object({ id: z.uuid(), username: z.string(), customId: z.string().nullable(), groups: z.array(z.string()), ...timestamps });
const consumerGroup: z.ZodType<ConsumerGroup> = z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), ...timestamps });
const credentialFields = {
  id: z.uuid(),
  consumerId: z.uuid(),
  type: z.enum(['key-auth', 'basic-auth', 'jwt', 'mtls']),
  keyPrefix: z.string().optional().describe('key-auth: the first characters of the key'),
  expiresAt: z.iso.datetime().nullable().optional(),
  username: z.string().optional(),
  key: z.string().optional().describe('jwt: matched against the token claim; key-auth: only in the create response'),
  algorithm: z.enum(JWT_ALGORITHMS).optional(),
  publicKey: z.string().optional(),
  jwksUrl: z.string().optional(),
  subject: z.string().optional(),
  fingerprint: z.string().optional(),
  createdAt: z.iso.datetime(),
};
const credential: z.ZodType<Credential> = z.object(credentialFields);
const credentialCreated: z.ZodType<Credential> = z.object({
  ...credentialFields,
  secret: z.string().optional().describe('jwt HS*: the HMAC secret, in this response only'),
});
const pluginSchemas: z.ZodType<{ plugins: PluginSchemaEntry[] }> = z.object({
  plugins: z.array(z.object({ name: pluginName, auth: z.boolean(), preAuth: z.boolean(), schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the config (input)') })),
});

export const CONSUMER_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  Plugin: plugin,
  PluginPage: page(plugin),
  PluginSchemas: pluginSchemas,
  Consumer: consumer,
  ConsumerPage: page(consumer),
  ConsumerGroup: consumerGroup,
  ConsumerGroupPage: page(consumerGroup),
  Credential: credential,
  CredentialPage: page(credential),
  CredentialCreated: credentialCreated,
};

const crud = (tag: string, item: string, list: string, created = item): Record<string, string> => ({
  [`${tag}.list`]: list,
  [`${tag}.get`]: item,
  [`${tag}.create`]: created,
  [`${tag}.update`]: item,
  [`${tag}.remove`]: 'none',
});

export const CONSUMER_OPERATION_RESPONSES: Record<string, string> = {
  ...crud('plugins', 'Plugin', 'PluginPage'),
  'pluginschemas.list': 'PluginSchemas',
  ...crud('consumers', 'Consumer', 'ConsumerPage'),
  ...crud('consumergroups', 'ConsumerGroup', 'ConsumerGroupPage'),
  ...crud('credentials', 'Credential', 'CredentialPage', 'CredentialCreated'),
};

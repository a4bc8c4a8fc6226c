import { GwErrorCode, type PluginName, type SnapshotConsumer, type SnapshotCredential, type SnapshotPlugin } from '@aya/config-schema';
import { sha256Hex } from '@aya/config-schema/secrets';
import { z } from 'zod';
import type { AnyPluginDefinition, AuthOutcome, AuthPluginInstance, PluginDefinition, PluginRequest } from '../plugins/types';

/** Test-only builders of the snapshot's plugins, consumers and credentials (tenant `default`). */

export function plugin(id: string, name: string, config: Record<string, unknown> = {}, over: Partial<SnapshotPlugin> = {}): SnapshotPlugin {
  return { id, tenant: 'default', name, enabled: true, config, serviceId: null, routeId: null, consumerId: null, ...over };
}

export function consumer(id: string, username: string, over: Partial<SnapshotConsumer> = {}): SnapshotConsumer {
  return { id, tenant: 'default', username, customId: null, groups: [], ...over };
}

/** a key-auth credential of `consumerId` for the plain key `key` (stored as its sha256, as the control plane ships it) */
export function keyCredential(id: string, consumerId: string, key: string, expiresAt: string | null = null): SnapshotCredential {
  return { type: 'key-auth', id, tenant: 'default', consumerId, keyHash: sha256Hex(key), expiresAt };
}

/**
 * Test plugins with names of their own (cast: PluginName lists the shipped ones), started with
 * `startOfflineGateway(dir, { plugins: [...PLUGIN_DEFINITIONS, ...TEST_PLUGINS] })`. They exercise
 * the framework (scopes, auth step, failures, bodies) without depending on any shipped plugin.
 */
const tagSchema = z.strictObject({ tag: z.string(), query: z.string().optional() });
/** `test-tag`: X-Tag upstream and X-Tagged on the answer say which instance ran; `query` replaces the upstream query */
export const tagPlugin: PluginDefinition<z.infer<typeof tagSchema>> = {
  name: 'test-tag' as PluginName,
  priority: 500,
  version: '0.0.0',
  schema: tagSchema,
  create: ({ tag, query }) => ({
    access(r) {
      r.upstreamHeaders.set('x-tag', tag);
      if (query !== undefined) r.upstreamQuery = query;
      r.responseHeaders.push(['x-tagged', tag]);
      return undefined;
    },
  }),
};

const authSchema = z.strictObject({ anonymous: z.string().nullable().default(null), async: z.boolean().default(false) });
/**
 * `test-auth`: header `x-test-user: <username>` authenticates that consumer (credential `cred-<username>`);
 * an unknown one is invalid, none is missing. `async` answers through a promise.
 */
export const authPlugin: PluginDefinition<z.infer<typeof authSchema>> = {
  name: 'test-auth' as PluginName,
  priority: 1300,
  version: '0.0.0',
  schema: authSchema,
  auth: true,
  create: (config, env) => {
    const outcome = (r: PluginRequest): AuthOutcome => {
      const user = r.req.headers['x-test-user'];
      const reply = { code: GwErrorCode.UNAUTHORIZED, headers: { 'www-authenticate': 'Test' } };
      if (typeof user !== 'string') return { missing: true, reply };
      const consumer = env.consumers.consumer(user);
      return consumer ? { consumer, credentialId: `cred-${user}` } : { invalid: true, reply };
    };
    const instance: AuthPluginInstance = {
      anonymous: config.anonymous,
      authenticate: (r) => (config.async ? new Promise((resolve) => setImmediate(() => resolve(outcome(r)))) : outcome(r)),
    };
    return instance;
  },
};

const throwSchema = z.strictObject({ phase: z.enum(['access', 'access-async', 'header', 'create']).default('access') });
/** `test-throw`: fails in the phase named (a request with `x-no-throw` passes the access phases) */
export const throwPlugin: PluginDefinition<z.infer<typeof throwSchema>> = {
  name: 'test-throw' as PluginName,
  priority: 600,
  version: '0.0.0',
  schema: throwSchema,
  create: ({ phase }) => {
    if (phase === 'create') throw new Error('create failed');
    const boom = (): never => {
      throw new Error('plugin bug');
    };
    if (phase === 'header') return { header: boom };
    return {
      access: (r) => {
        if (r.req.headers['x-no-throw'] !== undefined) return undefined;
        return phase === 'access' ? boom() : Promise.reject(new Error('async plugin bug'));
      },
    };
  },
};

const bodySchema = z.strictObject({ limit: z.number().optional() });
/** `test-body`: reads the request body (at most `limit` bytes) and forwards it upper-cased */
export const bodyPlugin: PluginDefinition<z.infer<typeof bodySchema>> = {
  name: 'test-body' as PluginName,
  priority: 700,
  version: '0.0.0',
  schema: bodySchema,
  create: ({ limit }) => ({
    async access(r) {
      const body = await r.readBody(limit);
      r.setBody(Buffer.from(body.toString('utf8').toUpperCase()));
      return undefined;
    },
  }),
};

/** what `test-response` instances saw in their log phase: [request id, status] */
export const loggedResponses: Array<[string, number]> = [];

/** `test-response`: marks the response head (X-Resp), appends `!` to the whole body (buffersBody), logs into loggedResponses */
export const responsePlugin: PluginDefinition<Record<string, never>> = {
  name: 'test-response' as PluginName,
  priority: 400,
  version: '0.0.0',
  schema: z.strictObject({}),
  create: () => ({
    buffersBody: true,
    header(_r, status, headers) {
      headers.push('x-resp', String(status));
    },
    body: (_r, _status, _headers, body) => Buffer.concat([body, Buffer.from('!')]),
    log: (r, status) => void loggedResponses.push([r.requestId, status]),
  }),
};

export const TEST_PLUGINS: readonly AnyPluginDefinition[] = [tagPlugin, authPlugin, throwPlugin, bodyPlugin, responsePlugin];

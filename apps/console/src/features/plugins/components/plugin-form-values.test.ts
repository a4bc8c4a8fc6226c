import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PLUGIN_CONFIG_SCHEMAS, type Plugin } from '@aya/config-schema';
import { prepareSchema, type JsonSchema } from '../../../lib/json-schema-form';
import { defaultConfig, toPluginPayload, toPluginValues } from './plugin-form-values';

const schemaOf = (name: keyof typeof PLUGIN_CONFIG_SCHEMAS) => prepareSchema(z.toJSONSchema(PLUGIN_CONFIG_SCHEMAS[name], { io: 'input' }) as JsonSchema);

const stored: Plugin = {
  id: 'p1',
  name: 'key-auth',
  enabled: false,
  config: { keyNames: ['x-key'], keyInQuery: false, hideCredentials: true, anonymous: null },
  serviceId: null,
  routeId: 'r1',
  consumerId: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('plugin form values', () => {
  it('a new plugin takes the scope of the page it is added from', () => {
    expect(toPluginValues(undefined, { route: 'r9' })).toEqual({ name: '', service: '', route: 'r9', consumer: '', enabled: true, config: {} });
  });

  it('an edit shows the stored scope and config', () => {
    expect(toPluginValues(stored, { service: 'ignored' })).toMatchObject({ name: 'key-auth', route: 'r1', service: '', enabled: false, config: stored.config });
  });

  it('a fresh config carries the schema defaults, and they pass the contract', () => {
    const config = defaultConfig(schemaOf('key-auth'));
    expect(config).toEqual({ keyNames: ['apikey'], keyInQuery: false, hideCredentials: true, anonymous: null });
    expect(PLUGIN_CONFIG_SCHEMAS['key-auth'].safeParse(config).success).toBe(true);
    expect(defaultConfig(schemaOf('cors'))).toMatchObject({ origins: ['*'], credentials: false, maxAgeSeconds: 600 });
  });

  it('sends scope ids, leaves "any" out, and the payload passes the admin schema', () => {
    const { payload, errors } = toPluginPayload({ ...toPluginValues(stored), service: 's1' }, schemaOf('key-auth'));
    expect(errors).toEqual([]);
    expect(payload).toEqual({ name: 'key-auth', config: stored.config, enabled: false, service: 's1', route: 'r1', consumer: undefined });
  });

  it('reports an invalid config value at its config path before sending', () => {
    const values = { ...toPluginValues(), name: 'rate-limit' as const, config: { limits: [{ window: 'second', limit: 0 }] } };
    const { errors } = toPluginPayload(values, schemaOf('rate-limit'));
    expect(errors).toEqual([{ path: 'config.limits.0.limit', message: 'must be >= 1' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkPluginConfig, consumerScopeProblem } from './plugin-config';

const noRedis = { redis: false };

describe('checkPluginConfig', () => {
  it('returns the parsed config with defaults, or details under config.', () => {
    expect(checkPluginConfig('key-auth', {}, noRedis)).toEqual({ ok: true, config: { keyNames: ['apikey'], keyInQuery: false, hideCredentials: true, anonymous: null } });
    expect(checkPluginConfig('rate-limit', { limits: [{ window: 'minute', limit: -1 }] }, noRedis)).toEqual({
      ok: false,
      details: [{ path: 'config.limits.0.limit', message: expect.any(String) }],
    });
  });

  it('refuses regexes that can backtrack catastrophically at the field (bot-detection rules, cors ~regex origins)', () => {
    expect(checkPluginConfig('bot-detection', { deny: ['ok', '^(a+)+$'] }, noRedis)).toEqual({ ok: false, details: [{ path: 'config.deny.1', message: expect.any(String) }] });
    expect(checkPluginConfig('cors', { origins: ['~https://(a|b)\\.test', '~(x*)*y'] }, noRedis)).toEqual({ ok: false, details: [{ path: 'config.origins.1', message: expect.any(String) }] });
  });

  it('refuses policy cluster only without Redis', () => {
    const cfg = { limit: 5, period: 'day', policy: 'cluster' };
    expect(checkPluginConfig('quota', cfg, noRedis)).toMatchObject({ ok: false, details: [{ path: 'config.policy' }] });
    expect(checkPluginConfig('quota', cfg, { redis: true })).toMatchObject({ ok: true });
  });

  it('compiles request-validator body schemas in the dialect $schema names, as the gateway does', () => {
    const v2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }], items: false };
    expect(checkPluginConfig('request-validator', { bodySchema: v2020 }, noRedis)).toMatchObject({ ok: true });
    // formats and unknown keywords compile (the gateway adds ajv-formats); the same $id twice is no clash
    const withId = { $id: 'https://aya.test/order', type: 'object', properties: { email: { type: 'string', format: 'email' } }, example: {} };
    expect(checkPluginConfig('request-validator', { bodySchema: withId }, noRedis)).toMatchObject({ ok: true });
    expect(checkPluginConfig('request-validator', { bodySchema: withId }, noRedis)).toMatchObject({ ok: true });
    for (const bad of [{ type: 'no-such-type' }, { $ref: '#/definitions/missing' }, { required: 'id' }]) {
      expect(checkPluginConfig('request-validator', { bodySchema: bad }, noRedis)).toMatchObject({ ok: false, details: [{ path: 'config.bodySchema' }] });
    }
  });

  it('keeps pre-auth and auth plugins off consumers', () => {
    expect(consumerScopeProblem('ip-restriction')).toMatchObject({ path: 'consumer' });
    expect(consumerScopeProblem('jwt')).toMatchObject({ path: 'consumer' });
    expect(consumerScopeProblem('rate-limit')).toBeUndefined();
  });
});

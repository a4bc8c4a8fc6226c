import { hashPassword } from '@aya/config-schema/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonOf, startAuthBed, type AuthBed } from '../../testing/auth-bed';
import { consumer, keyCredential, plugin } from '../../testing/plugin-fixtures';
import { route } from '../../testing/fixtures';

const GOLD_KEY = 'gold-key-0123456789abcdef';
const BANNED_KEY = 'banned-key-0123456789abcd';
const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

let bed: AuthBed;

beforeAll(async () => {
  bed = await startAuthBed({
    routes: [
      route('r-allow', 'svc', ['/allow']),
      route('r-deny', 'svc', ['/deny']),
      route('r-any', 'svc', ['/any']),
      route('r-anon', 'svc', ['/anon']),
      route('r-noauth', 'svc', ['/noauth']),
    ],
    plugins: [
      plugin('p-key-allow', 'key-auth', {}, { routeId: 'r-allow' }),
      plugin('p-key-deny', 'key-auth', {}, { routeId: 'r-deny' }),
      plugin('p-key-any', 'key-auth', {}, { routeId: 'r-any' }),
      plugin('p-allow', 'acl', { allow: ['gold'], hideGroupsHeader: true }, { routeId: 'r-allow' }),
      plugin('p-deny', 'acl', { deny: ['banned'] }, { routeId: 'r-deny' }),
      // two auth plugins on one route: any of them
      plugin('p-any-basic', 'basic-auth', {}, { routeId: 'r-any' }),
      plugin('p-anon-key', 'key-auth', { anonymous: 'guest' }, { routeId: 'r-anon' }),
      plugin('p-anon-acl', 'acl', { allow: ['gold'] }, { routeId: 'r-anon' }),
      // acl without any auth plugin: nobody is authenticated
      plugin('p-noauth-acl', 'acl', { deny: ['banned'] }, { routeId: 'r-noauth' }),
    ],
    consumers: [consumer('c-gold', 'goldie', { groups: ['gold'] }), consumer('c-banned', 'banned', { groups: ['banned', 'gold'] }), consumer('c-guest', 'guest', { groups: ['public'] })],
    credentials: [
      keyCredential('k-gold', 'c-gold', GOLD_KEY),
      keyCredential('k-banned', 'c-banned', BANNED_KEY),
      { type: 'basic-auth', id: 'b-banned', tenant: 'default', consumerId: 'c-banned', username: 'banned', passwordHash: await hashPassword('banned-password') },
    ],
  });
});

afterAll(() => bed?.close());

describe('acl through the gateway', () => {
  it('allow: a consumer in a listed group passes (groups header hidden when asked); others get 403', async () => {
    const ok = await bed.get('/allow', { apikey: GOLD_KEY });
    expect(ok.status).toBe(200);
    expect(ok.json.headers?.['x-consumer-groups']).toBeUndefined();
    expect(ok.json.headers?.['x-consumer-username']).toBe('goldie');
  });

  it('deny wins for a consumer in a denied group', async () => {
    const r = await bed.get('/deny', { apikey: BANNED_KEY });
    expect([r.status, r.json.error?.code]).toEqual([403, 'AYA_GW_FORBIDDEN']);
    const ok = await bed.get('/deny', { apikey: GOLD_KEY });
    expect(ok.status).toBe(200);
    expect(ok.json.headers?.['x-consumer-groups']).toBe('gold');
  });

  it('two auth plugins on a route: either credential authenticates; with none, the first failure answers', async () => {
    const byKey = await bed.get('/any', { apikey: GOLD_KEY });
    expect(byKey.json.headers?.['x-consumer-username']).toBe('goldie');
    const byBasic = await bed.get('/any', { authorization: basic('banned:banned-password') });
    expect(byBasic.status).toBe(200);
    expect(byBasic.json.headers?.['x-credential-identifier']).toBe('b-banned');
    // a wrong key but a good password: authenticated by basic-auth
    const mixed = await bed.get('/any', { apikey: 'wrong-key-wrong-key-wrong', authorization: basic('banned:banned-password') });
    expect(mixed.status).toBe(200);
    expect(mixed.json.headers?.['x-consumer-username']).toBe('banned');
    // an invalid credential answers before a missing one
    const bad = await bed.get('/any', { apikey: 'wrong-key-wrong-key-wrong' });
    expect([bad.status, bad.json.error?.code, reasonOf(bad)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'credentials-unknown']);
    const none = await bed.get('/any');
    expect([none.status, reasonOf(none)]).toEqual([401, 'credentials-missing']);
  });

  it('the anonymous consumer is subject to acl with its own groups', async () => {
    const anon = await bed.get('/anon');
    expect([anon.status, anon.json.error?.code]).toEqual([403, 'AYA_GW_FORBIDDEN']);
    expect((await bed.get('/anon', { apikey: GOLD_KEY })).status).toBe(200);
  });

  it('acl where no auth plugin ran: 401 (as Kong), not 403', async () => {
    const r = await bed.get('/noauth', { apikey: GOLD_KEY });
    expect([r.status, r.json.error?.code]).toEqual([401, 'AYA_GW_UNAUTHORIZED']);
  });
});

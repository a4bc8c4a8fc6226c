import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonOf, startAuthBed, type AuthBed } from '../../testing/auth-bed';
import { consumer, keyCredential as key, plugin } from '../../testing/plugin-fixtures';
import { route } from '../../testing/fixtures';

const KEY_OLD = 'alice-old-key-0123456789';
const KEY_NEW = 'alice-new-key-0123456789';
const KEY_EXPIRED = 'alice-expired-key-012345';
const KEY_BOB = 'bob-key-0123456789abcdef';

let bed: AuthBed;

beforeAll(async () => {
  bed = await startAuthBed({
    routes: [
      route('r-default', 'svc', ['/default']),
      route('r-query', 'svc', ['/query']),
      route('r-shown', 'svc', ['/shown']),
      route('r-anon', 'svc', ['/anon']),
    ],
    plugins: [
      plugin('p-default', 'key-auth', {}, { routeId: 'r-default' }),
      plugin('p-query', 'key-auth', { keyNames: ['x-api-key', 'api_key'], keyInQuery: true }, { routeId: 'r-query' }),
      plugin('p-shown', 'key-auth', { hideCredentials: false }, { routeId: 'r-shown' }),
      plugin('p-anon', 'key-auth', { anonymous: 'guest' }, { routeId: 'r-anon' }),
    ],
    consumers: [consumer('c-alice', 'alice', { groups: ['gold', 'beta'], customId: 'crm-1' }), consumer('c-bob', 'bob'), consumer('c-guest', 'guest')],
    credentials: [
      key('k-old', 'c-alice', KEY_OLD),
      key('k-new', 'c-alice', KEY_NEW, new Date(Date.now() + 3600_000).toISOString()),
      key('k-exp', 'c-alice', KEY_EXPIRED, new Date(Date.now() - 1000).toISOString()),
      key('k-bob', 'c-bob', KEY_BOB),
    ],
  });
});

afterAll(() => bed?.close());

describe('key-auth through the gateway', () => {
  it('authenticates by the apikey header: consumer headers upstream, the key removed', async () => {
    const r = await bed.get('/default/x', { apikey: KEY_OLD, 'x-consumer-username': 'spoofed' });
    expect(r.status).toBe(200);
    const h = r.json.headers ?? {};
    expect(h['x-consumer-id']).toBe('c-alice');
    expect(h['x-consumer-username']).toBe('alice');
    expect(h['x-consumer-custom-id']).toBe('crm-1');
    expect(h['x-consumer-groups']).toBe('gold,beta');
    expect(h['x-credential-identifier']).toBe('k-old');
    expect(h.apikey).toBeUndefined();
  });

  it('several keys per consumer: both keys of a rotation work', async () => {
    const r = await bed.get('/default', { apikey: KEY_NEW });
    expect(r.status).toBe(200);
    expect(r.json.headers?.['x-credential-identifier']).toBe('k-new');
  });

  it('no key: 401 with a challenge; a wrong key and an expired key: 401 coded, nothing upstream', async () => {
    const hits = bed.up.hits;
    const none = await bed.get('/default');
    expect(none.status).toBe(401);
    expect(none.json.error?.code).toBe('AYA_GW_UNAUTHORIZED');
    expect(reasonOf(none)).toBe('credentials-missing');
    expect(none.headers['www-authenticate']).toBe('Key realm="aya"');
    const wrong = await bed.get('/default', { apikey: 'not-a-key-of-anyone-at-all' });
    expect([wrong.status, wrong.json.error?.code, reasonOf(wrong)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'credentials-unknown']);
    const expired = await bed.get('/default', { apikey: KEY_EXPIRED });
    expect([expired.status, expired.json.error?.code, reasonOf(expired)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'credentials-expired']);
    expect(bed.up.hits).toBe(hits);
  });

  it('a key in the query (keyInQuery) is taken out of the upstream query, other parameters kept as sent', async () => {
    const r = await bed.get(`/query/a?x=%2F1&api_key=${KEY_BOB}&y=2`);
    expect(r.status).toBe(200);
    expect(r.json.headers?.['x-consumer-username']).toBe('bob');
    expect(r.json.url).toBe('/query/a?x=%2F1&y=2');
    const byHeader = await bed.get('/query', { 'x-api-key': KEY_BOB });
    expect(byHeader.status).toBe(200);
    expect(byHeader.json.headers?.['x-api-key']).toBeUndefined();
  });

  it('the query is not read unless keyInQuery is set', async () => {
    expect((await bed.get(`/default?apikey=${KEY_BOB}`)).status).toBe(401);
  });

  it('hideCredentials false forwards the key', async () => {
    const r = await bed.get('/shown', { apikey: KEY_BOB });
    expect(r.json.headers?.apikey).toBe(KEY_BOB);
  });

  it('anonymous (as Kong: when authentication fails): no key or a wrong key -> guest with X-Anonymous-Consumer', async () => {
    for (const headers of [{}, { apikey: 'not-a-key-of-anyone-at-all' }] as Record<string, string>[]) {
      const r = await bed.get('/anon', headers);
      expect(r.status).toBe(200);
      expect(r.json.headers?.['x-consumer-username']).toBe('guest');
      expect(r.json.headers?.['x-anonymous-consumer']).toBe('true');
    }
    const good = await bed.get('/anon', { apikey: KEY_BOB });
    expect(good.json.headers?.['x-consumer-username']).toBe('bob');
    expect(good.json.headers?.['x-anonymous-consumer']).toBeUndefined();
  });

  it('a huge key header is a coded 4xx, not a crash', async () => {
    const r = await bed.get('/default', { apikey: 'k'.repeat(6000) });
    expect(r.status).toBe(401);
    expect(r.json.error?.code).toBe('AYA_GW_UNAUTHORIZED');
    expect((await bed.get('/default', { apikey: KEY_BOB })).status).toBe(200);
  });
});

import { hashPassword } from '@aya/config-schema/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonOf, startAuthBed, type AuthBed } from '../../testing/auth-bed';
import { consumer, plugin } from '../../testing/plugin-fixtures';
import { route } from '../../testing/fixtures';

const basic = (userPass: string) => `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;

let bed: AuthBed;

beforeAll(async () => {
  bed = await startAuthBed({
    routes: [route('r-basic', 'svc', ['/basic']), route('r-realm', 'svc', ['/realm'])],
    plugins: [
      plugin('p-basic', 'basic-auth', {}, { routeId: 'r-basic' }),
      plugin('p-realm', 'basic-auth', { realm: 'staff "only"', hideCredentials: false }, { routeId: 'r-realm' }),
    ],
    consumers: [consumer('c-alice', 'alice', { groups: ['ops'] })],
    credentials: [{ type: 'basic-auth', id: 'b-alice', tenant: 'default', consumerId: 'c-alice', username: 'alice', passwordHash: await hashPassword('s3cret:pässword') }],
  });
});

afterAll(() => bed?.close());

describe('basic-auth through the gateway', () => {
  it('authenticates user:password (a colon in the password, UTF-8); the header is removed upstream', async () => {
    const r = await bed.get('/basic', { authorization: basic('alice:s3cret:pässword') });
    expect(r.status).toBe(200);
    expect(r.json.headers?.['x-consumer-username']).toBe('alice');
    expect(r.json.headers?.['x-credential-identifier']).toBe('b-alice');
    expect(r.json.headers?.authorization).toBeUndefined();
    // a repeat is served from the cache of successful checks: same answer
    expect((await bed.get('/basic', { authorization: basic('alice:s3cret:pässword') })).status).toBe(200);
  });

  it('wrong password, unknown user: 401 coded with the Basic challenge', async () => {
    for (const userPass of ['alice:wrong', 'mallory:s3cret:pässword']) {
      const r = await bed.get('/basic', { authorization: basic(userPass) });
      expect([r.status, r.json.error?.code, reasonOf(r)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'credentials-unknown']);
      expect(r.headers['www-authenticate']).toBe('Basic realm="aya", charset="UTF-8"');
    }
  });

  it('no header or another scheme: 401 missing; the realm is quoted as configured', async () => {
    const none = await bed.get('/realm');
    expect([none.status, reasonOf(none)]).toEqual([401, 'credentials-missing']);
    expect(none.headers['www-authenticate']).toBe('Basic realm="staff \\"only\\"", charset="UTF-8"');
    expect(reasonOf(await bed.get('/basic', { authorization: 'Bearer abc' }))).toBe('credentials-missing');
  });

  it('invalid base64, no colon, a huge header: coded 4xx, never a crash', async () => {
    for (const authorization of ['Basic %%%not-base64%%%', basic('no-colon-here'), 'Basic', `Basic ${'QUFB'.repeat(2000)}`]) {
      const r = await bed.get('/basic', { authorization });
      expect([r.status, r.json.error?.code, reasonOf(r)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'credentials-malformed']);
    }
    // beyond the header size limit the listener answers before any plugin runs
    const huge = await bed.get('/basic', { authorization: `Basic ${'QUFB'.repeat(5_000)}` });
    expect(huge.status).toBe(431);
    expect(huge.json.error?.code).toBe('AYA_GW_HEADERS_TOO_LARGE');
    expect((await bed.get('/basic', { authorization: basic('alice:s3cret:pässword') })).status).toBe(200);
  });

  it('hideCredentials false forwards the Authorization header', async () => {
    const r = await bed.get('/realm', { authorization: basic('alice:s3cret:pässword') });
    expect(r.status).toBe(200);
    expect(r.json.headers?.authorization).toBe(basic('alice:s3cret:pässword'));
  });
});

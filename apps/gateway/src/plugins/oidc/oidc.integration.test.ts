import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonOf, startAuthBed, type AuthBed } from '../../testing/auth-bed';
import { consumer, plugin } from '../../testing/plugin-fixtures';
import { closedPort, route } from '../../testing/fixtures';
import { startOidcIssuer, type TestOidcIssuer } from '../../testing/oidc-issuer';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let idp: TestOidcIssuer;
let otherIdp: TestOidcIssuer;
let bed: AuthBed;

beforeAll(async () => {
  // a real OpenID provider (oidc-provider): discovery, JWKS, client_credentials access tokens in JWT format
  idp = await startOidcIssuer([{ clientId: 'alice', claims: { groups: ['from-idp', 'dev'] } }, { clientId: 'svc-42' }, { clientId: 'stranger' }]);
  otherIdp = await startOidcIssuer([{ clientId: 'alice' }], idp.audience);
  const base = { issuer: idp.issuer, audiences: [idp.audience] };
  bed = await startAuthBed({
    routes: [
      route('r-read', 'svc', ['/read']),
      route('r-write', 'svc', ['/write']),
      route('r-custom', 'svc', ['/custom']),
      route('r-aud', 'svc', ['/aud']),
      route('r-down', 'svc', ['/down']),
    ],
    plugins: [
      plugin('p-read', 'oidc', { ...base, scopesRequired: ['read'], groupsClaim: 'groups', hideCredentials: true }, { routeId: 'r-read' }),
      plugin('p-write', 'oidc', { ...base, scopesRequired: ['read', 'write'] }, { routeId: 'r-write' }),
      plugin('p-custom', 'oidc', { ...base, consumerClaim: 'client_id', consumerBy: 'customId' }, { routeId: 'r-custom' }),
      plugin('p-aud', 'oidc', { issuer: idp.issuer, audiences: ['https://other.test'] }, { routeId: 'r-aud' }),
      plugin('p-down', 'oidc', { issuer: `http://127.0.0.1:${await closedPort()}` }, { routeId: 'r-down' }),
    ],
    consumers: [consumer('c-alice', 'alice', { groups: ['dev'] }), consumer('c-svc', 'billing-service', { customId: 'svc-42' })],
  });
});

afterAll(async () => {
  await bed?.close();
  await idp?.close();
  await otherIdp?.close();
});

describe('oidc through the gateway, against a real OpenID provider', () => {
  it('verifies the access token by discovery + JWKS; sub names the consumer; the groups claim is added', async () => {
    const r = await bed.get('/read', bearer(await idp.token('alice', 'read')));
    expect(r.status).toBe(200);
    expect(r.json.headers?.['x-consumer-username']).toBe('alice');
    expect(r.json.headers?.['x-consumer-groups']).toBe('dev,from-idp');
    expect(r.json.headers?.authorization).toBeUndefined();
  });

  it('a missing required scope is 403 insufficient_scope; with it granted, 200', async () => {
    const r = await bed.get('/write', bearer(await idp.token('alice', 'read')));
    expect([r.status, r.json.error?.code, reasonOf(r)]).toEqual([403, 'AYA_GW_FORBIDDEN', 'scope-insufficient']);
    expect(r.headers['www-authenticate']).toBe('Bearer realm="aya", error="insufficient_scope", scope="read write"');
    expect((await bed.get('/write', bearer(await idp.token('alice', 'read write')))).status).toBe(200);
  });

  it('maps a claim to the consumer customId', async () => {
    const r = await bed.get('/custom', bearer(await idp.token('svc-42')));
    expect(r.status).toBe(200);
    expect(r.json.headers?.['x-consumer-username']).toBe('billing-service');
  });

  it('refuses: no consumer for the subject, wrong audience, another provider, an HS256 forgery, a malformed token', async () => {
    const stranger = await bed.get('/read', bearer(await idp.token('stranger')));
    expect([stranger.status, reasonOf(stranger)]).toEqual([401, 'consumer-unknown']);
    const aud = await bed.get('/aud', bearer(await idp.token('alice')));
    expect([aud.status, reasonOf(aud)]).toEqual([401, 'claims-invalid']);
    const foreign = await bed.get('/read', bearer(await otherIdp.token('alice')));
    expect([foreign.status, reasonOf(foreign)]).toEqual([401, 'signature-invalid']);
    const forged = await new SignJWT({ iss: idp.issuer, aud: idp.audience, sub: 'alice', scope: 'read', exp: Math.floor(Date.now() / 1000) + 60 })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(new TextEncoder().encode('guessed-secret-guessed-secret-guessed'));
    const f = await bed.get('/read', bearer(forged));
    expect([f.status, f.json.error?.code, reasonOf(f)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'signature-invalid']);
    const bad = await bed.get('/read', bearer('a.b'));
    expect([bad.status, reasonOf(bad)]).toEqual([401, 'credentials-malformed']);
    const none = await bed.get('/read');
    expect([none.status, reasonOf(none)]).toEqual([401, 'credentials-missing']);
  });

  it('a provider that cannot be reached: 401 issuer-unavailable, the gateway keeps serving', async () => {
    const r = await bed.get('/down', bearer(await idp.token('alice')));
    expect([r.status, reasonOf(r)]).toEqual([401, 'issuer-unavailable']);
    expect((await bed.get('/read', bearer(await idp.token('alice', 'read')))).status).toBe(200);
  });
});

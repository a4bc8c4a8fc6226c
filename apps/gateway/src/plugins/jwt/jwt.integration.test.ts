import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import { gatewaySealKey, sealForGateway } from '@aya/config-schema/secrets';
import type { JwtAlgorithm, SnapshotCredential } from '@aya/config-schema';
import { exportJWK, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonOf, startAuthBed, type AuthBed } from '../../testing/auth-bed';
import { consumer, plugin } from '../../testing/plugin-fixtures';
import { closedPort, closeServer, listenOn, route, until } from '../../testing/fixtures';

const HS_SECRET = 'hs-secret-0123456789abcdef0123456789';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed = generateKeyPairSync('ed25519');
const ec1 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec2 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();
const now = () => Math.floor(Date.now() / 1000);

function credential(id: string, key: string, algorithm: JwtAlgorithm, over: Partial<Extract<SnapshotCredential, { type: 'jwt' }>>): SnapshotCredential {
  return { type: 'jwt', id, tenant: 'default', consumerId: 'c-alice', key, algorithm, secretSealed: null, publicKey: null, jwksUrl: null, ...over };
}

function sign(claims: Record<string, unknown>, alg: string, key: KeyObject | Uint8Array, kid?: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(kid === undefined ? { alg } : { alg, kid }).sign(key);
}
const hs = (claims: Record<string, unknown>) => sign({ iss: 'hs-issuer', ...claims }, 'HS256', new TextEncoder().encode(HS_SECRET));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A JWKS endpoint whose keys the test rotates. */
let jwksKeys: JWK[] = [];
let jwksHits = 0;
const jwksServer = createServer((_req, res) => {
  jwksHits++;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: jwksKeys }));
});

let bed: AuthBed;

beforeAll(async () => {
  const jwksUrl = `http://127.0.0.1:${await listenOn(jwksServer)}/jwks.json`;
  jwksKeys = [{ ...(await exportJWK(ec1.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }];
  bed = await startAuthBed({
    routes: [route('r-jwt', 'svc', ['/jwt']), route('r-strict', 'svc', ['/strict']), route('r-places', 'svc', ['/places'])],
    plugins: [
      plugin('p-jwt', 'jwt', {}, { routeId: 'r-jwt' }),
      plugin('p-strict', 'jwt', { audiences: ['orders-api'], claimsToVerify: ['exp', 'nbf'], maximumExpirationSeconds: 3600, clockSkewSeconds: 0 }, { routeId: 'r-strict' }),
      plugin('p-places', 'jwt', { uriParamNames: ['jwt'], cookieNames: ['session'], hideCredentials: true, claimsToVerify: [] }, { routeId: 'r-places' }),
    ],
    consumers: [consumer('c-alice', 'alice', { groups: ['dev'] })],
    credentials: [
      // sealed for the cluster token the offline gateway runs with
      credential('j-hs', 'hs-issuer', 'HS256', { secretSealed: sealForGateway(HS_SECRET, gatewaySealKey('test-token')) }),
      credential('j-other-cluster', 'other-cluster', 'HS256', { secretSealed: sealForGateway(HS_SECRET, gatewaySealKey('another-token')) }),
      credential('j-rs', 'rs-issuer', 'RS256', { publicKey: pem(rsa.publicKey) }),
      credential('j-ed', 'ed-issuer', 'EdDSA', { publicKey: pem(ed.publicKey) }),
      credential('j-jwks', 'jwks-issuer', 'ES256', { jwksUrl }),
      credential('j-down', 'down-issuer', 'ES256', { jwksUrl: `http://127.0.0.1:${await closedPort()}/jwks.json` }),
    ],
  });
});

afterAll(async () => {
  await bed?.close();
  await closeServer(jwksServer);
});

describe('jwt through the gateway', () => {
  it('HS256 (secret sealed for the cluster), RS256 and EdDSA (PEM): the credential named by iss verifies', async () => {
    const tokens: [string, string][] = [
      ['j-hs', await hs({ exp: now() + 60 })],
      ['j-rs', await sign({ iss: 'rs-issuer', exp: now() + 60 }, 'RS256', rsa.privateKey)],
      ['j-ed', await sign({ iss: 'ed-issuer', exp: now() + 60 }, 'EdDSA', ed.privateKey)],
    ];
    for (const [id, token] of tokens) {
      const r = await bed.get('/jwt', bearer(token));
      expect(r.status).toBe(200);
      expect(r.json.headers?.['x-consumer-username']).toBe('alice');
      expect(r.json.headers?.['x-credential-identifier']).toBe(id);
      // hideCredentials defaults to false for jwt (Kong's default)
      expect(r.json.headers?.authorization).toBe(`Bearer ${token}`);
    }
  });

  it('expired, nbf in the future, wrong audience, too long a lifetime, no exp: 401 with stable reasons', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['/jwt', { exp: now() - 3600 }, 'credentials-expired'],
      ['/jwt', {}, 'claims-invalid'],
      ['/strict', { aud: 'orders-api', exp: now() + 60, nbf: now() + 600 }, 'claims-invalid'],
      ['/strict', { aud: 'billing-api', exp: now() + 60, nbf: now() - 1 }, 'claims-invalid'],
      ['/strict', { aud: 'orders-api', exp: now() + 7200, nbf: now() - 1 }, 'claims-invalid'],
    ];
    for (const [path, claims, reason] of cases) {
      const r = await bed.get(path, bearer(await hs(claims)));
      expect([path, r.status, r.json.error?.code, reasonOf(r)]).toEqual([path, 401, 'AYA_GW_UNAUTHORIZED', reason]);
      expect(r.headers['www-authenticate']).toBe('Bearer realm="aya", error="invalid_token"');
    }
    expect((await bed.get('/strict', bearer(await hs({ aud: 'orders-api', exp: now() + 60, nbf: now() - 1 })))).status).toBe(200);
  });

  it('alg none and algorithm confusion (HS256 token "signed" with the RS256 public key) are refused', async () => {
    const none = new UnsecuredJWT({ iss: 'hs-issuer', exp: now() + 60 }).encode();
    const confused = await sign({ iss: 'rs-issuer', exp: now() + 60 }, 'HS256', new TextEncoder().encode(pem(rsa.publicKey)));
    const rsAgainstHs = await sign({ iss: 'hs-issuer', exp: now() + 60 }, 'RS256', rsa.privateKey);
    for (const token of [none, confused, rsAgainstHs]) {
      const r = await bed.get('/jwt', bearer(token));
      expect([r.status, r.json.error?.code, reasonOf(r)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'signature-invalid']);
    }
  });

  it('malformed tokens, unknown issuers, a secret sealed for another cluster: 401 coded, never a crash', async () => {
    const malformed = ['not-a-jwt', 'a.b.c', 'e30.e30', `${'x'.repeat(9000)}.e30.sig`, 'eyJhbGciOiJIUzI1NiJ9.%%%.sig'];
    for (const token of malformed) {
      const r = await bed.get('/jwt', bearer(token));
      expect([r.status, r.json.error?.code, reasonOf(r)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'credentials-malformed']);
    }
    const unknown = await sign({ iss: 'nobody', exp: now() + 60 }, 'HS256', new TextEncoder().encode(HS_SECRET));
    const otherCluster = await sign({ iss: 'other-cluster', exp: now() + 60 }, 'HS256', new TextEncoder().encode(HS_SECRET));
    for (const token of [unknown, otherCluster]) expect(reasonOf(await bed.get('/jwt', bearer(token)))).toBe('credentials-unknown');
    const missing = await bed.get('/jwt', { authorization: 'Basic YTpi' });
    expect([missing.status, reasonOf(missing)]).toEqual([401, 'credentials-missing']);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="aya"');
  });

  it('reads the token from a query parameter or a cookie and hides it from the upstream', async () => {
    const token = await hs({});
    const byQuery = await bed.get(`/places/x?a=1&jwt=${token}`);
    expect(byQuery.status).toBe(200);
    expect(byQuery.json.url).toBe('/places/x?a=1');
    const byCookie = await bed.get('/places', { cookie: `theme=dark; session=${token}` });
    expect(byCookie.status).toBe(200);
    expect(byCookie.json.headers?.cookie).toBe('theme=dark');
  });

  it('JWKS: fetched once and cached; a rotated key (new kid) is fetched; the removed key stops working', async () => {
    const first = await sign({ iss: 'jwks-issuer', exp: now() + 600 }, 'ES256', ec1.privateKey, 'k1');
    expect((await bed.get('/jwt', bearer(first))).status).toBe(200);
    expect((await bed.get('/jwt', bearer(first))).status).toBe(200);
    expect(jwksHits).toBe(1);
    jwksKeys = [{ ...(await exportJWK(ec2.publicKey)), kid: 'k2', alg: 'ES256', use: 'sig' }];
    const rotated = await sign({ iss: 'jwks-issuer', exp: now() + 600 }, 'ES256', ec2.privateKey, 'k2');
    // an unknown kid refetches, at most once per cooldown (JWKS_REFETCH_COOLDOWN_MS): poll until it is in
    await until(async () => (await bed.get('/jwt', bearer(rotated))).status === 200, 'the rotated key to be fetched');
    expect(jwksHits).toBeGreaterThanOrEqual(2);
    const stale = await bed.get('/jwt', bearer(first));
    expect([stale.status, reasonOf(stale)]).toEqual([401, 'signature-invalid']);
  });

  it('a JWKS that cannot be fetched: 401 issuer-unavailable, other credentials unaffected', async () => {
    const r = await bed.get('/jwt', bearer(await sign({ iss: 'down-issuer', exp: now() + 60 }, 'ES256', ec1.privateKey, 'k1')));
    expect([r.status, r.json.error?.code, reasonOf(r)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'issuer-unavailable']);
    expect((await bed.get('/jwt', bearer(await hs({ exp: now() + 60 })))).status).toBe(200);
  });
});

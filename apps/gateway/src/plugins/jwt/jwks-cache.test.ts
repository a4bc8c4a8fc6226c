import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, closeServer, listenOn } from '../../testing/fixtures';
import { JWKS_REFETCH_COOLDOWN_MS, JwksCache } from './jwks-cache';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let keys: JWK[] = [];
let status = 200;
let hits = 0;
const server = createServer((_req, res) => {
  hits++;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
});
let url = '';

beforeAll(async () => {
  url = `http://127.0.0.1:${await listenOn(server)}/jwks`;
  keys = [{ ...(await exportJWK(ec.publicKey)), kid: 'k1', alg: 'ES256' }];
});
afterAll(() => closeServer(server));

const token = (kid: string) => new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256', kid }).sign(ec.privateKey);

describe('JwksCache', () => {
  it('one resolver per URL, fetched once', async () => {
    const cache = new JwksCache();
    expect(cache.resolver(url)).toBe(cache.resolver(url));
    const t = await token('k1');
    await jwtVerify(t, cache.resolver(url), { algorithms: ['ES256'] });
    await jwtVerify(t, cache.resolver(url), { algorithms: ['ES256'] });
    expect(hits).toBe(1);
  });

  it('an unreachable key set fails with a coded error, and is not fetched again for every request', async () => {
    const cache = new JwksCache();
    const down = `http://127.0.0.1:${await closedPort()}/jwks`;
    const t = await token('k1');
    await expect(jwtVerify(t, cache.resolver(down), { algorithms: ['ES256'] })).rejects.toMatchObject({ code: 'ERR_AYA_JWKS_UNAVAILABLE' });
    status = 500;
    const before = hits;
    const failing = new JwksCache();
    await expect(jwtVerify(t, failing.resolver(url), { algorithms: ['ES256'] })).rejects.toMatchObject({ code: 'ERR_AYA_JWKS_UNAVAILABLE' });
    await expect(jwtVerify(t, failing.resolver(url), { algorithms: ['ES256'] })).rejects.toMatchObject({ code: 'ERR_AYA_JWKS_UNAVAILABLE' });
    expect(hits).toBe(before + 1);
    status = 200;
  });

  it('while the provider fails, an unknown kid refetches once per retry delay and known keys keep verifying', async () => {
    const cache = new JwksCache();
    const known = await token('k1');
    await jwtVerify(known, cache.resolver(url), { algorithms: ['ES256'] });
    status = 503;
    // past jose's refetch cooldown, an unknown kid makes it fetch again: that fetch fails
    await new Promise((r) => setTimeout(r, JWKS_REFETCH_COOLDOWN_MS + 200));
    const before = hits;
    const unknown = await token('k9');
    await expect(jwtVerify(unknown, cache.resolver(url), { algorithms: ['ES256'] })).rejects.toBeDefined();
    expect(hits).toBe(before + 1);
    // jose alone would fetch again on each such request (its cooldown counts from the last success)
    await expect(jwtVerify(unknown, cache.resolver(url), { algorithms: ['ES256'] })).rejects.toBeDefined();
    expect(hits).toBe(before + 1);
    // the keys fetched before still verify meanwhile
    await expect(jwtVerify(known, cache.resolver(url), { algorithms: ['ES256'] })).resolves.toHaveProperty('payload');
    status = 200;
  });
});

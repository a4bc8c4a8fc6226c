import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOn } from '../../testing/fixtures';
import { claimText, grantedScopes, stringList } from './claims';
import { DISCOVERY_RETRY_MS, discoveryUrlOf, OidcDiscovery } from './discovery';

describe('oidc claims', () => {
  it('reads scopes from scope (space-separated) and scp (string or array)', () => {
    expect([...grantedScopes({ scope: 'read  write' })]).toEqual(['read', 'write']);
    expect([...grantedScopes({ scp: ['a', 3, 'b'] })]).toEqual(['a', 'b']);
    expect([...grantedScopes({ scope: 'x', scp: 'y z' })]).toEqual(['x', 'y', 'z']);
    expect(grantedScopes({}).size).toBe(0);
  });

  it('reads group lists and consumer names leniently', () => {
    expect(stringList('g')).toEqual(['g']);
    expect(stringList(['g', 1, 'h'])).toEqual(['g', 'h']);
    expect(stringList({ g: 1 })).toEqual([]);
    expect(claimText(42)).toBe('42');
    expect(claimText('')).toBeUndefined();
    expect(claimText({})).toBeUndefined();
  });
});

describe('OidcDiscovery', () => {
  let hits = 0;
  let issuerInDoc = '';
  let up = true;
  const server = createServer((_req, res) => {
    hits++;
    if (!up) return void res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: issuerInDoc, jwks_uri: `${issuerInDoc}/jwks` }));
  });
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await listenOn(server)}`;
  });
  afterAll(() => closeServer(server));

  it('fetches once and shares the document; refuses a document of another issuer', async () => {
    issuerInDoc = base;
    const d = new OidcDiscovery();
    const url = discoveryUrlOf(`${base}/`, null);
    expect(url).toBe(`${base}/.well-known/openid-configuration`);
    const [a, b] = await Promise.all([d.metadata(url, base), d.metadata(url, `${base}/`)]);
    expect(a).toEqual({ issuer: base, jwksUri: `${base}/jwks` });
    expect(b.jwksUri).toBe(`${base}/jwks`);
    const before = hits;
    await d.metadata(url, base);
    expect(hits).toBe(before);
    issuerInDoc = 'https://evil.test';
    await expect(new OidcDiscovery().metadata(url, base)).rejects.toThrow(/issuer/);
  });

  it('a failure is remembered for the retry delay, then fetched again', async () => {
    up = false;
    issuerInDoc = base;
    const d = new OidcDiscovery();
    const url = `${base}/.well-known/openid-configuration`;
    const t0 = 1_000_000;
    await expect(d.metadata(url, base, t0)).rejects.toThrow(/503/);
    const after = hits;
    await expect(d.metadata(url, base, t0 + 1)).rejects.toThrow(/503/);
    expect(hits).toBe(after);
    up = true;
    await expect(d.metadata(url, base, t0 + DISCOVERY_RETRY_MS + 1)).resolves.toMatchObject({ issuer: base });
  });
});

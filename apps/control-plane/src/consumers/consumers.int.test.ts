import { generateKeyPairSync } from 'node:crypto';
import { snapshotConsumerSchema, snapshotCredentialSchema } from '@aya/config-schema';
import { gatewaySealKey, sha256Hex, unsealFromControlPlane, verifyPassword } from '@aya/config-schema/secrets';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayView } from '../config-flow/gateway-view.test-util';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

const SECRET_KEY = 'consumer-secret-key-for-tests-0123456789';
let cp: ControlPlane;
let databaseUrl: string;
let api: ReturnType<typeof apiClient>;
let revision: ReturnType<typeof gatewayView>['revision'];
let changesAfter: ReturnType<typeof gatewayView>['changesAfter'];
let pull: ReturnType<typeof gatewayView>['pull'];
const t = (p: string) => `/api/v1/tenants/default/${p}`;
const creds = (consumer: string) => t(`consumers/${consumer}/credentials`);

beforeAll(async () => {
  databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl, env: { AYA_SECRET_KEY: SECRET_KEY } });
  api = apiClient(cp.url, cp.adminToken);
  ({ revision, changesAfter, pull } = gatewayView(cp, api));
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

/** Every text the control plane stored about config and audit: no secret may be in any of it. */
async function storedTexts(): Promise<string> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = await db.query<{ s: string | null }>(
      `SELECT changes_text AS s FROM config_revisions UNION ALL SELECT before::text FROM audit_events UNION ALL SELECT after::text FROM audit_events
       UNION ALL SELECT row_to_json(c)::text FROM credentials c`,
    );
    return rows.rows.map((r) => r.s ?? '').join('\n');
  } finally {
    await db.end();
  }
}

describe('consumers and groups', () => {
  it('CRUD with groups by name; 409 on a taken username or customId; 400 on an unknown group', async () => {
    expect((await api('POST', t('consumer-groups'), { name: 'gold', description: 'paying' })).status).toBe(201);
    expect((await api('POST', t('consumer-groups'), { name: 'gold' })).status).toBe(409);
    const alice = await api('POST', t('consumers'), { username: 'alice', customId: 'c-1', groups: ['gold'] });
    expect(alice.status).toBe(201);
    expect(alice.body).toEqual({ id: expect.any(String), username: 'alice', customId: 'c-1', groups: ['gold'], createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect((await api('GET', t('consumers/alice'))).body).toEqual(alice.body);
    expect((await api('GET', t(`consumers/${alice.body.id}`))).body).toEqual(alice.body);
    expect((await api('POST', t('consumers'), { username: 'alice' })).body.error.code).toBe('AYA_CP_CONFLICT');
    expect((await api('POST', t('consumers'), { username: 'carol', customId: 'c-1' })).status).toBe(409);
    const noGroup = await api('POST', t('consumers'), { username: 'carol', groups: ['gold', 'nope'] });
    expect(noGroup.status).toBe(400);
    expect(noGroup.body.error.details).toEqual([{ path: 'groups.1', message: expect.any(String) }]);
    const patched = await api('PATCH', t('consumers/alice'), { customId: null, groups: [] });
    expect(patched.body).toMatchObject({ username: 'alice', customId: null, groups: [] });
    expect((await api('PATCH', t('consumers/alice'), { groups: ['gold'] })).body.groups).toEqual(['gold']);
  });

  it('ships consumers with group names; renaming or deleting a group changes its members in the same revision', async () => {
    const item = (await pull()).consumers?.find((c) => c.username === 'alice');
    expect(snapshotConsumerSchema.parse(item)).toEqual({ id: expect.any(String), tenant: 'default', username: 'alice', customId: null, groups: ['gold'] });
    let before = await revision();
    expect((await api('PATCH', t('consumer-groups/gold'), { name: 'platinum' })).body.name).toBe('platinum');
    expect(await changesAfter(before)).toEqual([{ kind: 'consumer', id: item?.id, item: expect.objectContaining({ groups: ['platinum'] }) }]);
    before = await revision();
    expect((await api('PATCH', t('consumer-groups/platinum'), { description: 'top' })).status).toBe(200);
    expect(await changesAfter(before)).toEqual([]);
    before = await revision();
    expect((await api('DELETE', t('consumer-groups/platinum'))).status).toBe(204);
    expect(await changesAfter(before)).toEqual([{ kind: 'consumer', id: item?.id, item: expect.objectContaining({ groups: [] }) }]);
    expect((await api('GET', t('consumers/alice'))).body.groups).toEqual([]);
  });
});

describe('credentials', () => {
  it('key-auth: a generated key is returned once, stored and shipped as sha256 only, never listed, audited or logged', async () => {
    const created = await api('POST', creds('alice'), { type: 'key-auth' });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(created.body).toMatchObject({ type: 'key-auth', keyPrefix: key.slice(0, 6), expiresAt: null });
    const got = await api('GET', `${creds('alice')}/${created.body.id}`);
    expect(got.body).toEqual({ id: created.body.id, consumerId: created.body.consumerId, type: 'key-auth', keyPrefix: key.slice(0, 6), expiresAt: null, createdAt: expect.any(String) });
    const listed = await api('GET', creds('alice'));
    expect(listed.body.data).toEqual([got.body]);
    const item = (await pull()).credentials?.find((c) => c.id === created.body.id);
    expect(snapshotCredentialSchema.parse(item)).toEqual({ type: 'key-auth', id: created.body.id, tenant: 'default', consumerId: created.body.consumerId, keyHash: sha256Hex(key), expiresAt: null });
    const stored = await storedTexts();
    expect(stored).toContain(sha256Hex(key));
    expect(stored).not.toContain(key);
    expect(cp.logs()).not.toContain(key);
    for (const body of [got.body, listed.body]) expect(JSON.stringify(body)).not.toContain(key);

    // a given key: returned once too; the same key twice in a tenant is a 409
    const given = await api('POST', creds('alice'), { type: 'key-auth', key: 'given-key-0123456789abcdef', expiresAt: '2030-01-01T00:00:00Z' });
    expect(given.body).toMatchObject({ key: 'given-key-0123456789abcdef', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect((await api('POST', creds('alice'), { type: 'key-auth', key: 'given-key-0123456789abcdef' })).status).toBe(409);
    const patched = await api('PATCH', `${creds('alice')}/${given.body.id}`, { expiresAt: null });
    expect(patched.body).toMatchObject({ expiresAt: null });
    expect(patched.body.key).toBeUndefined();
  });

  it('basic-auth: the password is scrypt-hashed, never returned; usernames unique per tenant', async () => {
    const created = await api('POST', creds('alice'), { type: 'basic-auth', username: 'alice-basic', password: 'correct horse battery' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), consumerId: expect.any(String), type: 'basic-auth', username: 'alice-basic', createdAt: expect.any(String) });
    const item = (await pull()).credentials?.find((c) => c.id === created.body.id);
    const parsed = snapshotCredentialSchema.parse(item);
    expect(parsed.type === 'basic-auth' && (await verifyPassword('correct horse battery', parsed.passwordHash))).toBe(true);
    expect((await api('POST', creds('alice'), { type: 'basic-auth', username: 'alice-basic', password: 'another password' })).status).toBe(409);
    expect(await storedTexts()).not.toContain('correct horse battery');
    expect(cp.logs()).not.toContain('correct horse battery');
    const patch = await api('PATCH', `${creds('alice')}/${created.body.id}`, { expiresAt: null });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details[0].path).toBe('expiresAt');
  });

  it('jwt HS256: a generated secret is returned once, sealed at rest, and unseals at a gateway with the cluster token', async () => {
    const created = await api('POST', creds('alice'), { type: 'jwt', key: 'https://issuer.test' });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(created.body).toMatchObject({ type: 'jwt', key: 'https://issuer.test', algorithm: 'HS256' });
    expect((await api('GET', `${creds('alice')}/${created.body.id}`)).body.secret).toBeUndefined();
    const item = (await pull()).credentials?.find((c) => c.id === created.body.id);
    const parsed = snapshotCredentialSchema.parse(item);
    if (parsed.type !== 'jwt' || parsed.secretSealed === null) throw new Error('expected a sealed jwt secret');
    // the gateway's view: only the cluster token opens it
    expect(unsealFromControlPlane(parsed.secretSealed, gatewaySealKey(cp.clusterToken))).toBe(secret);
    expect(unsealFromControlPlane(parsed.secretSealed, gatewaySealKey('another-cluster-token-0123456789'))).toBeUndefined();
    const stored = await storedTexts();
    expect(stored).toContain(parsed.secretSealed);
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/"secret_encrypted":"v1:/);
    expect(cp.logs()).not.toContain(secret);
    expect((await api('POST', creds('alice'), { type: 'jwt', key: 'https://issuer.test' })).status).toBe(409);
  });

  it('jwt RS256 takes a public key PEM (never a private one); mtls fingerprints are normalised', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rs = await api('POST', creds('alice'), { type: 'jwt', key: 'rs-issuer', algorithm: 'RS256', publicKey: pub });
    expect(rs.status).toBe(201);
    expect(rs.body).toMatchObject({ algorithm: 'RS256', publicKey: pub });
    const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const leaked = await api('POST', creds('alice'), { type: 'jwt', key: 'rs-2', algorithm: 'RS256', publicKey: priv });
    expect(leaked.status).toBe(400);
    expect(leaked.body.error.details).toEqual([{ path: 'publicKey', message: expect.any(String) }]);
    const { publicKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const wrongType = await api('POST', creds('alice'), { type: 'jwt', key: 'rs-3', algorithm: 'RS256', publicKey: ec.export({ type: 'spki', format: 'pem' }).toString() });
    expect(wrongType.body.error.details[0].path).toBe('publicKey');

    const fp = Array.from({ length: 32 }, (_, i) => (i + 160).toString(16).toUpperCase()).join(':');
    const mtls = await api('POST', creds('alice'), { type: 'mtls', fingerprint: fp });
    expect(mtls.status).toBe(201);
    const normal = fp.replaceAll(':', '').toLowerCase();
    expect(mtls.body.fingerprint).toBe(normal);
    expect((await pull()).credentials?.find((c) => c.id === mtls.body.id)).toEqual({ type: 'mtls', id: mtls.body.id, tenant: 'default', consumerId: mtls.body.consumerId, subject: null, fingerprint: normal });
    expect((await api('POST', creds('alice'), { type: 'mtls', fingerprint: normal })).status).toBe(409);
  });

  it('deleting a consumer deletes its credentials: every item leaves in one revision', async () => {
    const bob = (await api('POST', t('consumers'), { username: 'bob' })).body;
    const k = (await api('POST', creds('bob'), { type: 'key-auth' })).body;
    const b = (await api('POST', creds('bob'), { type: 'basic-auth', username: 'bob', password: 'bob password 1' })).body;
    const before = await revision();
    expect((await api('DELETE', t('consumers/bob'))).status).toBe(204);
    expect(await revision()).toBe(before + 1);
    expect(await changesAfter(before)).toEqual(
      expect.arrayContaining([
        { kind: 'consumer', id: bob.id, item: null },
        { kind: 'credential', id: k.id, item: null },
        { kind: 'credential', id: b.id, item: null },
      ]),
    );
    expect((await api('GET', creds('bob'))).status).toBe(404);
    const snap = await pull();
    expect(snap.credentials?.map((c) => c.id)).not.toContain(k.id);
  });

  it('answers 400 with details for bad bodies, 404 for unknown consumers and credentials', async () => {
    const short = await api('POST', creds('alice'), { type: 'key-auth', key: 'short' });
    expect(short.body.error.details).toEqual([{ path: 'key', message: expect.any(String) }]);
    expect((await api('POST', creds('alice'), { type: 'nope' })).status).toBe(400);
    expect((await api('POST', creds('nobody'), { type: 'key-auth' })).status).toBe(404);
    expect((await api('GET', `${creds('alice')}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});

describe('without AYA_SECRET_KEY', () => {
  it('keeps key-auth working and refuses a jwt HMAC secret with AYA_CP_SECRET_KEY_REQUIRED, writing nothing', async () => {
    const plain = await startControlPlane({ databaseUrl: await createDatabase() });
    try {
      const papi = apiClient(plain.url, plain.adminToken);
      expect((await papi('POST', t('consumers'), { username: 'dora' })).status).toBe(201);
      expect((await papi('POST', creds('dora'), { type: 'key-auth' })).status).toBe(201);
      const jwt = await papi('POST', creds('dora'), { type: 'jwt', key: 'dora-issuer', secret: 'a-secret-that-is-long-enough-0123456789' });
      expect(jwt.status).toBe(500);
      expect(jwt.body.error.code).toBe('AYA_CP_SECRET_KEY_REQUIRED');
      expect((await papi('GET', creds('dora'))).body.data).toHaveLength(1);
      expect(plain.logs()).not.toContain('a-secret-that-is-long-enough-0123456789');
    } finally {
      expect(await plain.stop()).toBe(0);
    }
  });
});

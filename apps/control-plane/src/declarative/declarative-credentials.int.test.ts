import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayView } from '../config-flow/gateway-view.test-util';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

// two installations with the same secret key: a dump of one (sealed jwt secrets included) applies to the other
const env = { AYA_SECRET_KEY: 'declarative-credentials-secret-key-0123456789' };
let a: ControlPlane;
let b: ControlPlane;
let apiA: ReturnType<typeof apiClient>;
let apiB: ReturnType<typeof apiClient>;
const t = (p: string) => `/api/v1/tenants/default/${p}`;
const KEY = 'alice-key-0123456789abcdef';
const PASSWORD = 'alice-password-1';
const SECRET = 'alice-hmac-secret-0123456789abcdef-xyz';
const FINGERPRINT = 'ab'.repeat(32);

async function must(api: ReturnType<typeof apiClient>, method: string, path: string, body: unknown, status: number) {
  const res = await api(method, path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
const apply = (api: ReturnType<typeof apiClient>, doc: unknown, query = '') => api('POST', `/api/v1/tenants/default/config/apply${query}`, doc);
const dump = (api: ReturnType<typeof apiClient>) => must(api, 'GET', t('config'), undefined, 200);
const revisionOf = async (api: ReturnType<typeof apiClient>): Promise<number> => (await must(api, 'GET', '/api/v1/config/revision', undefined, 200)).revision;
const credentialsOf = async (api: ReturnType<typeof apiClient>, username: string) => (await must(api, 'GET', t(`consumers/${username}/credentials`), undefined, 200)).data;

beforeAll(async () => {
  a = await startControlPlane({ databaseUrl: await createDatabase(), env });
  b = await startControlPlane({ databaseUrl: await createDatabase(), env });
  apiA = apiClient(a.url, a.adminToken);
  apiB = apiClient(b.url, b.adminToken);
  await must(apiA, 'POST', t('consumers'), { username: 'alice' }, 201);
  for (const credential of [
    { type: 'key-auth', key: KEY },
    { type: 'basic-auth', username: 'alice-basic', password: PASSWORD },
    { type: 'jwt', key: 'alice-iss', secret: SECRET },
    { type: 'mtls', fingerprint: FINGERPRINT },
  ]) {
    await must(apiA, 'POST', t('consumers/alice/credentials'), credential, 201);
  }
});

afterAll(async () => {
  expect(await a?.stop()).toBe(0);
  expect(await b?.stop()).toBe(0);
});

describe('credentials in the declarative document', () => {
  it('dumps them hashed or sealed, never a secret in clear', async () => {
    const doc = await dump(apiA);
    const text = JSON.stringify(doc);
    for (const secret of [KEY, PASSWORD, SECRET]) expect(text).not.toContain(secret);
    const [alice] = doc.consumers;
    expect(alice.username).toBe('alice');
    const byType = Object.fromEntries(alice.credentials.map((c: { type: string }) => [c.type, c]));
    expect(byType['key-auth']).toEqual({ type: 'key-auth', keyHash: expect.stringMatching(/^[0-9a-f]{64}$/), keyPrefix: KEY.slice(0, 6) });
    expect(byType['basic-auth']).toEqual({ type: 'basic-auth', username: 'alice-basic', passwordHash: expect.stringMatching(/^scrypt\$/) });
    expect(byType.jwt).toEqual({ type: 'jwt', key: 'alice-iss', algorithm: 'HS256', secretSealed: expect.stringMatching(/^v1:/) });
    expect(byType.mtls).toEqual({ type: 'mtls', fingerprint: FINGERPRINT });
  });

  it('applies a dump back without a change, and to another installation as the same credentials', async () => {
    const doc = await dump(apiA);
    const before = await revisionOf(apiA);
    expect((await apply(apiA, doc, '?prune=true')).body).toEqual({ revision: before, dryRun: false, changes: [] });
    expect(await revisionOf(apiA)).toBe(before);

    const first = await apply(apiB, doc);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.changes.filter((c: { kind: string }) => c.kind === 'credential')).toHaveLength(4);
    expect(first.body.changes).toContainEqual({ action: 'create', kind: 'credential', name: 'alice/basic-auth/alice-basic' });
    // the key shows by the start of its hash only
    const keyChange = first.body.changes.find((c: { name: string }) => c.name.startsWith('alice/key-auth/'));
    expect(keyChange.name).toMatch(/^alice\/key-auth\/sha256:[0-9a-f]{12}$/);
    expect(await dump(apiB)).toEqual(doc);
    expect((await apply(apiB, doc)).body.changes).toEqual([]);
    // gateways get the credential items, the key as its hash
    const items = await gatewayView(b, apiB).changesAfter(first.body.revision - 1);
    const key = items.find((c) => c.kind === 'credential' && c.item?.type === 'key-auth');
    expect(key?.item?.keyHash).toBe(doc.consumers[0].credentials.find((c: { type: string }) => c.type === 'key-auth').keyHash);
    const listed = await credentialsOf(apiB, 'alice');
    expect(listed.map((c: { type: string }) => c.type).sort()).toEqual(['basic-auth', 'jwt', 'key-auth', 'mtls']);
  });

  it('takes secrets in clear from a hand-written file, stores them hashed, and applies the same file again without a change', async () => {
    const file = {
      consumers: [
        {
          username: 'bob',
          credentials: [
            { type: 'key-auth', key: 'bob-key-0123456789abcdef' },
            { type: 'basic-auth', username: 'bob-basic', password: 'bob-password-1' },
            { type: 'jwt', key: 'bob-iss', secret: 'bob-hmac-secret-0123456789abcdef-xyz' },
          ],
        },
      ],
    };
    const first = await apply(apiB, file);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.changes).toHaveLength(4);
    const text = JSON.stringify(await dump(apiB));
    for (const secret of ['bob-key-0123456789abcdef', 'bob-password-1', 'bob-hmac-secret-0123456789abcdef-xyz']) expect(text).not.toContain(secret);
    const revision = await revisionOf(apiB);
    expect((await apply(apiB, file)).body).toEqual({ revision, dryRun: false, changes: [] });

    const changed = structuredClone(file);
    changed.consumers[0].credentials[1].password = 'bob-password-2';
    expect((await apply(apiB, changed)).body.changes).toEqual([{ action: 'update', kind: 'credential', name: 'bob/basic-auth/bob-basic' }]);
    expect((await apply(apiB, changed)).body.changes).toEqual([]);
  });

  it('prunes only the credentials of consumers whose entry lists them', async () => {
    const doc = await dump(apiB);
    const alice = doc.consumers.find((c: { username: string }) => c.username === 'alice');
    const bob = doc.consumers.find((c: { username: string }) => c.username === 'bob');
    const { credentials: _unmanaged, ...aliceWithout } = alice;
    const onlyKey = { ...bob, credentials: bob.credentials.filter((c: { type: string }) => c.type === 'key-auth') };
    const res = await apply(apiB, { ...doc, consumers: [aliceWithout, onlyKey] }, '?prune=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changes).toEqual([
      { action: 'delete', kind: 'credential', name: 'bob/basic-auth/bob-basic' },
      { action: 'delete', kind: 'credential', name: 'bob/jwt/bob-iss' },
    ]);
    expect(await credentialsOf(apiB, 'alice')).toHaveLength(4);
    expect((await credentialsOf(apiB, 'bob')).map((c: { type: string }) => c.type)).toEqual(['key-auth']);
  });

  it('refuses a key another consumer holds (409 at the credential) and a sealed secret it cannot open (400)', async () => {
    const taken = await apply(apiB, { consumers: [{ username: 'carol', credentials: [{ type: 'key-auth', key: KEY }] }] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('AYA_CP_CONFLICT');
    expect(taken.body.error.details.map((d: { path: string }) => d.path)).toEqual(['consumers[0].credentials[0]']);
    const sealed = await apply(apiB, { consumers: [{ username: 'carol', credentials: [{ type: 'jwt', key: 'carol-iss', secretSealed: 'v1:not-sealed-here' }] }] });
    expect(sealed.status).toBe(400);
    expect(sealed.body.error.details.map((d: { path: string }) => d.path)).toEqual(['consumers[0].credentials[0].secretSealed']);
    const both = await apply(apiB, { consumers: [{ username: 'carol', credentials: [{ type: 'key-auth', key: KEY, keyHash: 'a'.repeat(64) }] }] });
    expect(both.status).toBe(400);
    expect((await apiB('GET', t('consumers/carol'))).status).toBe(404);
  });

  it('takes at most 1,000 passwords in clear per apply (scrypt each), refused before any is hashed', async () => {
    const consumers = Array.from({ length: 11 }, (_, i) => ({
      username: `many-${i}`,
      credentials: Array.from({ length: 100 }, (_, j) => ({ type: 'basic-auth', username: `many-${i}-${j}`, password: 'a-password-1' })),
    }));
    const res = await apply(apiB, { consumers });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['consumers[10].credentials[0].password']);
  });
});

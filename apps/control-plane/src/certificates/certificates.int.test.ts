import { configResponseSchema } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { selfSigned } from './test-certs.test-util';

const SECRET = 'certificate-secret-key-for-tests-0123456789';
let cp: ControlPlane;
let databaseUrl: string;
let api: ReturnType<typeof apiClient>;
const base = '/api/v1/tenants/default/certificates';
const a = selfSigned('a.test');
const b = selfSigned('b.test');

beforeAll(async () => {
  databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl, env: { AYA_SECRET_KEY: SECRET } });
  api = apiClient(cp.url, cp.adminToken);
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

const pull = async () => {
  const res = await fetch(`${cp.url}/internal/v1/config`, { headers: { authorization: `Bearer ${cp.clusterToken}` } });
  const text = await res.text();
  // keys are unsealed on the way out, and the hash is over the items as sent
  const cfg = configResponseSchema.parse(JSON.parse(text));
  expect(snapshotHash(cfg.snapshot)).toBe(cfg.hash);
  return cfg.snapshot;
};

describe('certificates', () => {
  it('stores the key sealed, never returns it, serves it in clear only in the snapshot', async () => {
    const created = await api('POST', base, { snis: ['A.test', '*.a.test'], cert: a.cert, key: a.key });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), snis: ['a.test', '*.a.test'], cert: a.cert, hasKey: true, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(JSON.stringify((await api('GET', base)).body)).not.toContain('PRIVATE KEY');
    expect((await api('GET', `${base}/${created.body.id}`)).body.hasKey).toBe(true);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const rows = await db.query<{ key_encrypted: string }>('SELECT key_encrypted FROM certificates');
      expect(rows.rows[0].key_encrypted).toMatch(/^v1:/);
      const stored = await db.query<{ s: string }>('SELECT changes_text AS s FROM config_revisions UNION ALL SELECT after::text FROM audit_events');
      for (const r of stored.rows) expect(r.s ?? '').not.toContain('PRIVATE KEY');
    } finally {
      await db.end();
    }
    const snap = await pull();
    expect(snap.certificates).toEqual([{ id: created.body.id, snis: ['a.test', '*.a.test'], cert: a.cert, key: a.key }]);
    expect(cp.logs()).not.toContain('PRIVATE KEY');
  });

  it('validates the PEMs with node:crypto: 400 with field details', async () => {
    const mismatch = await api('POST', base, { cert: a.cert, key: b.key });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details).toEqual([{ path: 'key', message: 'private key does not match the certificate' }]);
    const garbled = a.cert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    const bad = await api('POST', base, { cert: garbled });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('cert');
    const syntax = await api('POST', base, { cert: 'nope', snis: ['bad host'] });
    expect(syntax.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['cert', 'snis.0']);
  });

  it('refuses SNIs without a private key (never served): 400 at key, on create, PUT and PATCH', async () => {
    const created = await api('POST', base, { snis: ['nokey.test'], cert: selfSigned('nokey.test').cert });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'AYA_CP_VALIDATION', details: [{ path: 'key', message: expect.any(String) }] });
    const bundle = (await api('POST', base, { cert: b.cert })).body;
    expect((await api('PATCH', `${base}/${bundle.id}`, { snis: ['nokey.test'] })).body.error.details).toEqual([{ path: 'key', message: expect.any(String) }]);
    expect((await api('PUT', `${base}/${bundle.id}`, { snis: ['nokey.test'], cert: b.cert })).status).toBe(400);
    expect((await api('DELETE', `${base}/${bundle.id}`)).status).toBe(204);
  });

  it('keeps SNIs unique (409), PATCH keeps the key, PUT without key drops it', async () => {
    const clash = await api('POST', base, { snis: ['a.test'], cert: b.cert, key: b.key });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('AYA_CP_CONFLICT');
    const other = await api('POST', base, { snis: ['b.test'], cert: b.cert, key: b.key });
    expect(other.status).toBe(201);
    expect((await api('PATCH', `${base}/${other.body.id}`, { snis: ['a.test'] })).status).toBe(409);
    const patched = await api('PATCH', `${base}/${other.body.id}`, { snis: ['b.test', 'c.test'] });
    expect(patched.body).toMatchObject({ snis: ['b.test', 'c.test'], hasKey: true });
    // a new cert alone must match the stored key
    expect((await api('PATCH', `${base}/${other.body.id}`, { cert: a.cert })).body.error.details).toEqual([{ path: 'key', message: expect.any(String) }]);
    const put = await api('PUT', `${base}/${other.body.id}`, { cert: b.cert });
    expect(put.body).toMatchObject({ snis: [], hasKey: false });
    expect((await api('GET', `${base}/nope`)).status).toBe(404);
  });

  it('services reference certificates by id: 400 when missing, 409 on deleting a used one', async () => {
    const client = (await api('POST', base, { cert: selfSigned('client').cert.trim(), key: undefined })).body;
    const ca = (await api('POST', base, { cert: b.cert })).body;
    const noKey = await api('POST', '/api/v1/tenants/default/services', { name: 'mtls', url: 'https://127.0.0.1:9443', clientCertificateId: client.id });
    expect(noKey.body.error.details).toEqual([{ path: 'clientCertificateId', message: 'certificate has no private key' }]);
    const withKey = (await api('POST', base, { cert: a.cert, key: a.key })).body;
    const svc = await api('POST', '/api/v1/tenants/default/services', {
      name: 'mtls',
      url: 'https://127.0.0.1:9443',
      clientCertificateId: withKey.id.toUpperCase(),
      caCertificateId: ca.id,
    });
    expect(svc.status).toBe(201);
    expect(svc.body).toMatchObject({ clientCertificateId: withKey.id, caCertificateId: ca.id });
    expect((await pull()).services.find((s) => s.name === 'mtls')).toMatchObject({ clientCertificateId: withKey.id, caCertificateId: ca.id });
    expect((await api('DELETE', `${base}/${ca.id}`)).status).toBe(409);
    expect((await api('DELETE', `${base}/${withKey.id}`)).status).toBe(409);
    expect((await api('PUT', `${base}/${withKey.id}`, { cert: a.cert })).status).toBe(409);
    expect((await api('PATCH', '/api/v1/tenants/default/services/mtls', { caCertificateId: null })).status).toBe(200);
    expect((await api('DELETE', `${base}/${ca.id}`)).status).toBe(204);
    expect((await api('DELETE', `${base}/${client.id}`)).status).toBe(204);
  });
});

describe('without AYA_SECRET_KEY', () => {
  it('runs, stores key-less certificates, and refuses a key with AYA_CP_SECRET_KEY_REQUIRED', async () => {
    const plain = await startControlPlane({ databaseUrl: await createDatabase() });
    try {
      const papi = apiClient(plain.url, plain.adminToken);
      expect((await papi('POST', base, { cert: a.cert })).status).toBe(201);
      const res = await papi('POST', base, { cert: a.cert, key: a.key });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('AYA_CP_SECRET_KEY_REQUIRED');
      expect(res.body.error.message).toContain('AYA_SECRET_KEY');
    } finally {
      expect(await plain.stop()).toBe(0);
    }
  });
});

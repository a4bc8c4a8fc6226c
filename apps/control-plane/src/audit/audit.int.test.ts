import type { AuditLogEntry, Page } from '@aya/config-schema';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../certificates/test-certs.test-util';
import { tenantToken, userSession } from '../people/people.test-util';
import { createDatabase, startControlPlane, type ApiResponse, type ControlPlane } from '../../../../test/harness';

const SECRET_KEY = 'audit-secret-key-for-tests-0123456789abc';
/** the address every request claims through the trusted proxy (127.0.0.1): the audit must name it, not the proxy */
const CLIENT = '203.0.113.9';
let cp: ControlPlane;
let databaseUrl: string;
let db: Client;

/** An admin API call as a client behind the trusted proxy (X-Forwarded-For), with a bearer token. */
function caller(token: string, address = CLIENT) {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-forwarded-for': address };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${cp.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
}
let api: ReturnType<typeof caller>;
const t = (p: string, tenant = 'default') => `/api/v1/tenants/${tenant}/${p}`;

async function auditPage(query = '', tenant = 'default'): Promise<Page<AuditLogEntry>> {
  const res = await api<Page<AuditLogEntry>>('GET', `${t('audit', tenant)}${query ? `?${query}` : ''}`);
  expect(res.status).toBe(200);
  return res.body;
}
const newest = async (tenant = 'default') => (await auditPage('limit=1', tenant)).data[0];
const revision = async (): Promise<number> => (await api<{ revision: number }>('GET', '/api/v1/config/revision')).body.revision;
const countRows = async (): Promise<number> => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events')).rows[0].n);

/**
 * Runs one write and returns the one audit entry it made (newest of its tenant), checking exactly one row was added
 * and its revision: the one a config write made, none for members and tokens (`config` false).
 */
async function audited(write: () => Promise<ApiResponse>, expectStatus: number, tenant = 'default', config = true): Promise<AuditLogEntry> {
  const rows = await countRows();
  const res = await write();
  expect(res.status, JSON.stringify(res.body)).toBe(expectStatus);
  expect(await countRows()).toBe(rows + 1);
  const entry = await newest(tenant);
  expect(entry.revision).toBe(config ? await revision() : null);
  return entry;
}

const ENV_ACTOR = { kind: 'env', id: 'admin-token', name: 'admin-token' };

beforeAll(async () => {
  databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl, env: { AYA_SECRET_KEY: SECRET_KEY, AYA_TRUST_PROXY: '127.0.0.1' } });
  api = caller(cp.adminToken);
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  expect(await cp?.stop()).toBe(0);
});

describe('audit rows', () => {
  it('every write kind makes one row naming the actor, its address, the resource and a field-level diff', async () => {
    const upstream = await audited(() => api('POST', t('upstreams'), { name: 'pool', targets: [{ target: 'a.internal:80', weight: 100 }] }), 201);
    expect(upstream).toMatchObject({
      actor: ENV_ACTOR,
      address: CLIENT,
      action: 'create',
      resource: { type: 'upstream', id: expect.any(String), name: 'pool' },
      before: null,
      after: expect.objectContaining({ name: 'pool' }),
    });
    expect(upstream.changes).toContainEqual({ path: ['name'], op: 'add', after: 'pool' });

    const patched = await audited(() => api('PATCH', t('upstreams/pool'), { targets: [{ target: 'a.internal:80', weight: 5 }] }), 200);
    expect(patched).toMatchObject({ action: 'update', resource: { type: 'upstream', id: upstream.resource.id, name: 'pool' } });
    expect(patched.changes).toContainEqual({ path: ['targets', 0, 'weight'], op: 'change', before: 100, after: 5 });
    expect(patched.changes.filter((c) => c.path[0] !== 'updatedAt')).toHaveLength(1);

    const service = await audited(() => api('POST', t('services'), { name: 'orders', url: 'upstream://pool' }), 201);
    expect(service.resource).toMatchObject({ type: 'service', name: 'orders' });
    const route = await audited(() => api('POST', t('routes'), { name: 'orders-api', service: 'orders', paths: ['/orders'] }), 201);
    const replaced = await audited(() => api('PUT', t('routes/orders-api'), { name: 'orders-v2', service: 'orders', paths: ['/v2/orders'] }), 200);
    expect(replaced).toMatchObject({ action: 'update', resource: { type: 'route', id: route.resource.id, name: 'orders-v2' } });
    expect(replaced.changes).toEqual(
      expect.arrayContaining([
        { path: ['name'], op: 'change', before: 'orders-api', after: 'orders-v2' },
        { path: ['paths', 0], op: 'change', before: '/orders', after: '/v2/orders' },
      ]),
    );
    const plugin = await audited(() => api('POST', t('plugins'), { name: 'cors', route: 'orders-v2', config: { origins: ['https://a.example'] } }), 201);
    expect(plugin.resource).toMatchObject({ type: 'plugin', name: 'cors' });
    const group = await audited(() => api('POST', t('consumer-groups'), { name: 'gold' }), 201);
    expect(group.resource).toMatchObject({ type: 'consumer-group', name: 'gold' });
    const consumer = await audited(() => api('POST', t('consumers'), { username: 'alice', groups: ['gold'] }), 201);
    expect(consumer.resource).toMatchObject({ type: 'consumer', name: 'alice' });
    const removed = await audited(() => api('DELETE', t('routes/orders-v2')), 204);
    expect(removed).toMatchObject({ action: 'delete', resource: { type: 'route', id: route.resource.id, name: 'orders-v2' }, after: null });
    expect(removed.changes).toContainEqual({ path: ['name'], op: 'remove', before: 'orders-v2' });

    const tenant = await audited(() => api('POST', '/api/v1/tenants', { slug: 'acme', name: 'Acme' }), 201, 'acme');
    expect(tenant).toMatchObject({ action: 'create', tenantId: tenant.resource.id, resource: { type: 'tenant', name: 'acme' } });
  });

  it('names a signed-in user as a session actor', async () => {
    const login = await fetch(`${cp.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.4' },
      body: JSON.stringify({ username: 'admin', password: cp.initialAdminPassword }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { token: string; user: { id: string } };
    const entry = await audited(() => caller(session.token, '198.51.100.4')('POST', t('upstreams'), { name: 'by-session', targets: [] }), 201);
    expect(entry.actor).toEqual({ kind: 'session', id: session.user.id, name: 'admin' });
    expect(entry.address).toBe('198.51.100.4');
  });

  it('names a tenant admin token by its own id', async () => {
    const token = await tenantToken(cp, 'acme', 'operator', 'deployer');
    const entry = await audited(() => caller(token.token)('POST', t('upstreams', 'acme'), { name: 'token-pool', targets: [] }), 201, 'acme');
    expect(entry.actor).toEqual({ kind: 'token', id: token.id, name: 'token:deployer' });
    expect(entry).toMatchObject({ address: CLIENT, resource: { type: 'upstream', name: 'token-pool' } });
  });

  it('audits members and admin tokens (no config revision; never the token)', async () => {
    await userSession(cp, 'mia');
    const added = await audited(() => api('POST', t('members', 'acme'), { user: 'mia', role: 'viewer' }), 201, 'acme', false);
    expect(added).toMatchObject({ action: 'create', revision: null, actor: ENV_ACTOR, address: CLIENT, resource: { type: 'member', name: 'mia' } });
    const changed = await audited(() => api('PATCH', t('members/mia', 'acme'), { role: 'operator' }), 200, 'acme', false);
    expect(changed.changes).toEqual([{ path: ['role'], op: 'change', before: 'viewer', after: 'operator' }]);
    const removed = await audited(() => api('DELETE', t('members/mia', 'acme')), 204, 'acme', false);
    expect(removed).toMatchObject({ action: 'delete', resource: { type: 'member', id: added.resource.id }, after: null });

    let secret = '';
    const created = await audited(async () => {
      const res = await api<{ id: string; token: string }>('POST', t('tokens', 'acme'), { name: 'ci', role: 'viewer' });
      secret = res.body.token;
      return res;
    }, 201, 'acme', false);
    expect(created).toMatchObject({ action: 'create', revision: null, resource: { type: 'token', name: 'ci' }, after: expect.objectContaining({ role: 'viewer' }) });
    const revoked = await audited(() => api('DELETE', t(`tokens/${created.resource.id}`, 'acme')), 204, 'acme', false);
    expect(revoked).toMatchObject({ action: 'revoke', resource: { type: 'token', id: created.resource.id }, before: expect.objectContaining({ name: 'ci' }) });
    const stored = (await db.query<{ s: string }>(`SELECT row_to_json(e)::text AS s FROM audit_events e`)).rows.map((r) => r.s).join('\n');
    expect(secret.length).toBeGreaterThan(16);
    expect(stored).not.toContain(secret);
    expect(JSON.stringify((await auditPage('limit=200', 'acme')).data)).not.toContain(secret);
  });

  it('holds no secret or private key: certificates and credentials are audited by their views', async () => {
    const { cert, key } = selfSigned('audit.example');
    const created = await audited(() => api('POST', t('certificates'), { snis: ['audit.example'], cert, key }), 201);
    expect(created.resource).toMatchObject({ type: 'certificate', name: 'audit.example' });
    expect(created.after).toMatchObject({ hasKey: true });
    await audited(() => api('PUT', t(`certificates/${created.resource.id}`), { snis: ['audit.example'], cert, key }), 200);
    const keyAuth = 'audit-key-auth-secret-0123456789';
    const jwtSecret = 'audit-jwt-hmac-secret-0123456789abcdef';
    const basicPassword = 'audit-basic-password-0123456789';
    await audited(() => api('POST', t('consumers'), { username: 'bob' }), 201);
    const keyCred = await audited(() => api('POST', t('consumers/bob/credentials'), { type: 'key-auth', key: keyAuth }), 201);
    expect(keyCred.resource).toMatchObject({ type: 'credential', name: 'key-auth' });
    await audited(() => api('POST', t('consumers/bob/credentials'), { type: 'jwt', key: 'bob-issuer', algorithm: 'HS256', secret: jwtSecret }), 201);
    await audited(() => api('POST', t('consumers/bob/credentials'), { type: 'basic-auth', username: 'bob', password: basicPassword }), 201);
    await audited(() => api('DELETE', t(`certificates/${created.resource.id}`)), 204);

    const keyBody = key.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '').slice(0, 40);
    const served = JSON.stringify((await auditPage('limit=200')).data);
    const stored = (await db.query<{ s: string }>(`SELECT row_to_json(e)::text AS s FROM audit_events e`)).rows.map((r) => r.s).join('\n');
    for (const text of [served, stored]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain(keyAuth);
      expect(text).not.toContain(jwtSecret);
      expect(text).not.toContain(basicPassword);
    }
    // the views themselves did reach the audit (so the test looks where the secrets would be)
    expect(served).toContain('BEGIN CERTIFICATE');
  });
});

describe('audit reader', () => {
  it('filters by resource type and id, actor, action and time', async () => {
    const all = (await auditPage('limit=200')).data;
    const upstreamId = all.find((e) => e.resource.name === 'pool')?.resource.id;
    const byType = (await auditPage('resource=upstream&limit=200')).data;
    expect(byType.length).toBeGreaterThan(0);
    expect(byType.every((e) => e.resource.type === 'upstream')).toBe(true);
    const byId = (await auditPage(`resourceId=${upstreamId}`)).data;
    expect(byId.map((e) => e.action)).toEqual(['update', 'create']);
    expect((await auditPage('actor=admin&limit=200')).data.map((e) => e.resource.name)).toEqual(['by-session']);
    expect((await auditPage('actor=admin-token&limit=200')).data).toHaveLength(all.length - 1);
    expect((await auditPage('action=delete&resource=route')).data.map((e) => e.resource.name)).toEqual(['orders-v2']);

    // since is inclusive, until exclusive: split the log at one entry's time
    const pivot = all[5];
    const since = (await auditPage(`since=${pivot.createdAt}&limit=200`)).data;
    const until = (await auditPage(`until=${pivot.createdAt}&limit=200`)).data;
    expect(since.every((e) => e.createdAt >= pivot.createdAt)).toBe(true);
    expect(until.every((e) => e.createdAt < pivot.createdAt)).toBe(true);
    expect(since.length + until.length).toBe(all.length);
    expect(since.map((e) => e.id)).toContain(pivot.id);
  });

  it('pages newest first with no duplicate and no gap while writes go on', async () => {
    for (let i = 0; i < 12; i++) await api('POST', t('upstreams'), { name: `page-${i}`, targets: [] });
    const expected = (await db.query<{ id: string }>(
      `SELECT e.id FROM audit_events e JOIN tenants t ON t.id = e.tenant_id WHERE t.slug = 'default' ORDER BY e.created_at DESC, e.id DESC`,
    )).rows.map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<AuditLogEntry> = await auditPage(`limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.next;
      pages++;
      // writes between pages land above the cursor: this traversal neither repeats nor skips an older entry
      await api('POST', t('upstreams'), { name: `during-${pages}`, targets: [] });
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected);
    const times = (await auditPage('limit=200')).data.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("shows a tenant only its own entries; a deleted tenant's rows only on the platform reader", async () => {
    await api('POST', t('upstreams', 'acme'), { name: 'acme-pool', targets: [] });
    const acme = (await auditPage('limit=200', 'acme')).data;
    expect(acme.map((e) => e.resource.name)).toEqual(['acme-pool', 'ci', 'ci', 'mia', 'mia', 'mia', 'token-pool', 'deployer', 'acme']);
    const acmeId = acme[8].resource.id;
    expect(acme.every((e) => e.tenantId === acmeId)).toBe(true);
    const defaults = (await auditPage('limit=200')).data;
    expect(defaults.some((e) => e.tenantId === acmeId)).toBe(false);
    // filtering by another tenant's resource id finds nothing
    expect((await auditPage(`resourceId=${acme[0].resource.id}`)).data).toEqual([]);

    await api('POST', '/api/v1/tenants', { slug: 'gone', name: 'Gone' });
    await api('POST', t('upstreams', 'gone'), { name: 'gone-pool', targets: [] });
    await api('DELETE', t('upstreams/gone-pool', 'gone'));
    expect((await api('DELETE', '/api/v1/tenants/gone')).status).toBe(204);
    expect((await api('POST', '/api/v1/tenants', { slug: 'gone', name: 'Gone again' })).status).toBe(201);
    const reborn = (await auditPage('limit=200', 'gone')).data;
    expect(reborn.map((e) => `${e.action} ${e.resource.type}`)).toEqual(['create tenant']);
    expect((await api('GET', t('audit', 'nowhere'))).status).toBe(404);

    const platform = await api<Page<AuditLogEntry>>('GET', '/api/v1/audit?resource=upstream&limit=200');
    expect(platform.status).toBe(200);
    const orphans = platform.body.data.filter((e) => e.resource.name === 'gone-pool');
    expect(orphans.map((e) => [e.action, e.tenantId])).toEqual([['delete', null], ['create', null]]);
    const onlyAcme = await api<Page<AuditLogEntry>>('GET', `/api/v1/audit?tenant=${acmeId}`);
    expect(onlyAcme.body.data.map((e) => e.id)).toEqual(acme.map((e) => e.id));

    // a member of acme alone: acme's log, and on the platform reader acme's entries only (no other tenant, no orphans)
    const vera = await userSession(cp, 'vera', { acme: 'viewer' });
    const acmeNow = (await auditPage('limit=200', 'acme')).data.map((e) => e.id);
    expect(acmeNow).toHaveLength(acme.length + 1); // vera's membership
    expect((await vera('GET', t('audit'))).status).toBe(403);
    expect((await vera<Page<AuditLogEntry>>('GET', t('audit?limit=200', 'acme'))).body.data.map((e) => e.id)).toEqual(acmeNow);
    const veraPlatform = await vera<Page<AuditLogEntry>>('GET', '/api/v1/audit?limit=200');
    expect(veraPlatform.status).toBe(200);
    expect(veraPlatform.body.data.map((e) => e.id)).toEqual(acmeNow);
    const defaultId = (await api<{ id: string }>('GET', '/api/v1/tenants/default')).body.id;
    expect((await vera<Page<AuditLogEntry>>('GET', `/api/v1/audit?tenant=${defaultId}`)).body.data).toEqual([]);
    // a member without audit:read anywhere gets no platform log at all
    const nobody = await userSession(cp, 'nemo');
    expect((await nobody('GET', '/api/v1/audit')).status).toBe(403);
  });

  it('answers 400 with a detail per bad query parameter', async () => {
    const bad = async (query: string, path = t('audit')) => {
      const res = await api<{ error: { code: string; details: Array<{ path: string }> } }>('GET', `${path}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
      return res.body.error.details.map((d) => d.path).sort();
    };
    expect(await bad('limit=0&since=yesterday')).toEqual(['limit', 'since']);
    expect(await bad('limit=201')).toEqual(['limit']);
    expect(await bad('cursor=not-a-cursor')).toEqual(['cursor']);
    expect(await bad('resourse=route')).toEqual(['resourse']);
    expect(await bad('resourceId=42&resource=Route!')).toEqual(['resource', 'resourceId']);
    expect(await bad('since=2026-12-03T10:00:00Z&until=2026-12-03T09:00:00Z')).toEqual(['until']);
    expect(await bad('actor=a&actor=b')).toEqual(['actor']);
    expect(await bad('tenant=acme', '/api/v1/audit')).toEqual(['tenant']);
    expect(await bad('tenant=x')).toEqual(['tenant']);
  });

  it('needs a token', async () => {
    expect((await fetch(`${cp.url}${t('audit')}`)).status).toBe(401);
    expect((await fetch(`${cp.url}/api/v1/audit`)).status).toBe(401);
  });
});

import fs from 'node:fs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../test/harness';
import { hashPassword } from './auth/password';
import { OPENAPI_FILE } from './openapi/write-openapi';

// Talks HTTP to the BUILT app (npm run build -w @aya/control-plane), never imports Nest into vitest.
let cp: ControlPlane;
let databaseUrl: string;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl });
  api = apiClient(cp.url, cp.adminToken);
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

const revision = async (): Promise<number> => (await api('GET', '/api/v1/config/revision')).body.revision;

describe('auth', () => {
  it('answers health without a token and everything else with 401', async () => {
    expect((await apiClient(cp.url)('GET', '/api/v1/health')).body).toEqual({ status: 'ok' });
    for (const path of ['/api/v1/tenants', '/api/v1/nodes', '/api/v1/config/revision', '/api/v1/auth/me']) {
      const res = await apiClient(cp.url)('GET', path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('AYA_CP_UNAUTHENTICATED');
    }
    expect((await apiClient(cp.url, 'wrong-token-wrong-token')('GET', '/api/v1/tenants')).status).toBe(401);
    // the cluster token is not an admin token, and the reverse
    expect((await apiClient(cp.url, cp.clusterToken)('GET', '/api/v1/tenants')).status).toBe(401);
    expect((await apiClient(cp.url, cp.adminToken)('GET', '/internal/v1/config')).status).toBe(401);
  });

  it('accepts the env admin token as a superadmin', async () => {
    expect((await api('GET', '/api/v1/auth/me')).body).toEqual({
      user: { id: 'admin-token', username: 'admin-token', email: null, superadmin: true },
      kind: 'env',
      memberships: [],
    });
  });

  it('logs the initial admin in, serves me, and revokes the session on logout', async () => {
    expect(cp.initialAdminPassword).toBeTruthy();
    const bad = await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: 'admin', password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('AYA_CP_UNAUTHENTICATED');
    const login = await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: 'admin', password: cp.initialAdminPassword });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ username: 'admin', superadmin: true });
    expect(new Date(login.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const session = apiClient(cp.url, login.body.token);
    expect((await session('GET', '/api/v1/auth/me')).body.user.username).toBe('admin');
    expect((await session('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await session('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('lets a viewer read but not write (403)', async () => {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const user = await db.query<{ id: string }>(`INSERT INTO users (username, password_hash) VALUES ('viewer1', $1) RETURNING id`, [await hashPassword('viewer-pass')]);
    await db.query(`INSERT INTO tenant_members (tenant_id, user_id, role) SELECT id, $1, 'viewer' FROM tenants WHERE slug = 'default'`, [user.rows[0]?.id]);
    await db.end();
    const login = await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: 'viewer1', password: 'viewer-pass' });
    const viewer = apiClient(cp.url, login.body.token);
    expect((await viewer('GET', '/api/v1/tenants')).status).toBe(200);
    const denied = await viewer('POST', '/api/v1/tenants', { slug: 'nope', name: 'Nope' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('AYA_CP_FORBIDDEN');
  });
});

describe('tenants', () => {
  it('has the default tenant and supports CRUD by id or slug', async () => {
    expect((await api('GET', '/api/v1/tenants/default')).body.slug).toBe('default');
    const created = await api('POST', '/api/v1/tenants', { slug: 'acme', name: 'Acme' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), slug: 'acme', name: 'Acme' });
    expect((await api('GET', `/api/v1/tenants/${created.body.id}`)).body.slug).toBe('acme');
    expect((await api('PATCH', '/api/v1/tenants/acme', { name: 'Acme Inc' })).body.name).toBe('Acme Inc');
    expect((await api('PUT', '/api/v1/tenants/acme', { slug: 'acme2', name: 'Acme 2' })).body).toMatchObject({ slug: 'acme2' });
    expect((await api('POST', '/api/v1/tenants', { slug: 'acme2', name: 'dup' })).status).toBe(409);
    expect((await api('DELETE', '/api/v1/tenants/acme2')).status).toBe(204);
    const gone = await api('GET', '/api/v1/tenants/acme2');
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('AYA_CP_NOT_FOUND');
  });

  it('refuses to delete a tenant that still has resources (409)', async () => {
    await api('POST', '/api/v1/tenants', { slug: 'busy', name: 'Busy' });
    await api('POST', '/api/v1/tenants/busy/upstreams', { name: 'u' });
    const res = await api('DELETE', '/api/v1/tenants/busy');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('AYA_CP_CONFLICT');
    // consumers, groups and plugins count too (named in the message, like the others)
    await api('POST', '/api/v1/tenants', { slug: 'groups-only', name: 'Groups only' });
    expect((await api('POST', '/api/v1/tenants/groups-only/consumer-groups', { name: 'gold' })).status).toBe(201);
    const refused = await api('DELETE', '/api/v1/tenants/groups-only');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('1 consumer groups');
    expect((await api('GET', '/api/v1/tenants/groups-only')).status).toBe(200);
  });

  it('paginates with an opaque cursor', async () => {
    for (const i of [1, 2, 3, 4, 5]) await api('POST', '/api/v1/tenants', { slug: `page-${i}`, name: `P${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: Array<{ slug: string }>; next: string | null } } = await api(
        'GET',
        `/api/v1/tenants?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((t) => t.slug));
      cursor = res.body.next;
    } while (cursor);
    expect(seen.filter((s) => s.startsWith('page-'))).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5']);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await api('GET', '/api/v1/tenants?limit=0')).status).toBe(400);
    expect((await api('GET', '/api/v1/tenants?limit=501')).status).toBe(400);
  });
});

describe('validation', () => {
  it('answers 400 with field details and writes nothing', async () => {
    const before = await revision();
    const listBefore = (await api('GET', '/api/v1/tenants/default/routes')).body;
    const res = await api('POST', '/api/v1/tenants/default/routes', { name: 'bad', service: 'x', paths: ['/ok', 'no-slash'], color: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'paths.1', message: expect.any(String) },
        { path: 'color', message: expect.any(String) },
      ]),
    );
    expect(await revision()).toBe(before);
    expect((await api('GET', '/api/v1/tenants/default/routes')).body).toEqual(listBefore);
  });

  it('codes invalid JSON and unknown paths', async () => {
    const res = await fetch(`${cp.url}/api/v1/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cp.adminToken}`, 'content-type': 'application/json' },
      body: '{"slug":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AYA_CP_VALIDATION');
    const missing = await api('GET', '/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('AYA_CP_NOT_FOUND');
  });
});

describe('API description', () => {
  it('serves the committed OpenAPI document and a docs page without a token', async () => {
    const res = await fetch(`${cp.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')));
    const page = await fetch(`${cp.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<code>/api/v1/tenants/{tenant}/services</code>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
  });
});

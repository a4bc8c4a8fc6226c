import type { AuditLogEntry, Page } from '@aya/config-schema';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ApiResponse, type ControlPlane } from '../../../../test/harness';
import { signIn, userSession, type Api } from './people.test-util';

// Users' writes in the platform audit log, and the members and tokens lists paged (`q`, `sort`, `total`), against
// the BUILT app on a real Postgres.
const CLIENT = '203.0.113.7';
const ENV_ACTOR = { kind: 'env', id: 'admin-token', name: 'admin-token' };
let cp: ControlPlane;
let db: Client;
let root: Api;

/** The env superadmin behind the trusted proxy: the audit names CLIENT, not the proxy. */
async function asRoot<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${cp.adminToken}`, 'x-forwarded-for': CLIENT };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${cp.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

const userEntries = async (): Promise<AuditLogEntry[]> => {
  const res = await asRoot<Page<AuditLogEntry>>('GET', '/api/v1/audit?resource=user&limit=200');
  expect(res.status).toBe(200);
  return res.body.data;
};
const countRows = async (): Promise<number> => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events')).rows[0].n);

beforeAll(async () => {
  const databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl, env: { AYA_TRUST_PROXY: '127.0.0.1' } });
  root = apiClient(cp.url, cp.adminToken);
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
  expect((await root('POST', '/api/v1/tenants', { slug: 'acme', name: 'Acme' })).status).toBe(201);
});
afterAll(async () => {
  await db?.end();
  expect(await cp?.stop()).toBe(0);
});

describe('users in the platform audit log', () => {
  it('audits create, update, password reset and delete with actor and address, never a password or its hash', async () => {
    const before = await countRows();
    const created = await asRoot('POST', '/api/v1/users', { username: 'uma', email: 'uma@example.com', password: 'uma-password-1' });
    expect(created.status).toBe(201);
    const updated = await asRoot('PATCH', '/api/v1/users/uma', { email: 'uma@example.org', superadmin: true });
    expect(updated.status).toBe(200);
    expect((await asRoot('PATCH', '/api/v1/users/uma', { password: 'uma-password-2' })).status).toBe(200);
    expect((await asRoot('PATCH', '/api/v1/users/uma', { superadmin: false, password: 'uma-password-3' })).status).toBe(200);
    expect((await asRoot('DELETE', '/api/v1/users/uma')).status).toBe(204);
    // one row per write, two for the PATCH that also set the password
    expect(await countRows()).toBe(before + 6);

    const entries = (await userEntries()).filter((e) => e.resource.name === 'uma');
    // the two rows of one PATCH share its instant (the log keeps milliseconds): their order between them is not defined
    const actions = entries.map((e) => e.action);
    expect([actions[0], [...actions.slice(1, 3)].sort(), ...actions.slice(3)]).toEqual(['delete', ['password-reset', 'update'], 'password-reset', 'update', 'create']);
    for (const e of entries) {
      expect(e).toMatchObject({ tenantId: null, revision: null, actor: ENV_ACTOR, address: CLIENT, resource: { type: 'user', id: created.body.id } });
    }
    const [deleted, , , reset, promoted, made] = entries;
    const demoted = entries.slice(1, 3).find((e) => e.action === 'update')!;
    expect(made.after).toMatchObject({ username: 'uma', email: 'uma@example.com', superadmin: false });
    expect(promoted.changes).toEqual(
      expect.arrayContaining([
        { path: ['email'], op: 'change', before: 'uma@example.com', after: 'uma@example.org' },
        { path: ['superadmin'], op: 'change', before: false, after: true },
      ]),
    );
    expect(reset).toMatchObject({ before: null, after: expect.objectContaining({ username: 'uma' }) });
    expect(demoted.changes).toContainEqual({ path: ['superadmin'], op: 'change', before: true, after: false });
    expect(deleted).toMatchObject({ before: expect.objectContaining({ username: 'uma' }), after: null });

    const stored = (await db.query<{ s: string }>(`SELECT row_to_json(e)::text AS s FROM audit_events e`)).rows.map((r) => r.s).join('\n');
    for (const secret of ['uma-password-1', 'uma-password-2', 'uma-password-3', 'scrypt$']) expect(stored).not.toContain(secret);
  });

  it("audits a user's own password change; only superadmins see user entries", async () => {
    const pia = await userSession(cp, 'pia', { acme: 'owner' });
    expect((await pia('POST', '/api/v1/auth/password', { currentPassword: 'pia-password-1', newPassword: 'pia-password-2' })).status).toBe(204);
    const [changed] = (await userEntries()).filter((e) => e.resource.name === 'pia');
    expect(changed).toMatchObject({ action: 'password-change', tenantId: null, actor: { kind: 'session', name: 'pia' }, before: null, after: null });

    // an owner reads their tenant's log and its part of the platform log: no user rows, also not their own
    const owner = apiClient(cp.url, await signIn(cp, 'pia', 'pia-password-2'));
    const platform = await owner<Page<AuditLogEntry>>('GET', '/api/v1/audit?limit=200');
    expect(platform.status).toBe(200);
    expect(platform.body.data.length).toBeGreaterThan(0);
    expect(platform.body.data.some((e) => e.resource.type === 'user')).toBe(false);
    expect((await owner<Page<AuditLogEntry>>('GET', '/api/v1/tenants/acme/audit?resource=user')).body.data).toEqual([]);
  });
});

describe('disabled users', () => {
  it('a disabled user is signed out and refused at sign-in (403) until enabled; the last superadmin stays enabled', async () => {
    const dan = await userSession(cp, 'dan', { acme: 'viewer' });
    expect((await dan('GET', '/api/v1/auth/me')).status).toBe(200);
    const disabled = await asRoot('PATCH', '/api/v1/users/dan', { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ username: 'dan', disabled: true });
    expect((await dan('GET', '/api/v1/auth/me')).status).toBe(401);
    const refused = await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: 'dan', password: 'dan-password-1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AYA_CP_FORBIDDEN');
    // a wrong password still reads as one: the account's state is told only to whoever knows the password
    expect((await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: 'dan', password: 'not-his-password' })).status).toBe(401);
    const [audited] = (await userEntries()).filter((e) => e.resource.name === 'dan');
    expect(audited).toMatchObject({ action: 'update', actor: ENV_ACTOR });
    expect(audited.changes).toContainEqual({ path: ['disabled'], op: 'change', before: false, after: true });

    expect((await asRoot('PATCH', '/api/v1/users/dan', { disabled: false })).body.disabled).toBe(false);
    expect((await apiClient(cp.url, await signIn(cp, 'dan', 'dan-password-1'))('GET', '/api/v1/auth/me')).status).toBe(200);

    const last = await asRoot('PATCH', '/api/v1/users/admin', { disabled: true });
    expect(last.status).toBe(409);
    expect(last.body.error.details).toEqual([{ path: 'disabled', message: 'the last superadmin' }]);
    // a second superadmin, disabled, does not count as one who can still sign in
    await asRoot('POST', '/api/v1/users', { username: 'sam', password: 'sam-password-1', superadmin: true });
    expect((await asRoot('PATCH', '/api/v1/users/sam', { disabled: true })).status).toBe(200);
    expect((await asRoot('PATCH', '/api/v1/users/admin', { superadmin: false })).status).toBe(409);
    expect((await asRoot('PATCH', '/api/v1/users/sam', { disabled: false })).status).toBe(200);
    expect((await asRoot('PATCH', '/api/v1/users/admin', { disabled: true })).status).toBe(200);
    expect((await asRoot('PATCH', '/api/v1/users/admin', { disabled: false })).status).toBe(200);
  });
});

interface ListBody<T> {
  data: T[];
  next: string | null;
  total: number;
}
type MemberRow = { user: { username: string } };

/** Every page of a list, following `next`. */
async function walk<T>(api: Api, path: string): Promise<{ rows: T[]; pages: number; totals: number[] }> {
  const rows: T[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: ApiResponse<ListBody<T>> = await api('GET', `${path}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    rows.push(...res.body.data);
    totals.push(res.body.total);
    cursor = res.body.next;
    pages++;
  } while (cursor);
  return { rows, pages, totals };
}

describe('members and tokens lists', () => {
  it('page members by when they joined, either way, with a total; q looks in username and e-mail', async () => {
    await root('POST', '/api/v1/tenants', { slug: 'paged', name: 'Paged' });
    const names = ['m-anna', 'm-ben', 'm-cleo', 'm-dora', 'm-emil'];
    for (const name of names) {
      expect((await root('POST', '/api/v1/users', { username: name, email: `${name}@corp.example`, password: 'member-password' })).status).toBe(201);
      expect((await root('POST', '/api/v1/tenants/paged/members', { user: name, role: 'viewer' })).status).toBe(201);
    }
    const oldest = await walk<MemberRow>(root, '/api/v1/tenants/paged/members?limit=2');
    // joined one request after another: the order they were added in (ids break a tie within a millisecond)
    const order = oldest.rows.map((m) => m.user.username);
    expect([...order].sort()).toEqual(names);
    expect(order).toEqual((await root<ListBody<MemberRow>>('GET', '/api/v1/tenants/paged/members')).body.data.map((m) => m.user.username));
    expect(oldest.pages).toBe(3);
    expect(oldest.totals).toEqual([5, 5, 5]);
    const newest = await walk<MemberRow>(root, '/api/v1/tenants/paged/members?limit=2&sort=-createdAt');
    expect(newest.rows.map((m) => m.user.username)).toEqual([...order].reverse());

    const byMail = await root<ListBody<MemberRow>>('GET', '/api/v1/tenants/paged/members?q=CLEO%40CORP');
    expect(byMail.body).toMatchObject({ total: 1, next: null });
    expect(byMail.body.data.map((m) => m.user.username)).toEqual(['m-cleo']);
    // LIKE's wildcards are taken literally
    expect((await root<ListBody<MemberRow>>('GET', '/api/v1/tenants/paged/members?q=%25')).body.total).toBe(0);
    expect((await root<ListBody<MemberRow>>('GET', '/api/v1/tenants/paged/members?q=m_')).body.total).toBe(0);
    // another tenant's members are not counted
    const acme = (await root<ListBody<MemberRow>>('GET', '/api/v1/tenants/acme/members')).body;
    expect(acme.total).toBe(acme.data.length);
    expect(acme.data.some((m) => names.includes(m.user.username))).toBe(false);
  });

  it('page tokens either way, revoked ones left out of rows and total; q looks in the name', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await root<{ id: string }>('POST', '/api/v1/tenants/paged/tokens', { name: `deploy-${i}`, role: 'viewer' })).body.id);
    expect((await root('DELETE', `/api/v1/tenants/paged/tokens/${ids[2]}`)).status).toBe(204);
    const newest = await walk<{ name: string }>(root, '/api/v1/tenants/paged/tokens?limit=3&sort=-createdAt');
    const order = newest.rows.map((t) => t.name);
    expect([...order].sort()).toEqual(['deploy-0', 'deploy-1', 'deploy-3', 'deploy-4']);
    expect(order).toEqual((await root<ListBody<{ name: string }>>('GET', '/api/v1/tenants/paged/tokens?sort=-createdAt')).body.data.map((t) => t.name));
    expect(newest.totals).toEqual([4, 4]);
    const oldest = await walk<{ name: string }>(root, '/api/v1/tenants/paged/tokens?limit=3');
    expect(oldest.rows.map((t) => t.name)).toEqual([...order].reverse());
    const one = await root<ListBody<{ name: string }>>('GET', '/api/v1/tenants/paged/tokens?q=LOY-3');
    expect(one.body.data.map((t) => t.name)).toEqual(['deploy-3']);
    expect(one.body.total).toBe(1);
  });

  it('page users with a total; q looks in username and e-mail', async () => {
    const all = await walk<{ username: string }>(root, '/api/v1/users?limit=3&sort=-createdAt');
    const total = all.totals[0];
    expect(all.rows).toHaveLength(total);
    expect(all.rows.at(-1)?.username).toBe('admin');
    expect(all.rows.map((u) => u.username)).toEqual(expect.arrayContaining(['pia', 'm-anna']));
    const found = await root<ListBody<{ username: string }>>('GET', '/api/v1/users?q=CORP.EXAMPLE');
    expect(found.body.total).toBe(5);
    expect(found.body.data.map((u) => u.username).sort()).toEqual(['m-anna', 'm-ben', 'm-cleo', 'm-dora', 'm-emil']);
  });

  it('answers 400 at the parameter for a bad limit, sort or cursor (a cursor of the other order too)', async () => {
    const first = await root<ListBody<unknown>>('GET', '/api/v1/tenants/paged/members?limit=1');
    const bad = async (query: string, list = 'members') => {
      const res = await root<{ error: { code: string; details: Array<{ path: string }> } }>('GET', `/api/v1/tenants/paged/${list}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
      return res.body.error.details.map((d) => d.path);
    };
    expect(await bad('limit=0')).toEqual(['limit']);
    expect(await bad('sort=username')).toEqual(['sort']);
    expect(await bad(`sort=-createdAt&cursor=${first.body.next}`)).toEqual(['cursor']);
    expect(await bad('cursor=nope', 'tokens')).toEqual(['cursor']);
  });
});

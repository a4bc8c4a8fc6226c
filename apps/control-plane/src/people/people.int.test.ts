import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { signIn, tenantToken, userSession, type Api } from './people.test-util';

// Users, members, tenant tokens, sessions in cookies with CSRF, sign-out everywhere and password change, against
// the BUILT app on a real Postgres.
let cp: ControlPlane;
let databaseUrl: string;
let root: Api;

beforeAll(async () => {
  databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl });
  root = apiClient(cp.url, cp.adminToken);
  for (const slug of ['one', 'two']) expect((await root('POST', '/api/v1/tenants', { slug, name: slug })).status).toBe(201);
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

async function sql(text: string, values: unknown[] = []): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(text, values);
  } finally {
    await db.end();
  }
}

const upstream = (name: string) => ({ name, algorithm: 'round-robin', targets: [{ target: '127.0.0.1:9', weight: 1 }] });

describe('users (superadmin)', () => {
  it('creates users with a lowercased e-mail who sign in with either, 409 at the field for duplicates', async () => {
    const created = await root('POST', '/api/v1/users', { username: 'alice', email: 'Alice@Example.COM', password: 'alice-password-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'alice', email: 'alice@example.com', superadmin: false, tenants: [] });
    expect(created.body).not.toHaveProperty('passwordHash');
    const dupName = await root('POST', '/api/v1/users', { username: 'alice', password: 'another-password' });
    expect(dupName.status).toBe(409);
    expect(dupName.body.error.details).toEqual([{ path: 'username', message: 'already taken' }]);
    const dupMail = await root('POST', '/api/v1/users', { username: 'alice2', email: 'ALICE@example.com', password: 'another-password' });
    expect(dupMail.body.error.details).toEqual([{ path: 'email', message: 'already taken' }]);
    const badName = await root('POST', '/api/v1/users', { username: 'a@b', password: 'another-password' });
    expect(badName.status).toBe(400);
    expect(badName.body.error.details[0].path).toBe('username');

    for (const login of ['alice', 'ALICE@example.com']) {
      const res = await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: login, password: 'alice-password-1' });
      expect(res.status, login).toBe(200);
      expect(res.body.user).toEqual({ id: created.body.id, username: 'alice', email: 'alice@example.com', superadmin: false });
    }
    expect((await root('GET', '/api/v1/users/alice')).body.id).toBe(created.body.id);
    expect((await root('GET', '/api/v1/users')).body.data.map((u: { username: string }) => u.username)).toEqual(['admin', 'alice']);
  });

  it('keeps one superadmin and ends a user\'s sessions when a superadmin sets their password', async () => {
    const demote = await root('PATCH', '/api/v1/users/admin', { superadmin: false });
    expect(demote.status).toBe(409);
    expect(demote.body.error.details).toEqual([{ path: 'superadmin', message: 'the last superadmin' }]);
    expect((await root('DELETE', '/api/v1/users/admin')).status).toBe(409);

    const bob = await userSession(cp, 'bob');
    expect((await bob('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await root('PATCH', '/api/v1/users/bob', { password: 'bob-new-password' })).status).toBe(200);
    expect((await bob('GET', '/api/v1/auth/me')).status).toBe(401);
    const again = apiClient(cp.url, await signIn(cp, 'bob', 'bob-new-password'));
    expect((await again('GET', '/api/v1/users')).status).toBe(403);
    expect((await root('DELETE', '/api/v1/users/bob')).status).toBe(204);
    expect((await root('GET', '/api/v1/users/bob')).status).toBe(404);
  });
});

describe('members', () => {
  it('owners manage owners; admins manage the rest; the last owner stays (409 AYA_CP_LAST_OWNER)', async () => {
    const owner = await userSession(cp, 'olga', { one: 'owner' });
    const admin = await userSession(cp, 'adam', { one: 'admin' });
    await userSession(cp, 'vera');

    const unknown = await admin('POST', '/api/v1/tenants/one/members', { user: 'nobody', role: 'viewer' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('user');
    expect((await admin('POST', '/api/v1/tenants/one/members', { user: 'vera@example.com', role: 'owner' })).status).toBe(403);
    const added = await admin('POST', '/api/v1/tenants/one/members', { user: 'VERA@example.com', role: 'viewer' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ user: { username: 'vera', email: 'vera@example.com' }, role: 'viewer' });
    expect((await admin('POST', '/api/v1/tenants/one/members', { user: 'vera', role: 'viewer' })).status).toBe(409);
    expect((await admin('PATCH', '/api/v1/tenants/one/members/vera', { role: 'operator' })).body.role).toBe('operator');
    // an admin cannot touch an owner
    expect((await admin('PATCH', '/api/v1/tenants/one/members/olga', { role: 'viewer' })).status).toBe(403);
    expect((await admin('DELETE', '/api/v1/tenants/one/members/olga')).status).toBe(403);

    const last = await owner('PATCH', '/api/v1/tenants/one/members/olga', { role: 'admin' });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('AYA_CP_LAST_OWNER');
    expect((await owner('DELETE', '/api/v1/tenants/one/members/olga')).body.error.code).toBe('AYA_CP_LAST_OWNER');
    expect((await owner('PATCH', '/api/v1/tenants/one/members/adam', { role: 'owner' })).status).toBe(200);
    expect((await owner('PATCH', '/api/v1/tenants/one/members/olga', { role: 'admin' })).status).toBe(200);

    const list = await owner('GET', '/api/v1/tenants/one/members');
    expect(list.body.data.map((m: { user: { username: string }; role: string }) => [m.user.username, m.role])).toEqual([
      ['olga', 'admin'],
      ['adam', 'owner'],
      ['vera', 'operator'],
    ]);
    // a member of one sees one only, and nothing of two
    const me = await owner('GET', '/api/v1/auth/me');
    expect(me.body.memberships).toEqual([{ tenant: expect.objectContaining({ slug: 'one' }), role: 'admin' }]);
    expect((await owner('GET', '/api/v1/tenants')).body.data.map((t: { slug: string }) => t.slug)).toEqual(['one']);
    expect((await owner('GET', '/api/v1/tenants/two/members')).status).toBe(403);
    expect((await admin('DELETE', '/api/v1/tenants/one/members/vera')).status).toBe(204);
    expect((await admin('DELETE', '/api/v1/tenants/one/members/vera')).status).toBe(404);
  });
});

describe('tenant admin tokens', () => {
  it('shows a token once, acts with its role in its tenant only, and stops at revocation or expiry', async () => {
    const admin = await userSession(cp, 'tina', { two: 'admin' });
    expect((await admin('POST', '/api/v1/tenants/two/tokens', { name: 'ci', role: 'owner' })).status).toBe(403);
    const past = await admin('POST', '/api/v1/tenants/two/tokens', { name: 'ci', role: 'operator', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.body.error.details[0].path).toBe('expiresAt');
    const created = await admin('POST', '/api/v1/tenants/two/tokens', { name: 'ci', role: 'operator' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'ci', role: 'operator', createdBy: 'tina', expiresAt: null, lastUsedAt: null });
    expect(created.body.token).toMatch(/^ayat_/);

    const ci = apiClient(cp.url, created.body.token as string);
    expect((await ci('POST', '/api/v1/tenants/two/upstreams', upstream('from-ci'))).status).toBe(201);
    expect((await ci('GET', '/api/v1/tenants/one/upstreams')).status).toBe(403);
    expect((await ci('GET', '/api/v1/tenants/two/tokens')).status).toBe(403);
    expect((await ci('POST', '/api/v1/tenants', { slug: 'ci', name: 'ci' })).status).toBe(403);
    expect((await ci('GET', '/api/v1/tenants')).body.data.map((t: { slug: string }) => t.slug)).toEqual(['two']);
    expect((await ci('GET', '/api/v1/auth/me')).body).toMatchObject({ kind: 'token', user: { username: 'token:ci', superadmin: false } });

    const listed = await admin('GET', '/api/v1/tenants/two/tokens');
    const row = listed.body.data.find((t: { id: string }) => t.id === created.body.id);
    expect(row.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(Object.keys(row).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'role']);

    expect((await admin('DELETE', `/api/v1/tenants/two/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await ci('GET', '/api/v1/tenants/two/upstreams');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('AYA_CP_UNAUTHENTICATED');
    expect((await admin('GET', '/api/v1/tenants/two/tokens')).body.data.some((t: { id: string }) => t.id === created.body.id)).toBe(false);
    // another tenant's admin cannot revoke it by id
    expect((await root('DELETE', `/api/v1/tenants/one/tokens/${created.body.id}`)).status).toBe(404);

    const expiring = await tenantToken(cp, 'two', 'viewer', 'short');
    const short = apiClient(cp.url, expiring.token);
    expect((await short('GET', '/api/v1/tenants/two/upstreams')).status).toBe(200);
    await sql(`UPDATE tenant_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await short('GET', '/api/v1/tenants/two/upstreams')).status).toBe(401);
  });
});

/** The console's way: the session in a cookie, the CSRF token in a header on writes. */
async function cookieSignIn(login: string, password: string): Promise<{ cookie: string; csrf: string; setCookie: string; body: Record<string, unknown> }> {
  const res = await fetch(`${cp.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login, password, cookie: true }),
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as Record<string, unknown>;
  return { cookie: setCookie.split(';')[0] ?? '', csrf: String(body.csrfToken), setCookie, body };
}

function withCookie(cookie: string, headers: Record<string, string> = {}) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${cp.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as { error?: { code: string } } & Record<string, unknown>) : undefined, headers: res.headers };
  };
}

describe('cookie sessions and CSRF', () => {
  it('sets an http-only SameSite cookie without a token in the answer; writes need X-CSRF-Token', async () => {
    await userSession(cp, 'cora', { two: 'operator' });
    const s = await cookieSignIn('cora@example.com', 'cora-password-1');
    expect(s.setCookie).toMatch(/^aya_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(s.body).not.toHaveProperty('token');

    const plain = withCookie(s.cookie);
    const me = await plain('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body?.csrfToken).toBe(s.csrf);
    const forged = await plain('POST', '/api/v1/tenants/two/upstreams', upstream('forged'));
    expect(forged.status).toBe(403);
    expect(forged.body?.error?.code).toBe('AYA_CP_CSRF');
    const wrong = await withCookie(s.cookie, { 'x-csrf-token': `${s.csrf}x` })('POST', '/api/v1/tenants/two/upstreams', upstream('forged'));
    expect(wrong.body?.error?.code).toBe('AYA_CP_CSRF');
    const console = withCookie(s.cookie, { 'x-csrf-token': s.csrf });
    expect((await console('POST', '/api/v1/tenants/two/upstreams', upstream('from-console'))).status).toBe(201);
    // the logout itself is a write: a forged one does nothing
    expect((await plain('POST', '/api/v1/auth/logout')).status).toBe(403);
    const out = await console('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^aya_session=; Max-Age=0;/);
    expect((await plain('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('leaves bearer tokens alone: no CSRF header needed, and a bearer wins over a cookie', async () => {
    const bearer = apiClient(cp.url, await signIn(cp, 'cora', 'cora-password-1'));
    expect((await bearer('POST', '/api/v1/tenants/two/upstreams', upstream('from-cli'))).status).toBe(201);
    const s = await cookieSignIn('cora', 'cora-password-1');
    const asRoot = withCookie(s.cookie, { authorization: `Bearer ${cp.adminToken}` });
    expect((await asRoot('POST', '/api/v1/tenants', { slug: 'three', name: 'three' })).status).toBe(201);
  });
});

describe('sign-out everywhere and password change', () => {
  it('logout-all ends every session of the user', async () => {
    await userSession(cp, 'lena');
    const a = apiClient(cp.url, await signIn(cp, 'lena', 'lena-password-1'));
    const b = apiClient(cp.url, await signIn(cp, 'lena', 'lena-password-1'));
    const other = await userSession(cp, 'otto');
    expect((await a('POST', '/api/v1/auth/logout-all')).status).toBe(204);
    expect((await a('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await b('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await other('GET', '/api/v1/auth/me')).status).toBe(200);
    // tokens have no sessions to end
    expect((await root('POST', '/api/v1/auth/logout-all')).status).toBe(403);
  });

  it('a password change needs the current one and ends the other sessions', async () => {
    await userSession(cp, 'pia');
    const a = apiClient(cp.url, await signIn(cp, 'pia', 'pia-password-1'));
    const b = apiClient(cp.url, await signIn(cp, 'pia', 'pia-password-1'));
    const wrong = await a('POST', '/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'pia-password-2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: 'currentPassword', message: 'wrong password' }]);
    const short = await a('POST', '/api/v1/auth/password', { currentPassword: 'pia-password-1', newPassword: 'short' });
    expect(short.body.error.details[0].path).toBe('newPassword');
    expect((await a('POST', '/api/v1/auth/password', { currentPassword: 'pia-password-1', newPassword: 'pia-password-2' })).status).toBe(204);
    expect((await a('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await b('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: 'pia', password: 'pia-password-1' })).status).toBe(401);
    await signIn(cp, 'pia', 'pia-password-2');
  });
});

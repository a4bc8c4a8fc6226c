import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

let cp: ControlPlane;
let db: Client;
let api: ReturnType<typeof apiClient>;
const t = (path: string, tenant = 'default') => `/api/v1/tenants/${tenant}/${path}`;

beforeAll(async () => {
  const databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl });
  api = apiClient(cp.url, cp.adminToken);
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await cp?.stop();
});

const ok = async (method: string, path: string, body?: unknown) => {
  const res = await api(method, path, body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
};
const current = async (): Promise<{ revision: number; hash: string }> => (await api('GET', '/api/v1/config/revision')).body;
const withoutTimes = <T>(v: T): T => JSON.parse(JSON.stringify(v, (k, x) => (k === 'updatedAt' ? undefined : x)));

/** Every object of a tenant as the admin API answers it (what the console shows). */
async function state(tenant = 'default') {
  const list = async (path: string) => withoutTimes((await ok('GET', `${t(path, tenant)}?limit=500`)).data);
  const consumers = await list('consumers');
  const credentials = await Promise.all(consumers.map((c: { id: string }) => list(`consumers/${c.id}/credentials`)));
  return {
    upstreams: await list('upstreams'),
    services: await list('services'),
    routes: await list('routes'),
    plugins: await list('plugins'),
    consumers,
    credentials,
    groups: await list('consumer-groups'),
  };
}

describe('config history', () => {
  it('lists revisions newest first with actor and items, pages with a cursor, and shows one with before/after', async () => {
    const start = (await current()).revision;
    await ok('POST', t('upstreams'), { name: 'pool', targets: [{ target: '127.0.0.1:9001' }] });
    await ok('POST', t('services'), { name: 'orders', url: 'upstream://pool' });
    await ok('PATCH', t('services/orders'), { retries: 4 });
    const page = await ok('GET', '/api/v1/config/revisions?limit=2');
    expect(page.data.map((r: { revision: number }) => r.revision)).toEqual([start + 3, start + 2]);
    expect(page.data[0]).toMatchObject({ actor: 'admin-token', changeCount: 1, changes: [{ kind: 'service', name: 'orders', action: 'update' }] });
    expect(page.data[1].changes).toEqual([{ kind: 'service', id: expect.any(String), name: 'orders', action: 'create', tenantId: expect.any(String) }]);
    expect(Date.parse(page.data[0].createdAt)).not.toBeNaN();
    const next = await ok('GET', `/api/v1/config/revisions?limit=2&cursor=${page.next}`);
    expect(next.data[0]).toMatchObject({ revision: start + 1, changes: [{ kind: 'upstream', name: 'pool', action: 'create' }] });

    const one = await ok('GET', `/api/v1/config/revisions/${start + 3}`);
    expect(one.changes).toHaveLength(1);
    expect(one.changes[0].before).toMatchObject({ name: 'orders', retries: 1 });
    expect(one.changes[0].after).toMatchObject({ name: 'orders', retries: 4 });
    expect((await api('GET', '/api/v1/config/revisions/99999')).status).toBe(404);
    expect((await api('GET', '/api/v1/config/revisions/x')).body.error.code).toBe('AYA_CP_VALIDATION');
  });

  it('diffs two revisions per item, either way round, and never shows a secret', async () => {
    const from = (await current()).revision;
    await ok('PATCH', t('upstreams/pool'), { algorithm: 'least-connections' });
    await ok('POST', t('consumers'), { username: 'dave' });
    await ok('POST', t('consumers/dave/credentials'), { type: 'key-auth', key: 'dave-secret-key-1234567890' });
    await ok('PATCH', t('upstreams/pool'), { targets: [{ target: '127.0.0.1:9002' }] });
    const to = (await current()).revision;
    const diff = await ok('GET', `/api/v1/config/diff?from=${from}&to=${to}`);
    const pool = diff.changes.find((c: { kind: string }) => c.kind === 'upstream');
    // two changes of one upstream are one item: the state at `from` and at `to`
    expect(pool).toMatchObject({ action: 'update', before: { algorithm: 'round-robin', targets: [{ target: '127.0.0.1:9001', weight: 100 }] }, after: { algorithm: 'least-connections', targets: [{ target: '127.0.0.1:9002', weight: 100 }] } });
    const credential = diff.changes.find((c: { kind: string }) => c.kind === 'credential');
    expect(credential).toMatchObject({ action: 'create', before: null, after: { type: 'key-auth', keyHash: '[redacted]' } });
    expect(JSON.stringify(diff)).not.toContain('dave-secret-key');
    expect(diff.changes.map((c: { kind: string }) => c.kind)).toEqual(['upstream', 'consumer', 'credential']);
    const back = await ok('GET', `/api/v1/config/diff?from=${to}&to=${from}`);
    expect(back.changes.find((c: { kind: string }) => c.kind === 'credential')).toMatchObject({ action: 'delete', after: null });
    const future = await api('GET', `/api/v1/config/diff?from=${from}&to=${to + 50}`);
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'to', message: expect.any(String) }]);
  });

  it('rolls back exactly: rows (ids, secrets, cascades) and the gateway config, as a new audited revision', async () => {
    await ok('POST', t('consumer-groups'), { name: 'gold' });
    await ok('POST', t('consumers'), { username: 'erin', groups: ['gold'] });
    await ok('POST', t('consumers/erin/credentials'), { type: 'key-auth', key: 'erin-key-0123456789abcdef' });
    await ok('POST', t('routes'), { name: 'orders', service: 'orders', paths: ['/orders'] });
    await ok('POST', t('plugins'), { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 5 }] }, route: 'orders' });
    const target = await current();
    const before = await state();

    // break things: rename, delete with cascades (plugin, credentials, membership), create, change
    await ok('PATCH', t('services/orders'), { name: 'orders-v2', url: 'http://127.0.0.1:9' });
    await ok('DELETE', t('routes/orders'));
    await ok('DELETE', t('consumers/erin'));
    await ok('DELETE', t('consumer-groups/gold'));
    await ok('POST', t('routes'), { name: 'orders', service: 'orders-v2', paths: ['/v2/orders'] });
    expect(withoutTimes(await state())).not.toEqual(before);
    const broken = await current();

    const rolled = await api('POST', `/api/v1/config/revisions/${target.revision}/rollback`);
    expect(rolled.status).toBe(201);
    expect(rolled.body).toMatchObject({ revision: broken.revision + 1, rolledBackTo: target.revision, tenant: null });
    expect(await state()).toEqual(before);
    // the gateway config is the one of that revision, item for item
    expect(await current()).toEqual({ revision: broken.revision + 1, hash: target.hash });
    // the restored key works again: its hash came back with the row
    const key = await db.query(`SELECT key_hash FROM credentials c JOIN consumers u ON u.id = c.consumer_id WHERE u.username = 'erin'`);
    expect(key.rows).toHaveLength(1);

    const audit = await db.query(`SELECT action, resource_type, resource_id, revision FROM audit_events WHERE revision = $1`, [broken.revision + 1]);
    expect(audit.rows).toEqual([{ action: 'rollback', resource_type: 'config', resource_id: String(target.revision), revision: broken.revision + 1 }]);
    const listed = (await ok('GET', '/api/v1/config/revisions?limit=1')).data[0];
    expect(listed).toMatchObject({ revision: broken.revision + 1, actor: 'admin-token' });
    expect(listed.changeCount).toBeGreaterThan(5);
    // a rollback is a revision like any other: rolling back to before it undoes it
    await ok('POST', `/api/v1/config/revisions/${broken.revision}/rollback`);
    expect((await current()).hash).toBe(broken.hash);
    await ok('POST', `/api/v1/config/revisions/${target.revision}/rollback`);
    expect(await state()).toEqual(before);
  });

  it('keeps tenants apart: ?tenant= lists, diffs and rolls back only that tenant; a clash with another tenant is a 409', async () => {
    await ok('POST', '/api/v1/tenants', { slug: 'acme', name: 'Acme' });
    await ok('POST', t('services', 'acme'), { name: 'shop', url: 'http://127.0.0.1:7' });
    await ok('POST', t('routes', 'acme'), { name: 'shop', service: 'shop', paths: ['/shop'] });
    const target = (await current()).revision;
    const acmeBefore = await state('acme');
    await ok('PATCH', t('routes/shop', 'acme'), { paths: ['/shop-new'] });
    await ok('POST', t('upstreams'), { name: 'default-only', targets: [{ target: '127.0.0.1:1' }] });

    const acme = await ok('GET', '/api/v1/config/revisions?tenant=acme&limit=50');
    const kinds = acme.data.flatMap((r: { changes: Array<{ tenantId: string }> }) => r.changes.map((c) => c.tenantId));
    expect(new Set(kinds).size).toBe(1);
    expect(acme.data.map((r: { changes: Array<{ name: string }> }) => r.changes.map((c) => c.name))).not.toContainEqual(['default-only']);
    const diff = await ok('GET', `/api/v1/config/diff?from=${target}&to=${(await current()).revision}&tenant=acme`);
    expect(diff.changes.map((c: { name: string }) => c.name)).toEqual(['shop']);
    expect((await api('GET', '/api/v1/config/revisions?tenant=nope')).status).toBe(404);

    const rolled = await ok('POST', `/api/v1/config/revisions/${target}/rollback?tenant=acme`);
    expect(rolled.changes).toEqual([expect.objectContaining({ kind: 'route', name: 'shop', action: 'update' })]);
    expect(await state('acme')).toEqual(acmeBefore);
    // the other tenant kept what it did since
    expect((await api('GET', t('upstreams/default-only'))).status).toBe(200);

    // acme moves its route away; the default tenant takes the path; rolling acme back would collide on one listener
    const moved = (await current()).revision;
    await ok('PATCH', t('routes/shop', 'acme'), { paths: ['/elsewhere'] });
    await ok('POST', t('routes'), { name: 'taken', service: 'orders', paths: ['/shop'] });
    const clash = await api('POST', `/api/v1/config/revisions/${moved}/rollback?tenant=acme`);
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('AYA_CP_CONFLICT');
    expect((await ok('GET', t('routes/shop', 'acme'))).paths).toEqual(['/elsewhere']);
  });

  it('reaches back only as far as revisions are kept (AYA_CONFIG_HISTORY_REVISIONS): older is a 409 / 400', async () => {
    const now = (await current()).revision;
    // what the maintenance job does past the kept count
    await db.query('DELETE FROM config_revisions WHERE revision < $1', [now - 2]);
    await db.query('DELETE FROM config_row_changes WHERE revision < $1', [now - 2]);
    const old = await api('POST', `/api/v1/config/revisions/${now - 5}/rollback`);
    expect(old.status).toBe(409);
    expect(old.body.error.code).toBe('AYA_CP_CONFLICT');
    const diff = await api('GET', `/api/v1/config/diff?from=${now - 5}&to=${now}`);
    expect(diff.body.error.details).toEqual([{ path: 'from', message: expect.any(String) }]);
    expect((await api('GET', '/api/v1/config/revisions?limit=50')).body.data.map((r: { revision: number }) => r.revision)).toEqual([now, now - 1, now - 2]);
    // the oldest kept one's parent is still reachable: its state is what the kept changes started from
    expect((await api('POST', `/api/v1/config/revisions/${now - 3}/rollback`)).status).toBe(201);
    expect((await api('POST', `/api/v1/config/revisions/${now + 10}/rollback`)).status).toBe(404);
  });
});

import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

interface RouteView {
  id: string;
  name: string;
  paths: string[];
  hosts: string[];
  serviceId: string;
}
interface ListBody {
  data: RouteView[];
  next: string | null;
  total: number;
}

const ROUTES = 10_000;
const base = '/api/v1/tenants/default/routes';
let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
let serviceA: string;
let serviceB: string;

/** 10,000 routes in one statement (the API would take minutes, and the list is what is tested): r-00000.. with /r/<n>, every 10th on service b and a host. */
async function seedRoutes(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO routes (tenant_id, service_id, name, paths, hosts, created_at)
       SELECT s.tenant_id, CASE WHEN n % 10 = 0 THEN $2::uuid ELSE $1::uuid END, 'r-' || lpad(n::text, 5, '0'),
              ARRAY['/r/' || lpad(n::text, 5, '0')], CASE WHEN n % 10 = 0 THEN ARRAY['h' || n || '.example.test'] ELSE ARRAY[]::text[] END,
              now() - (n || ' milliseconds')::interval
       FROM generate_series(0, $3 - 1) AS n, services s WHERE s.id = $1::uuid`,
      [serviceA, serviceB, ROUTES],
    );
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  const databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl });
  api = apiClient(cp.url, cp.adminToken);
  serviceA = (await api('POST', '/api/v1/tenants/default/services', { name: 'a', url: 'http://127.0.0.1:9' })).body.id;
  serviceB = (await api('POST', '/api/v1/tenants/default/services', { name: 'b', url: 'http://127.0.0.1:9' })).body.id;
  await seedRoutes(databaseUrl);
  // another tenant's route matches every search below: it must never show
  expect((await api('POST', '/api/v1/tenants', { slug: 'other', name: 'Other' })).status).toBe(201);
  const svc = (await api('POST', '/api/v1/tenants/other/services', { name: 'a', url: 'http://127.0.0.1:9' })).body.id;
  expect((await api('POST', '/api/v1/tenants/other/routes', { name: 'r-00042-other', service: svc, paths: ['/r/00042/other'] })).status).toBe(201);
}, 120_000);
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

const list = async (query: string) => {
  const res = await api<ListBody>('GET', `${base}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('searchable lists over 10,000 routes', () => {
  it('counts every matching row and pages by age as before', async () => {
    const page = await list('limit=50');
    expect(page.total).toBe(ROUTES);
    expect(page.data).toHaveLength(50);
    // created_at = now - n ms: the oldest is the highest n
    expect(page.data[0]?.name).toBe('r-09999');
    expect(page.next).toEqual(expect.any(String));
  });

  it('finds a route by name, path or host, case-insensitively, in this tenant only', async () => {
    expect((await list('q=R-0004')).data.map((r) => r.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `r-0004${i}`));
    const byPath = await list('q=/r/00042');
    expect(byPath.total).toBe(1);
    expect(byPath.data.map((r) => r.name)).toEqual(['r-00042']);
    expect((await list('q=H120.EXAMPLE')).data.map((r) => r.name)).toEqual(['r-00120']);
    // h120.example.test and h1200.example.test
    expect((await list('q=H120')).data.map((r) => r.name).sort()).toEqual(['r-00120', 'r-01200']);
    // LIKE characters are literal: no name has a % or _
    expect((await list('q=%25')).total).toBe(0);
    expect((await list('q=_')).total).toBe(0);
  });

  it('sorts by name both ways and walks every page of a sort without a gap or a repeat', async () => {
    expect((await list('sort=name&limit=3')).data.map((r) => r.name)).toEqual(['r-00000', 'r-00001', 'r-00002']);
    expect((await list('sort=-name&limit=3')).data.map((r) => r.name)).toEqual(['r-09999', 'r-09998', 'r-09997']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ListBody = await list(`sort=-name&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((r) => r.name));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(ROUTES);
    expect(new Set(seen).size).toBe(ROUTES);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('filters by service, combined with a search and a sort', async () => {
    const onB = await list(`service=${serviceB}&sort=name&limit=2`);
    expect(onB.total).toBe(ROUTES / 10);
    expect(onB.data.map((r) => r.name)).toEqual(['r-00000', 'r-00010']);
    expect(onB.data.every((r) => r.serviceId === serviceB)).toBe(true);
    const searched = await list(`service=${serviceB}&q=r-000`);
    expect(searched.data.map((r) => r.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `r-000${i}0`));
  });

  it('pages a search by updatedAt with cursors', async () => {
    const first = await list('q=r-01&sort=-updatedAt&limit=400');
    expect(first.total).toBe(1000);
    const second = await list(`q=r-01&sort=-updatedAt&limit=400&cursor=${first.next}`);
    const third = await list(`q=r-01&sort=-updatedAt&limit=400&cursor=${second.next}`);
    expect(third.next).toBeNull();
    expect(new Set([...first.data, ...second.data, ...third.data].map((r) => r.id)).size).toBe(1000);
  });

  it('refuses bad parameters with 400 and a detail at each', async () => {
    const cases: Array<[string, string]> = [
      ['sort=service', 'sort'],
      ['sort=password', 'sort'],
      ['limit=0', 'limit'],
      ['service=nope', 'service'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['cursor=garbage', 'cursor'],
    ];
    for (const [query, path] of cases) {
      const res = await api('GET', `${base}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([path]);
    }
    // a cursor is only valid for the sort that wrote it
    const byName = await list('sort=name&limit=1');
    const other = await api('GET', `${base}?sort=-name&cursor=${byName.next}`);
    expect(other.status).toBe(400);
    expect(other.body.error.details).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    // a forged timestamp cursor is a 400, not a Postgres error
    const forged = Buffer.from(JSON.stringify(['createdAt', 'yesterday', serviceA])).toString('base64url');
    expect((await api('GET', `${base}?cursor=${forged}`)).status).toBe(400);
  });

  it('upstreams search their targets, services their URL, certificates their SNIs', async () => {
    expect((await api('POST', '/api/v1/tenants/default/upstreams', { name: 'pool', targets: [{ target: 'backend-7.internal:8080', weight: 1 }] })).status).toBe(201);
    const ups = (await api<ListBody>('GET', '/api/v1/tenants/default/upstreams?q=BACKEND-7')).body;
    expect(ups.total).toBe(1);
    expect((await api<ListBody>('GET', '/api/v1/tenants/default/services?q=127.0.0.1&sort=-name')).body.data.map((s) => s.name)).toEqual(['b', 'a']);
    expect((await api<ListBody>('GET', '/api/v1/tenants/default/certificates?q=nothing')).body).toEqual({ data: [], next: null, total: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

// the bulk import: 10,000 routes in one apply, through a real control plane on real Postgres (the seconds
// are measured by bench/apply-10k.mjs, not asserted here: the machine is shared)
let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const N = 10_000;

async function must(method: string, path: string, body: unknown, status: number) {
  const res = await api(method, path, body);
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(status);
  return res.body;
}
const apply = (doc: unknown, query = '') => api('POST', `/api/v1/tenants/default/config/apply${query}`, doc);
const revisionOf = async (): Promise<number> => (await must('GET', '/api/v1/config/revision', undefined, 200)).revision;
const dumpRoutes = async (): Promise<Array<{ name: string; service: string; paths: string[] }>> => (await must('GET', '/api/v1/tenants/default/config', undefined, 200)).routes;
const lastAudit = async () => (await must('GET', '/api/v1/tenants/default/audit?limit=1', undefined, 200)).data[0];

const services = [
  { name: 'bulk-a', url: 'http://127.0.0.1:9' },
  { name: 'bulk-b', url: 'http://127.0.0.1:9' },
];
const routes = Array.from({ length: N }, (_, i) => ({ name: `bulk-${i}`, service: 'bulk-a', paths: [`/bulk/${i}`] }));
const doc = { services, routes };
// 1%: every 100th route moves to the other service, the one after it leaves (prune)
const changed = { services, routes: routes.filter((_, i) => i % 100 !== 1).map((r, i) => (i % 99 === 0 ? { ...r, service: 'bulk-b' } : r)) };

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
});

afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

describe('bulk applies', () => {
  let before: number;
  let bulk: number;

  it('writes them in one revision; the same document again makes no revision and no audit row', async () => {
    before = await revisionOf();
    const first = await apply(doc, '?prune=true');
    expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(200);
    expect(first.body.changes.filter((c: { kind: string }) => c.kind === 'route')).toHaveLength(N);
    bulk = first.body.revision;
    expect(bulk).toBe(before + 1);
    const audited = await lastAudit();
    expect(audited.revision).toBe(bulk);

    const again = await apply(doc, '?prune=true');
    expect(again.body).toEqual({ revision: bulk, dryRun: false, changes: [] });
    expect(await revisionOf()).toBe(bulk);
    expect((await lastAudit()).id).toBe(audited.id);
  });

  it('changes and prunes 1% in the next revision, and a rollback restores the routes as the bulk apply left them', async () => {
    const res = await apply(changed, '?prune=true');
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.changes.filter((c: { action: string }) => c.action === 'delete')).toHaveLength(N / 100);
    expect(res.body.changes.filter((c: { action: string }) => c.action === 'update').length).toBeGreaterThan(0);
    expect((await api('GET', '/api/v1/tenants/default/routes/bulk-1')).status).toBe(404);

    await must('POST', `/api/v1/config/revisions/${bulk}/rollback`, undefined, 201);
    expect((await must('GET', '/api/v1/tenants/default/routes/bulk-1', undefined, 200)).service).toBe('bulk-a');
    expect((await must('GET', '/api/v1/tenants/default/routes/bulk-0', undefined, 200)).service).toBe('bulk-a');
    // the tenant is the bulk document again: applying it changes nothing
    expect((await apply(doc, '?prune=true')).body.changes).toEqual([]);
  });

  it('rolls back to before the bulk apply: every one of its routes goes', async () => {
    await must('POST', `/api/v1/config/revisions/${before}/rollback`, undefined, 201);
    expect(await dumpRoutes()).toEqual([]);
  });

  it('writes thousands of consumers with their groups in bulk; the same again changes nothing; a taken customId is a 409 at its path', async () => {
    const consumerGroups = [{ name: 'gold' }, { name: 'silver' }];
    const consumers = Array.from({ length: 2000 }, (_, i) => ({ username: `c-${i}`, customId: `ext-${i}`, groups: i % 2 ? ['gold'] : ['gold', 'silver'] }));
    const first = await apply({ consumerGroups, consumers });
    expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(200);
    expect(first.body.changes.filter((c: { kind: string; action: string }) => c.kind === 'consumer' && c.action === 'create')).toHaveLength(2000);
    expect(await must('GET', '/api/v1/tenants/default/consumers/c-0', undefined, 200)).toMatchObject({ customId: 'ext-0', groups: ['gold', 'silver'] });
    expect((await must('GET', '/api/v1/tenants/default/config', undefined, 200)).consumers).toEqual(consumers.sort((a, b) => (a.username < b.username ? -1 : 1)));
    expect((await apply({ consumerGroups, consumers })).body.changes).toEqual([]);

    const changed = consumers.map((c) => (c.username === 'c-0' ? { ...c, groups: ['silver'] } : c.username === 'c-1' ? { ...c, customId: 'ext-moved' } : c));
    const res = await apply({ consumerGroups, consumers: changed });
    expect(res.body.changes).toEqual([
      { action: 'update', kind: 'consumer', name: 'c-0' },
      { action: 'update', kind: 'consumer', name: 'c-1' },
    ]);
    expect((await must('GET', '/api/v1/tenants/default/consumers/c-0', undefined, 200)).groups).toEqual(['silver']);
    expect((await must('GET', '/api/v1/tenants/default/consumers/c-1', undefined, 200)).customId).toBe('ext-moved');
    // the history has the bulk-written consumers and memberships of this tenant: a tenant's rollback restores them
    await must('POST', `/api/v1/config/revisions/${first.body.revision}/rollback?tenant=default`, undefined, 201);
    expect(await must('GET', '/api/v1/tenants/default/consumers/c-0', undefined, 200)).toMatchObject({ customId: 'ext-0', groups: ['gold', 'silver'] });
    expect((await must('GET', '/api/v1/tenants/default/consumers/c-1', undefined, 200)).customId).toBe('ext-1');

    const clash = await apply({ consumers: [{ username: 'newcomer', customId: 'ext-5' }] });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.map((d: { path: string }) => d.path)).toEqual(['consumers[0].customId']);
  });

  it('refuses a document over the object limit up front (413 AYA_CP_APPLY_TOO_LARGE), writing nothing', async () => {
    const revision = await revisionOf();
    const huge = { routes: Array.from({ length: 50_001 }, (_, i) => ({ name: `h${i}`, service: 'bulk-a', paths: [`/h/${i}`] })) };
    const res = await apply(huge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('AYA_CP_APPLY_TOO_LARGE');
    expect(res.body.error.message).toContain('50000');
    expect(await revisionOf()).toBe(revision);
  });
});

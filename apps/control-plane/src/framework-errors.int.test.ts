import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../test/harness';

describe('requests fastify refuses before routing them', () => {
  let cp: ControlPlane;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    cp = await startControlPlane({ databaseUrl: await createDatabase() });
    api = apiClient(cp.url, cp.adminToken);
  });
  afterAll(async () => {
    await cp?.stop();
  });

  it('answer the standard error body: a malformed percent-encoding (400), a path parameter too long (414)', async () => {
    for (const segment of ['%zz', '%C3%28', '%']) {
      const res = await api('GET', `/api/v1/tenants/${segment}/services`);
      expect([res.status, res.body.error?.code], segment).toEqual([400, 'AYA_CP_VALIDATION']);
    }
    // (a GET falls through to the not-found handler instead: 404, already the standard body)
    const long = await api('DELETE', `/api/v1/tenants/${'a'.repeat(500)}`);
    expect([long.status, long.body.error?.code]).toEqual([414, 'AYA_CP_VALIDATION']);
  });
});

import { configDeltaSchema, configResponseSchema, type RevisionNotice } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

let databaseUrl: string;
let cp: ControlPlane | undefined;
const clusterToken = 'cluster-token-for-tests-0002';
const adminToken = 'admin-token-for-upgrade-tests';

async function sql(text: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(text);
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  databaseUrl = await createDatabase();
});
afterAll(async () => {
  if (cp) expect(await cp.stop()).toBe(0);
});

describe('a database from before config deltas', () => {
  it('gets its item digests and hash at the next start, as a new revision gateways pull', async () => {
    cp = await startControlPlane({ databaseUrl, clusterToken, adminToken });
    const api = apiClient(cp.url, adminToken);
    await api('POST', '/api/v1/tenants/default/services', { name: 'svc', url: 'http://127.0.0.1:9' });
    await api('POST', '/api/v1/tenants/default/routes', { name: 'r', service: 'svc', paths: ['/up'] });
    const old = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    expect(await cp.stop()).toBe(0);
    cp = undefined;

    // what migration 20261125025936_config_deltas leaves behind: no digests, no hash, no stored revisions
    await sql(`UPDATE config_state SET digest = '', hash = ''; DELETE FROM config_items; DELETE FROM config_revisions`);

    cp = await startControlPlane({ databaseUrl, clusterToken, adminToken });
    expect(cp.logs()).toMatch(/config items synced/);
    const now = (await apiClient(cp.url, adminToken)('GET', '/api/v1/config/revision')).body as RevisionNotice;
    expect(now).toEqual({ revision: old.revision + 1, hash: old.hash });
    const internal = apiClient(cp.url, clusterToken);
    const whole = configResponseSchema.parse((await internal('GET', '/internal/v1/config')).body);
    expect(snapshotHash(whole.snapshot)).toBe(now.hash);
    expect(whole.snapshot.routes.map((r) => r.name)).toEqual(['r']);
    // a gateway still on the old revision has no changes to start from: the whole config
    expect((await internal('GET', `/internal/v1/config/changes?after=${old.revision}`)).status).toBe(200);
    expect((await internal('GET', `/internal/v1/config/changes?after=${old.revision - 1}`)).status).toBe(410);

    // and writes go on as deltas from there
    await apiClient(cp.url, adminToken)('PATCH', '/api/v1/tenants/default/routes/r', { paths: ['/up', '/up2'] });
    const delta = configDeltaSchema.parse((await internal('GET', `/internal/v1/config/changes?after=${now.revision}`)).body);
    expect(delta.changes).toHaveLength(1);
    const applied = { ...whole.snapshot, routes: [delta.changes[0].item] } as typeof whole.snapshot;
    expect(snapshotHash(applied)).toBe(delta.hash);
  });
});

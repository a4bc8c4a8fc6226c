import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, eventually, startControlPlane, startFaultProxy, type ControlPlane, type FaultProxy } from '../../../../test/harness';
import { openSse } from '../config-flow/sse-client.test-util';

/**
 * The database goes away under a running control plane (the control plane reaches Postgres through a
 * TCP proxy the test cuts: open connections reset, new ones refused), then comes back.
 */
let cp: ControlPlane;
let proxy: FaultProxy;
let direct: string;
let api: ReturnType<typeof apiClient>;
const base = '/api/v1/tenants/default';

/** What a write leaves behind, read on a connection of our own (not through the proxy). */
async function dbState(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: direct });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, number>>(`SELECT
      (SELECT revision FROM config_state WHERE id = 1)::int AS revision,
      (SELECT count(*) FROM config_revisions)::int AS revisions,
      (SELECT count(*) FROM audit_events)::int AS audits,
      (SELECT count(*) FROM services)::int AS services,
      (SELECT count(*) FROM routes)::int AS routes`);
    return rows[0];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  direct = await createDatabase();
  const url = new URL(direct);
  proxy = await startFaultProxy({ port: Number(url.port) });
  url.host = proxy.address;
  cp = await startControlPlane({ databaseUrl: url.toString() });
  api = apiClient(cp.url, cp.adminToken);
});
afterAll(async () => {
  await cp?.stop();
  await proxy?.close();
});

describe('database outage', () => {
  it('answers 503 AYA_CP_DATABASE_UNAVAILABLE while the database is away, writes nothing, and works again once it is back', async () => {
    expect((await api('POST', `${base}/services`, { name: 'before', url: 'http://127.0.0.1:9/' })).status).toBe(201);
    const before = await dbState();

    await proxy.cut();
    const attempts = [
      await api('POST', `${base}/services`, { name: 'during', url: 'http://127.0.0.1:9/' }),
      await api('PATCH', `${base}/services/before`, { readTimeoutMs: 1234 }),
      await api('POST', `${base}/routes`, { name: 'r', service: 'before', paths: ['/r'] }),
      await api('DELETE', `${base}/services/before`),
      await api('GET', `${base}/services`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('AYA_CP_DATABASE_UNAVAILABLE');
    }
    expect(await dbState()).toEqual(before);

    await proxy.restore();
    // no restart: the next write after the database returns goes through
    const after = await eventually(async () => {
      const res = await api('POST', `${base}/services`, { name: 'after', url: 'http://127.0.0.1:9/' });
      return res.status === 201 ? res : undefined;
    }, 15_000, 100);
    expect(after.body.name).toBe('after');
    expect(await dbState()).toMatchObject({ revision: before.revision + 1, services: before.services + 1, audits: before.audits + 1 });
    expect((await api('GET', `${base}/services/before`)).body.readTimeoutMs).not.toBe(1234);
  });

  it('tells the SSE streams of the first write after a long outage within seconds of the database returning', async () => {
    const sse = await openSse(`${cp.url}/internal/v1/config/events`, cp.clusterToken);
    await sse.next(); // the current revision, sent on connect
    await proxy.cut();
    // long enough for a doubling backoff to reach 8 s (attempts at 1, 3, 7, 15 s)
    await new Promise((r) => setTimeout(r, 9_000));
    await proxy.restore();
    const restoredAt = Date.now();
    const written = await eventually(async () => {
      const res = await api('POST', `${base}/services`, { name: 'after-long', url: 'http://127.0.0.1:9/' });
      return res.status === 201 ? res : undefined;
    }, 15_000, 100);
    const revision = (await api<{ revision: number }>('GET', '/api/v1/config/revision')).body.revision;
    expect(written.body.name).toBe('after-long');
    // the write's own notice (or the re-announce when the listener reconnects) reaches the stream
    let notice = await sse.next(4_000 - (Date.now() - restoredAt));
    while (notice.revision < revision) notice = await sse.next(4_000 - (Date.now() - restoredAt));
    sse.close();
  });
});

import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createDatabase, createDatabaseOn, startFaultProxy, startPostgres, startRedis, startUpstream } from './index';
import net from 'node:net';

describe('test harness', () => {
  it('creates a fresh database on the embedded Postgres', async () => {
    const url = await createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('select 1 + 1 as n');
    await client.end();
    expect(rows[0].n).toBe(2);
  });

  it('halts and resumes a Postgres on the same data and port', async () => {
    const server = await startPostgres();
    const db = await createDatabaseOn(server.adminUrl);
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: db });
      await client.connect();
      try {
        return (await client.query<{ n: number }>(sql)).rows;
      } finally {
        await client.end();
      }
    };
    await query('create table t (n int); insert into t values (7)');
    await server.halt();
    await expect(query('select 1')).rejects.toThrow();
    await server.resume();
    expect(await query('select n from t')).toEqual([{ n: 7 }]);
    await server.stop();
  });

  it('starts and restarts a real redis-server', async () => {
    const redis = await startRedis();
    const ping = () =>
      new Promise<string>((resolve, reject) => {
        const s = net.connect(redis.port, '127.0.0.1', () => s.write('PING\r\n'));
        s.once('data', (d) => (resolve(d.toString()), s.destroy()));
        s.once('error', reject);
      });
    expect(await ping()).toBe('+PONG\r\n');
    await redis.stop();
    await expect(ping()).rejects.toThrow();
    await redis.start();
    expect(await ping()).toBe('+PONG\r\n');
    await redis.stop();
  });

  it('injects faults between a client and a server', async () => {
    const up = await startUpstream('a');
    const proxy = await startFaultProxy({ port: up.port }, { latencyMs: 100 });
    const url = `http://${proxy.address}/p`;
    const t0 = Date.now();
    expect(await (await fetch(url)).text()).toBe('hello from a /p');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200); // request and response each waited
    proxy.set({ latencyMs: 0, resetProbability: 1 });
    await expect(fetch(url)).rejects.toThrow();
    expect(proxy.stats().resets).toBe(1);
    proxy.set({ resetProbability: 0 });
    await proxy.cut();
    await expect(fetch(url)).rejects.toThrow();
    await proxy.restore();
    expect((await fetch(url)).status).toBe(200);
    await proxy.close();
    await up.close();
  });

  it('serves an upstream over a real socket', async () => {
    const up = await startUpstream('a');
    const res = await fetch(`${up.url}/x?y=1`);
    expect(await res.text()).toBe('hello from a /x?y=1');
    await up.close();
  });
});

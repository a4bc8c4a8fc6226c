import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createDatabase, startRedis, startUpstream } from './index';
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

  it('serves an upstream over a real socket', async () => {
    const up = await startUpstream('a');
    const res = await fetch(`${up.url}/x?y=1`);
    expect(await res.text()).toBe('hello from a /x?y=1');
    await up.close();
  });
});

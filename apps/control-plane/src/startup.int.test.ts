import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, freePort, spawnNode } from '../../../test/harness';
import { openSse } from './config-flow/sse-client.test-util';

const MAIN = path.resolve(__dirname, '../dist/main.js');
const TOKEN = 'cluster-token-0123456789';

async function runToExit(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const proc = spawnNode(MAIN, { DATABASE_URL: undefined, AYA_CLUSTER_TOKEN: undefined, AYA_ADMIN_TOKEN: undefined, REDIS_URL: undefined, ...env });
  const code = await proc.exited;
  return { code, output: proc.logs() };
}

describe('start-up failures', () => {
  it('bad env: one line naming the variable, exit 1, no stack trace', async () => {
    const { code, output } = await runToExit({ AYA_CLUSTER_TOKEN: TOKEN });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/DATABASE_URL/);
    const short = await runToExit({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', AYA_CLUSTER_TOKEN: 'short' });
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/AYA_CLUSTER_TOKEN/);
    expect(short.output).not.toMatch(/short\b(?!.*characters)/);
    expect(short.output).not.toMatch(/\n\s+at /);
  });

  it('unreachable database: one line, exit 1', async () => {
    const port = await freePort();
    const { code, output } = await runToExit({ DATABASE_URL: `postgres://u:secret-pw@127.0.0.1:${port}/x`, AYA_CLUSTER_TOKEN: TOKEN });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/database/);
    expect(output).not.toContain('secret-pw');
  });

  it('exits 0 on SIGTERM after a normal start', async () => {
    const port = await freePort();
    const proc = spawnNode(MAIN, {
      DATABASE_URL: await createDatabase(),
      AYA_CLUSTER_TOKEN: TOKEN,
      AYA_ADMIN_PORT: String(port),
      AYA_ADMIN_HOST: '127.0.0.1',
    });
    for (let i = 0; i < 300 && !proc.logs().includes('listening on'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(proc.logs()).toContain('listening on');
    // an open config stream and a client stuck mid-request must not hold the shutdown
    const sse = await openSse(`http://127.0.0.1:${port}/internal/v1/config/events`, TOKEN);
    const stuck = net.connect(port, '127.0.0.1');
    stuck.on('error', () => undefined);
    await new Promise((r) => stuck.once('connect', r));
    stuck.write('POST /api/v1/tenants HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n{');
    await new Promise((r) => setTimeout(r, 200));
    expect(await proc.stop(), proc.logs()).toBe(0);
    expect(proc.logs()).toContain('requests still open after');
    sse.close();
    stuck.destroy();
  });
});

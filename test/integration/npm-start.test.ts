import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, eventually, freePort, REPO_ROOT, spawnNode, startUpstream, type RunningProcess, type TestUpstream } from '../harness';

const CLI = path.join(REPO_ROOT, 'apps/cli/dist/main.js');

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('`aya start` (what `npm start` runs): the whole platform with embedded Postgres', () => {
  // as `mktemp -d` makes it: mode 0700, owned by root when the tests run as root (as CI does), where
  // the embedded Postgres runs as the OS user postgres and must still reach its data inside it
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-start-'));
  let ports: Record<'admin' | 'proxy' | 'status' | 'pg', number>;
  let upstream: TestUpstream;
  let env: Record<string, string>;

  const start = async (overrides: Record<string, string> = {}): Promise<RunningProcess> => {
    const proc = spawnNode(CLI, { ...env, ...overrides }, ['start']);
    await eventually(async () => {
      if (proc.child.exitCode !== null) throw new Error(`aya start exited ${proc.child.exitCode}:\n${proc.logs()}`);
      return proc.logs().includes('Aya is running.');
    }, 90_000, 100);
    return proc;
  };

  beforeAll(async () => {
    ports = { admin: await freePort(), proxy: await freePort(), status: await freePort(), pg: await freePort() };
    upstream = await startUpstream('httpbin');
    env = {
      AYA_DATA_DIR: dataDir,
      AYA_ADMIN_PORT: String(ports.admin),
      AYA_PROXY_PORT: String(ports.proxy),
      AYA_STATUS_PORT: String(ports.status),
      AYA_PG_PORT: String(ports.pg),
      AYA_PROXY_TLS_PORT: String(await freePort()),
      AYA_ADMIN_TOKEN: '',
      DATABASE_URL: '',
      REDIS_URL: '',
    };
  });
  afterAll(async () => {
    await upstream?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, prints URLs and a one-time admin password, proxies a new route, and stops cleanly', async () => {
    const proc = await start();
    const logs = proc.logs();
    expect(logs).toContain(`http://localhost:${ports.admin}/`);
    expect(logs).toContain(`http://localhost:${ports.proxy}/`);
    expect(logs).toContain(`https://localhost:${env.AYA_PROXY_TLS_PORT}/`);
    const password = /Initial admin user: admin\s+password: (\S+)/.exec(logs)?.[1];
    expect(password).toBeTruthy();

    const login = await apiClient(`http://127.0.0.1:${ports.admin}`)('POST', '/api/v1/auth/login', { username: 'admin', password });
    expect(login.status).toBe(200);
    const api = apiClient(`http://127.0.0.1:${ports.admin}`, login.body.token);
    expect((await api('POST', '/api/v1/tenants/default/services', { name: 'httpbin', url: upstream.url })).status).toBe(201);
    expect((await api('POST', '/api/v1/tenants/default/routes', { name: 'httpbin', service: 'httpbin', paths: ['/httpbin'], stripPath: true })).status).toBe(201);
    const body = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${ports.proxy}/httpbin/get`);
      return res.status === 200 && res.text();
    });
    expect(body).toBe('hello from httpbin /get');

    expect(await proc.stop(30_000), proc.logs()).toBe(0);
    expect(proc.logs().split(password!).length - 1).toBe(1); // shown once
    for (const port of Object.values(ports)) expect(await portOpen(port)).toBe(false);
  });

  it('a second start keeps the data of the first and prints no new password; a taken HTTPS port is not advertised', async () => {
    // the default 8443 is best-effort: taken (by us, or by something else on this machine), it is skipped
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.once('error', () => resolve()).listen(8443, '0.0.0.0', resolve));
    const proc = await start({ AYA_PROXY_TLS_PORT: '' }).finally(() => squatter.close());
    expect(proc.logs()).not.toMatch(/Initial admin user/);
    expect(proc.logs()).toMatch(/https listener not started/);
    expect(proc.logs()).not.toContain('https://localhost:8443/');
    expect(proc.logs()).toMatch(/HTTPS proxy +not listening/);
    const res = await eventually(async () => {
      const r = await fetch(`http://127.0.0.1:${ports.proxy}/httpbin/again`);
      return r.status === 200 && r.text();
    });
    expect(res).toBe('hello from httpbin /again');
    expect(await proc.stop(30_000), proc.logs()).toBe(0);
  });

  it.each([
    [{ AYA_ADMIN_PORT: 'abc' }, /AYA_ADMIN_PORT must be a port number/],
    [{ AYA_ROLE: 'everything' }, /AYA_ROLE must be all, control-plane or gateway/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
  ])('bad env %o: one clear line, exit 1, no stack trace', async (bad, message) => {
    const proc = spawnNode(CLI, { ...env, ...bad }, ['start']);
    expect(await proc.exited).toBe(1);
    expect(proc.logs()).toMatch(message);
    expect(proc.logs()).not.toMatch(/\n\s+at /);
    expect(proc.logs().trim().split('\n')).toHaveLength(1);
  });

  it.runIf(process.getuid?.() === 0)('as root, a data dir inside a directory the postgres user cannot enter: one clear line, exit 1', async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-closed-'));
    try {
      const proc = spawnNode(CLI, { ...env, AYA_DATA_DIR: path.join(closed, 'data') }, ['start']);
      expect(await proc.exited).toBe(1);
      const errors = proc.logs().split('\n').filter((l) => l.startsWith('aya:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`inside ${closed} (mode 0700)`);
      expect(errors[0]).toContain('chmod o+x');
      expect(proc.logs()).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(closed, { recursive: true, force: true });
    }
  });

  it('an unreachable DATABASE_URL: one clear line, exit 1, no stack trace', async () => {
    const dead = await freePort();
    const proc = spawnNode(CLI, { ...env, AYA_ROLE: 'control-plane', DATABASE_URL: `postgres://u:p@127.0.0.1:${dead}/aya`, AYA_CLUSTER_TOKEN: 'c'.repeat(32) }, ['start']);
    expect(await proc.exited).toBe(1);
    expect(proc.logs()).toMatch(/database/i);
    expect(proc.logs()).not.toMatch(/\n\s+at /);
  });
});

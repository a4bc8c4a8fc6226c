import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  eventually,
  freePort,
  startControlPlane,
  startGateway,
  startUpstream,
  type ControlPlane,
} from '../../../../test/harness';
import { ayaRunner, type Run } from '../../test/run-aya';

// The built CLI against the built control plane on a real embedded Postgres, over real sockets.
let cp: ControlPlane;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-cli-'));
const aya = ayaRunner(() => cp);

const json = (run: Run): any => {
  expect(run.stderr, run.stderr).not.toContain('aya:');
  return JSON.parse(run.stdout);
};

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase(), env: { AYA_SECRET_KEY: 'cli-test-secret-key-0123456789abcdef' } });
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(await cp?.stop()).toBe(0);
});

describe('aya <resource> commands', () => {
  it('creates a consumer by name and reads it back as json, yaml and a table', async () => {
    const created = await aya(['consumers', 'create', 'alice', '--set', 'customId=c-1', '-o', 'json']);
    expect(created.code).toBe(0);
    expect(json(created)).toMatchObject({ username: 'alice', customId: 'c-1', groups: [] });
    const got = await aya(['consumers', 'get', 'alice', '-o', 'yaml']);
    expect(got.code).toBe(0);
    expect(YAML.parse(got.stdout)).toEqual(json(created));
    const table = await aya(['consumers', 'list']);
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['USERNAME', 'CUSTOM ID', 'GROUPS', 'ID']);
    expect(row.split(/\s{2,}/)).toEqual(['alice', 'c-1', '-', json(created).id]);
  });

  it('key-auth credential: the generated key is printed once with a note; list and get never show it', async () => {
    const created = await aya(['credentials', 'create', '--consumer', 'alice', '--type', 'key-auth', '-o', 'json']);
    expect(created.code).toBe(0);
    const { id, key } = JSON.parse(created.stdout);
    expect(key).toMatch(/^\S{16,}$/);
    expect(created.stderr).toMatch(/key .*shown only this once/);
    const table = await aya(['credentials', 'create', '--consumer', 'alice', '--type', 'key-auth']);
    expect(table.stdout).toMatch(/^key: +\S{16,}$/m);
    for (const args of [['list', '-o', 'json'], ['list'], ['get', id, '-o', 'yaml']]) {
      const run = await aya(['credentials', ...args, '--consumer', 'alice']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(id);
      expect(run.stdout + run.stderr).not.toContain(key);
    }
    expect(json(await aya(['credentials', 'list', '--consumer', 'alice', '-o', 'json']))).toHaveLength(2);
  });

  it('service, route and rate-limit plugin from nothing: -f - (YAML on stdin), -f file.json, --set, -c; update merges into config', async () => {
    const service = await aya(['services', 'create', '-f', '-', '-o', 'json'], { input: 'name: billing\nurl: http://127.0.0.1:9000\n' });
    expect(service.code).toBe(0);
    const routeFile = path.join(tmp, 'route.json');
    fs.writeFileSync(routeFile, JSON.stringify({ paths: ['/billing'] }));
    const route = await aya(['routes', 'create', 'r1', '--service', 'billing', '-f', routeFile, '--set', 'methods=["GET","POST"]', '-o', 'json']);
    expect(json(route)).toMatchObject({ name: 'r1', service: 'billing', paths: ['/billing'], methods: ['GET', 'POST'] });

    const plugin = await aya(['plugins', 'create', 'rate-limit', '--route', 'r1', '-c', 'limits[0].limit=5', '-c', 'limits[0].window=minute', '-o', 'json']);
    const created = json(plugin);
    expect(created).toMatchObject({ name: 'rate-limit', enabled: true, routeId: json(route).id, config: { limits: [{ window: 'minute', limit: 5 }] } });

    const updated = json(await aya(['plugins', 'update', created.id, '-c', 'limits.0.limit=10', '-o', 'json']));
    expect(updated.config).toEqual({ ...created.config, limits: [{ window: 'minute', limit: 10 }] });
    expect(json(await aya(['plugins', 'update', created.id, '--set', 'enabled=false', '-o', 'json'])).enabled).toBe(false);
    const list = await aya(['plugins', 'list']);
    expect(list.stdout).toMatch(new RegExp(`${created.id}\\s+rate-limit\\s+false\\s+route=${json(route).id}`));
  });

  it('certificates: --set-file puts a PEM file in a field; the key is stored, never answered', async () => {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=api.example.test'],
      { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const key = fs.readFileSync(path.join(tmp, 'key.pem'), 'utf8');
    const args = ['--set-file', `cert=${path.join(tmp, 'cert.pem')}`, '--set-file', `key=${path.join(tmp, 'key.pem')}`, '--set', 'snis=["api.example.test"]'];
    const created = await aya(['certificates', 'create', ...args, '-o', 'json']);
    expect(json(created)).toMatchObject({ snis: ['api.example.test'], hasKey: true, cert: fs.readFileSync(path.join(tmp, 'cert.pem'), 'utf8') });
    const list = await aya(['certificates', 'list']);
    expect(list.stdout).toMatch(new RegExp(`^${json(created).id}\\s+api\\.example\\.test\\s+true`, 'm'));
    expect(created.stdout + list.stdout).not.toContain(key.split('\n')[1]);
    expect((await aya(['certificates', 'create', '--set-file', `cert=${path.join(tmp, 'missing.pem')}`])).code).toBe(2);
  });

  it('plugins schemas: every plugin and the config fields -c can set', async () => {
    const schemas = await aya(['plugins', 'schemas']);
    expect(schemas.code).toBe(0);
    expect(schemas.stdout).toMatch(/^rate-limit\s+false\s+false\s+\S*limits/m);
    const rateLimit = json(await aya(['plugins', 'schemas', '-o', 'json'])).find((p: { name: string }) => p.name === 'rate-limit');
    expect(rateLimit.schema.properties.limits).toBeDefined();
  });

  it('a 400 prints the code and every field detail on stderr and exits 1', async () => {
    const run = await aya(['plugins', 'create', 'rate-limit', '--route', 'nope', '-c', 'limits[0].limit=0', '-c', 'limits[0].window=minute']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^aya: AYA_CP_VALIDATION \(HTTP 400\): /);
    expect(lines.slice(1).map((l) => l.trim().split(':')[0])).toEqual(expect.arrayContaining(['config.limits.0.limit']));
    const route = await aya(['plugins', 'create', 'rate-limit', '--route', 'nope', '-c', 'limits[0].limit=5', '-c', 'limits[0].window=minute']);
    expect(route.code).toBe(1);
    expect(route.stderr).toMatch(/^ {2}route: /m);
  });

  it('a 404 and a 409 print their codes and exit 1', async () => {
    const missing = await aya(['consumers', 'get', 'nobody']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^aya: AYA_CP_NOT_FOUND \(HTTP 404\)/);
    const taken = await aya(['consumers', 'create', 'alice']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^aya: AYA_CP_CONFLICT \(HTTP 409\)/);
    expect((await aya(['routes', 'list', '--tenant', 'no-such-tenant'])).stderr).toMatch(/AYA_CP_NOT_FOUND/);
  });

  it('deletes by name; the name is gone after', async () => {
    expect(json(await aya(['consumers', 'create', 'bob', '-o', 'json'])).username).toBe('bob');
    const deleted = await aya(['consumers', 'delete', 'bob']);
    expect(deleted).toMatchObject({ code: 0, stdout: 'deleted consumer bob\n' });
    expect((await aya(['consumers', 'get', 'bob'])).code).toBe(1);
  });

  it('tenants live at the root; --tenant / AYA_TENANT pick where the others go', async () => {
    expect(json(await aya(['tenants', 'create', 'acme', '--set', 'name=Acme Corp', '-o', 'json']))).toMatchObject({ slug: 'acme', name: 'Acme Corp' });
    expect(json(await aya(['tenants', 'list', '-o', 'json'])).map((t: { slug: string }) => t.slug)).toEqual(['default', 'acme']);
    expect((await aya(['consumer-groups', 'create', 'gold', '--tenant', 'acme'])).code).toBe(0);
    expect(json(await aya(['consumer-groups', 'list', '-o', 'json'], { env: { AYA_TENANT: 'acme' } }))).toHaveLength(1);
    expect(json(await aya(['consumer-groups', 'list', '-o', 'json']))).toEqual([]);
  });
});

describe('connection and usage errors', () => {
  it('an unreachable control plane is one line on stderr and exit 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await aya(['consumers', 'list'], { env: { AYA_URL: url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`aya: cannot reach the control plane at ${url}: ECONNREFUSED\n`);
  });

  it('a wrong token is a 401 with a hint, and the token is never printed', async () => {
    const token = 'not-the-token-'.repeat(3);
    const run = await aya(['consumers', 'list'], { env: { AYA_TOKEN: token } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^aya: AYA_CP_UNAUTHENTICATED \(HTTP 401\)/);
    expect(run.stderr).toContain('AYA_TOKEN');
    expect(run.stdout + run.stderr).not.toContain(token);
    const help = await aya(['consumers', 'list', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('env: AYA_TOKEN');
    expect(help.stdout).not.toContain(cp.adminToken);
  });

  it.each([
    [['frobnicate']],
    [['consumers', 'frobnicate']],
    [['consumers', 'list', '-o', 'xml']],
    [['consumers', 'create', 'carol', '--set', 'no-equals-sign']],
    [['consumers', 'create', '-f', '/nonexistent/body.yaml']],
    [['credentials', 'list']],
    [['consumers', 'get']],
  ])('usage error %j exits 2', async (args) => {
    const run = await aya(args);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toBe('');
  });

  it('aya login reads the password on stdin and prints a token the other commands accept', async () => {
    expect(cp.initialAdminPassword).toBeTruthy();
    const login = await aya(['login', '--password-stdin'], { input: `${cp.initialAdminPassword}\n`, env: { AYA_TOKEN: undefined } });
    expect(login.code).toBe(0);
    const token = login.stdout.trim();
    expect(login.stderr).toMatch(/^signed in as admin \(superadmin\) until /);
    expect(json(await aya(['tenants', 'get', 'default', '-o', 'json'], { env: { AYA_TOKEN: token } })).slug).toBe('default');
    const wrong = await aya(['login', '--password-stdin'], { input: 'wrong-password\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^aya: AYA_CP_/);
  });
});

describe('the README example: key-auth and a rate limit from nothing, through a real gateway', () => {
  it('401 without the key, 5 calls a minute with it, then 429; nodes list and upstreams health show the gateway', async () => {
    const upstream = await startUpstream('billing');
    const gateway = await startGateway({ controlPlaneUrl: cp.url, clusterToken: cp.clusterToken });
    try {
      const env = { AYA_TENANT: 'quickstart' };
      const ok = async (args: string[]) => {
        const run = await aya(args, { env });
        expect(run.code, run.stderr).toBe(0);
        return run;
      };
      await ok(['tenants', 'create', 'quickstart', '--set', 'name=Quickstart']);
      await ok(['services', 'create', 'billing', '--set', `url=${upstream.url}`]);
      // route paths are unique across tenants: /billing is the default tenant's (above)
      await ok(['routes', 'create', 'billing', '--service', 'billing', '--set', 'paths=["/quickstart"]']);
      await ok(['plugins', 'create', 'key-auth', '--route', 'billing']);
      await ok(['plugins', 'create', 'rate-limit', '--route', 'billing', '-c', 'limits.0.limit=5', '-c', 'limits.0.window=minute']);
      await ok(['consumers', 'create', 'alice']);
      const credential = await ok(['credentials', 'create', '--consumer', 'alice', '--type', 'key-auth']);
      const key = /^key: +(\S+)$/m.exec(credential.stdout)?.[1] ?? '';
      expect(key).not.toBe('');

      // the gateway has every write once it reports the control plane's revision
      const { revision } = (await (await fetch(`${cp.url}/api/v1/config/revision`, { headers: { authorization: `Bearer ${cp.adminToken}` } })).json()) as {
        revision: number;
      };
      await eventually(async () => (await gateway.status()).revision >= revision, 30_000, 100);

      const call = (headers: Record<string, string> = {}) => fetch(`${gateway.proxyUrl}/quickstart`, { headers }).then(async (r) => (await r.arrayBuffer(), r.status));
      expect(await call()).toBe(401);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push(await call({ apikey: key }));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const nodes = json(await aya(['nodes', 'list', '-o', 'json']));
      expect(nodes.some((n: { revision: number }) => n.revision >= revision)).toBe(true);
      const table = (await aya(['nodes', 'list'])).stdout;
      expect(table).toMatch(/^ID\s+HOSTNAME\s+ADDRESS\s+VERSION\s+WORKERS\s+UPTIME\s+REVISION\s+STATE\s+BEHIND\s+LAST SEEN\n/);
      expect(table).toMatch(/\s127\.0\.0\.1\s+\S+\s+\d+\s+\d+(s|m\d\ds)\s+\d+\s+(in-sync|drifting)\s+\d+\s+\S+\n/);

      // an upstream's health, as this gateway's heartbeats report it
      await ok(['upstreams', 'create', 'pool', '--set', `targets[0].target=127.0.0.1:${upstream.port}`]);
      const health = await eventually(async () => {
        const rows = json(await aya(['upstreams', 'health', 'pool', '-o', 'json'], { env }));
        return rows.length > 0 && rows[0].nodes.length > 0 ? rows : undefined;
      }, 30_000, 500);
      expect(health).toEqual([{ target: `127.0.0.1:${upstream.port}`, state: 'healthy', nodes: [expect.objectContaining({ state: 'healthy' })] }]);
      expect((await aya(['upstreams', 'health', 'pool'], { env })).stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1:${upstream.port}\\s+healthy\\s+\\S+=healthy$`, 'm'));
      expect((await aya(['upstreams', 'health', 'nope'], { env })).stderr).toMatch(/^aya: AYA_CP_NOT_FOUND/);
    } finally {
      await gateway.stop();
      await upstream.close();
    }
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { ayaRunner, type Run } from '../../test/run-aya';

// aya <resource> list --q --sort --limit --all: the built CLI against the built control plane on a real Postgres.
let cp: ControlPlane;
const aya = ayaRunner(() => cp);
const NAMES = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'];

const ok = (run: Run): Run => {
  expect(run.code, run.stderr).toBe(0);
  return run;
};
const names = (run: Run): string[] => (JSON.parse(ok(run).stdout) as Array<{ name: string }>).map((s) => s.name);

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  const api = apiClient(cp.url, cp.adminToken);
  // created in this order, so the default sort (createdAt) lists them so; the URLs sort the other way
  for (const [i, name] of NAMES.entries()) {
    expect((await api('POST', '/api/v1/tenants/default/services', { name, url: `http://10.0.0.${9 - i}:80` })).status).toBe(201);
  }
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

describe('aya <resource> list', () => {
  it('prints the first page with a note naming the total, and every page with --all', async () => {
    const first = ok(await aya(['services', 'list', '--limit', '2', '-o', 'json']));
    expect(names(first)).toEqual(['svc-a', 'svc-b']);
    expect(first.stderr).toBe('showing 2 of 5 services: --all for every page\n');

    const every = ok(await aya(['services', 'list', '--limit', '2', '--all']));
    expect(every.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(/\s+/)[0])).toEqual(NAMES);
    expect(every.stderr).toBe('5 services\n');
    // a whole list as JSON: no note, stdout the rows alone
    const whole = ok(await aya(['services', 'list', '-o', 'json']));
    expect(whole.stderr).toBe('');
  });

  it('searches and sorts through the API (--q, --sort) and prints its error for a field it cannot sort by', async () => {
    expect(names(await aya(['services', 'list', '--q', 'SVC-C', '-o', 'json']))).toEqual(['svc-c']);
    expect(names(await aya(['services', 'list', '--q', '10.0.0.9', '-o', 'json']))).toEqual(['svc-a']);
    expect(names(await aya(['services', 'list', '--sort', '-name', '-o', 'json']))).toEqual([...NAMES].reverse());
    expect(names(await aya(['services', 'list', '--sort', 'url', '--limit', '2', '--all', '-o', 'json']))).toEqual([...NAMES].reverse());
    const searched = ok(await aya(['services', 'list', '--q', 'svc']));
    expect(searched.stderr).toBe('5 services\n');

    const bad = await aya(['services', 'list', '--sort', 'colour']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^aya: AYA_CP_VALIDATION \(HTTP 400\): .*\n {2}sort: /);
  });

  it('filters by a related object named by name or id (--service, --route, --name, --scope)', async () => {
    const api = apiClient(cp.url, cp.adminToken);
    for (const [route, service] of [['r-a', 'svc-a'], ['r-b', 'svc-b'], ['r-a2', 'svc-a']]) {
      expect((await api('POST', '/api/v1/tenants/default/routes', { name: route, service, paths: [`/${route}`] })).status).toBe(201);
    }
    expect(names(await aya(['routes', 'list', '--service', 'svc-a', '-o', 'json']))).toEqual(['r-a', 'r-a2']);
    const svcB = (await api('GET', '/api/v1/tenants/default/services/svc-b')).body.id as string;
    expect(names(await aya(['routes', 'list', '--service', svcB, '-o', 'json']))).toEqual(['r-b']);

    expect((await api('POST', '/api/v1/tenants/default/plugins', { name: 'key-auth', route: 'r-a' })).status).toBe(201);
    expect((await api('POST', '/api/v1/tenants/default/plugins', { name: 'key-auth', service: 'svc-b' })).status).toBe(201);
    expect((await api('POST', '/api/v1/tenants/default/plugins', { name: 'cors', config: {} })).status).toBe(201);
    const plugins = async (...args: string[]) => (JSON.parse(ok(await aya(['plugins', 'list', ...args, '-o', 'json'])).stdout) as Array<{ name: string; routeId?: string }>);
    expect(await plugins('--route', 'r-a')).toMatchObject([{ name: 'key-auth' }]);
    expect((await plugins('--name', 'key-auth')).length).toBe(2);
    expect(await plugins('--scope', 'global')).toMatchObject([{ name: 'cors' }]);
    expect(ok(await aya(['plugins', 'list', '--scope', 'service'])).stderr).toBe('1 plugins\n');

    const unknown = await aya(['plugins', 'list', '--service', 'no-such-service']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^aya: AYA_CP_NOT_FOUND \(HTTP 404\)/);
  });

  it('refuses --q where the API has no search and a --limit out of range (exit 2, nothing sent)', async () => {
    const tenants = await aya(['tenants', 'list', '--q', 'x']);
    expect(tenants.code).toBe(2);
    expect(tenants.stderr).toContain("unknown option '--q'");
    const limit = await aya(['services', 'list', '--limit', '501']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('a whole number from 1 to 500');
  });

  it('stops when a control plane answers a search without a total (one that ignores ?q=) instead of printing everything', async () => {
    // an older control plane: its list pages but knows no ?q= (a real server on a real socket, its answer canned)
    const older = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ name: 'unfiltered', url: 'http://x' }], next: null }));
    });
    await new Promise<void>((resolve) => older.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(older.address() as AddressInfo).port}`;
      const run = await aya(['services', 'list', '--q', 'orders'], { env: { AYA_URL: url } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('cannot search, sort or filter services');
      expect(run.stdout).toBe('');
    } finally {
      await new Promise((resolve) => older.close(resolve));
    }
  });
});

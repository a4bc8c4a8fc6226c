import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, REPO_ROOT, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { ayaRunner, CLI, type Run } from '../../test/run-aya';

// aya config history|revision|diff-revisions|rollback and aya audit: the built CLI against the built control plane
// on a real embedded Postgres.
let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const aya = ayaRunner(() => cp);

const ok = (run: Run): Run => {
  expect(run.code, run.stderr).toBe(0);
  return run;
};
const json = <T = any>(run: Run): T => JSON.parse(ok(run).stdout) as T;

/** `aya <args>` on a real terminal (util-linux `script` gives it a pty), typing `typed` at the prompt. */
function ayaOnTerminal(args: string[], typed: string): Promise<Run> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...process.env, AYA_URL: cp.url, AYA_TOKEN: cp.adminToken, AYA_TENANT: undefined },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stdin.end(typed);
  // a pty has one stream: stdout and stderr both arrive on script's stdout
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr: stdout })));
}

const routePaths = async (): Promise<string[]> => (await api('GET', '/api/v1/tenants/default/routes/orders')).body.paths;

let created: number;
let changed: number;
let changedAt: string;

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
  ok(await aya(['services', 'create', 'orders', '--set', 'url=http://127.0.0.1:9']));
  ok(await aya(['routes', 'create', 'orders', '--service', 'orders', '--set', 'paths=["/orders"]']));
  created = json(await aya(['config', 'history', '--limit', '1', '-o', 'json']))[0].revision;
  changedAt = new Date().toISOString();
  // the change an operator will want undone
  ok(await aya(['routes', 'update', 'orders', '--set', 'paths=["/v2/orders"]']));
  changed = json(await aya(['config', 'history', '--limit', '1', '-o', 'json']))[0].revision;
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

describe('aya config history', () => {
  it('lists the revisions newest first with who made them and what they changed', async () => {
    const table = ok(await aya(['config', 'history']));
    const [header, first, second] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['REVISION', 'WHEN', 'ACTOR', 'CHANGES']);
    // the env's AYA_ADMIN_TOKEN is the actor `admin-token`
    expect(first).toMatch(new RegExp(`^${changed}\\s+\\S+\\s+admin-token\\s+~ route orders$`));
    expect(second).toMatch(new RegExp(`^${created}\\s.*\\+ route orders$`));
    const revisions = json<Array<{ revision: number }>>(await aya(['config', 'history', '-o', 'json'])).map((r) => r.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => b - a));
    expect(revisions).toHaveLength(3);
    // another tenant's history has its own creation only; a superadmin's --all-tenants has both
    ok(await aya(['tenants', 'create', 'quiet', '--set', 'name=Quiet']));
    const quiet = json<Array<{ revision: number }>>(await aya(['config', 'history', '--tenant', 'quiet', '-o', 'json']));
    expect(quiet).toMatchObject([{ changes: [{ kind: 'tenant', name: 'quiet', action: 'create' }] }]);
    const platform = json<Array<{ revision: number }>>(await aya(['config', 'history', '--all-tenants', '-o', 'json'])).map((r) => r.revision);
    expect(platform).toEqual([quiet[0].revision, ...revisions]);

    const firstPage = await aya(['config', 'history', '--limit', '2', '-o', 'yaml']);
    expect(ok(firstPage).stderr).toBe('showing 2 revisions: --all for every page\n');
    expect(json(await aya(['config', 'history', '--limit', '2', '--all', '-o', 'json'])).map((r: { revision: number }) => r.revision)).toEqual(revisions);
  });

  it('shows what one revision changed, field by field, and the difference between two', async () => {
    const detail = ok(await aya(['config', 'revision', String(changed)]));
    expect(detail.stdout).toMatch(new RegExp(`^revision ${changed} at \\S+ by \\S+: 1 change\\n~ route orders\\n {4}paths: \\["/orders"\\] -> \\["/v2/orders"\\]\\n$`));
    expect(json(await aya(['config', 'revision', String(changed), '-o', 'json']))).toMatchObject({ revision: changed, changes: [{ kind: 'route', action: 'update' }] });

    const diff = ok(await aya(['config', 'diff-revisions', '--from', String(created)]));
    expect(diff.stdout).toBe(`~ route orders\n    paths: ["/orders"] -> ["/v2/orders"]\n1 change from revision ${created} to ${changed}\n`);
    const back = ok(await aya(['config', 'diff-revisions', '--from', String(changed), '--to', String(created - 1)]));
    expect(back.stdout).toContain('- route orders\n');

    const missing = await aya(['config', 'revision', '99999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^aya: AYA_CP_(NOT_FOUND|VALIDATION) \(HTTP 40[04]\)/);
    const usage = await aya(['config', 'revision', 'latest']);
    expect(usage.code).toBe(2);
  });

  it('rollback asks on a terminal, refuses to guess without one, and makes a new revision equal to the old one', async () => {
    const script = await aya(['config', 'rollback', String(created)]);
    expect(script.code).toBe(2);
    expect(script.stderr).toContain('confirm with --yes');

    const declined = await ayaOnTerminal(['config', 'rollback', String(created)], 'n\n');
    expect(declined.code, declined.stdout).toBe(1);
    expect(declined.stdout).toContain('~ route orders');
    expect(declined.stdout).toContain(`Roll back tenant default to revision ${created} (1 changes)? [y/N]`);
    expect(declined.stdout).toContain('cancelled: nothing was changed');
    expect(await routePaths()).toEqual(['/v2/orders']);

    const accepted = await ayaOnTerminal(['config', 'rollback', String(created)], 'y\n');
    expect(accepted.code, accepted.stdout).toBe(0);
    expect(accepted.stdout).toMatch(new RegExp(`rolled back to revision ${created}: now revision (\\d+)`));
    expect(await routePaths()).toEqual(['/orders']);
    const [latest] = json(await aya(['config', 'history', '-o', 'json']));
    expect(latest.revision).toBeGreaterThan(changed);
    expect(accepted.stdout).toContain(`now revision ${latest.revision}`);

    // and back again, for a script: --yes, the answer as JSON
    const redo = json(await aya(['config', 'rollback', String(changed), '--yes', '-o', 'json']));
    expect(redo).toMatchObject({ rolledBackTo: changed, changes: [{ kind: 'route', name: 'orders', action: 'update' }] });
    expect(await routePaths()).toEqual(['/v2/orders']);
    // the route is as it was at `changed` but for the time it was written
    const same = ok(await aya(['config', 'diff-revisions', '--from', String(changed)]));
    expect(same.stdout).toBe(`~ route orders\n    (timestamps only)\n1 change from revision ${changed} to ${redo.revision}\n`);
  });
});

describe('aya audit', () => {
  it('filters by resource, actor and time, newest first, and pages with --limit / --all', async () => {
    const routes = json<Array<{ resource: { type: string; name: string }; action: string; createdAt: string }>>(await aya(['audit', '--resource', 'route', '-o', 'json']));
    expect(routes.map((e) => e.action)).toEqual(['update', 'create']);
    expect(routes.every((e) => e.resource.type === 'route' && e.resource.name === 'orders')).toBe(true);

    const recent = json<Array<{ resource: { type: string }; action: string; createdAt: string }>>(await aya(['audit', '--since', changedAt, '-o', 'json']));
    expect(recent.length).toBeGreaterThanOrEqual(1);
    expect(recent.every((e) => e.createdAt >= changedAt)).toBe(true);
    expect(recent.some((e) => e.action === 'create')).toBe(false);
    const all = json<unknown[]>(await aya(['audit', '--since', '1h', '-o', 'json']));
    expect(all.length).toBeGreaterThan(recent.length);
    expect(json<unknown[]>(await aya(['audit', '--since', '1h', '--actor', 'nobody-at-all', '-o', 'json']))).toEqual([]);
    expect(json<unknown[]>(await aya(['audit', '--since', '1h', '--actor', 'admin-token', '-o', 'json']))).toEqual(all);

    const firstPage = await aya(['audit', '--limit', '1', '-o', 'json']);
    expect(json<unknown[]>(firstPage)).toHaveLength(1);
    expect(firstPage.stderr).toBe('showing 1 audit entries: --all for every page\n');
    expect(json(await aya(['audit', '--limit', '1', '--all', '-o', 'json']))).toEqual(all);

    const table = ok(await aya(['audit', '--resource', 'route', '--limit', '1']));
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['WHEN', 'ACTOR', 'ACTION', 'RESOURCE', 'REVISION', 'ADDRESS', 'CHANGED']);
    expect(row).toMatch(/\s+admin-token \(env\)\s+update\s+route orders\s+\d+\s+\S+\s+paths\.0$/);

    const platform = json<Array<{ tenantId: string }>>(await aya(['audit', '--all-tenants', '--resource', 'route', '-o', 'json']));
    expect(platform).toHaveLength(2);
  });

  it('refuses a bad time on the command line (exit 2) and prints the API error of a bad filter (exit 1)', async () => {
    const badTime = await aya(['audit', '--since', 'yesterday']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('an age (30m, 1h, 7d, 2w)');
    const badFilter = await aya(['audit', '--resource', 'Not A Type']);
    expect(badFilter.code).toBe(1);
    expect(badFilter.stderr).toMatch(/^aya: AYA_CP_VALIDATION \(HTTP 400\): .*\n {2}resource: /);
  });
});

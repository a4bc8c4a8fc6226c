import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { ayaRunner } from '../../test/run-aya';

// The built CLI against the built control plane on a real embedded Postgres, over real sockets.
let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-cli-config-'));
const file = (name: string) => path.join(tmp, name);
const aya = ayaRunner(() => cp);

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
  expect((await api('POST', '/api/v1/tenants/default/services', { name: 'orders', url: 'http://127.0.0.1:9' })).status).toBe(201);
  expect((await api('POST', '/api/v1/tenants/default/routes', { name: 'orders', service: 'orders', paths: ['/orders'] })).status).toBe(201);
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(await cp?.stop()).toBe(0);
});

describe('aya config', () => {
  it('dumps YAML (or JSON), diffs a changed file, applies it once, and a second apply changes nothing', async () => {
    const dumped = await aya(['config', 'dump']);
    expect(dumped.code, dumped.stderr).toBe(0);
    const doc = YAML.parse(dumped.stdout);
    expect(doc.routes).toEqual([{ name: 'orders', service: 'orders', paths: ['/orders'] }]);
    const asJson = await aya(['config', 'dump', '-o', 'json']);
    expect(JSON.parse(asJson.stdout)).toEqual(doc);

    doc.routes.push({ name: 'billing', service: 'orders', paths: ['/billing'] });
    fs.writeFileSync(file('aya.yaml'), YAML.stringify(doc));
    const diff = await aya(['config', 'diff', file('aya.yaml')]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toBe('+ route billing\n1 change to apply\n');
    expect((await api('GET', '/api/v1/tenants/default/routes/billing')).status).toBe(404);

    const dry = await aya(['config', 'apply', file('aya.yaml'), '--dry-run', '-o', 'json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, changes: [{ action: 'create', kind: 'route', name: 'billing' }] });

    const applied = await aya(['config', 'apply', file('aya.yaml')]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/^\+ route billing\n1 change applied at revision \d+\n$/);
    expect((await api('GET', '/api/v1/tenants/default/routes/billing')).status).toBe(200);
    const again = await aya(['config', 'apply', file('aya.yaml')]);
    expect(again.stdout).toMatch(/^no changes \(revision \d+ unchanged\)\n$/);
  });

  it('prunes what the file leaves out only with --prune, read from stdin', async () => {
    const doc = YAML.parse((await aya(['config', 'dump'])).stdout);
    doc.routes = doc.routes.filter((r: { name: string }) => r.name !== 'billing');
    const text = YAML.stringify(doc);
    expect((await aya(['config', 'diff', '-'], { input: text })).stdout).toBe('no changes\n');
    expect((await aya(['config', 'diff', '-', '--prune'], { input: text })).stdout).toBe('- route billing\n1 change to apply\n');
    const pruned = await aya(['config', 'apply', '-', '--prune'], { input: text });
    expect(pruned.code, pruned.stderr).toBe(0);
    expect((await api('GET', '/api/v1/tenants/default/routes/billing')).status).toBe(404);
  });

  it('prints the document path of a bad field (exit 1) and a YAML syntax error with its line (exit 2)', async () => {
    fs.writeFileSync(file('bad.yaml'), 'routes:\n  - name: x\n    service: orders\n    paths: [no-slash]\n');
    const bad = await aya(['config', 'apply', file('bad.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('AYA_CP_VALIDATION');
    expect(bad.stderr).toContain('routes[0].paths[0]:');
    fs.writeFileSync(file('broken.yaml'), 'routes:\n  - name: [unclosed\n');
    const broken = await aya(['config', 'diff', file('broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/line \d+/);
  });
});

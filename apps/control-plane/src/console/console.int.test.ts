import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

let cp: ControlPlane;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-console-'));

beforeAll(async () => {
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>aya console</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  cp = await startControlPlane({ databaseUrl: await createDatabase(), env: { AYA_CONSOLE_DIR: dir } });
});
afterAll(async () => {
  await cp?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('console hosting', () => {
  it('serves files, and index.html for client-side routes', async () => {
    expect(await (await fetch(`${cp.url}/`)).text()).toContain('aya console');
    expect(await (await fetch(`${cp.url}/assets/app.js`)).text()).toBe('console.log(1)');
    const deep = await fetch(`${cp.url}/routes/some-route?tab=1`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('aya console');
  });

  it('keeps JSON 404s for the API and the internal endpoints', async () => {
    for (const p of ['/api/v1/nope', '/internal/v1/nope']) {
      const res = await fetch(`${cp.url}${p}`, { headers: { authorization: `Bearer ${cp.adminToken}` } });
      expect(res.status, p).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AYA_CP_NOT_FOUND');
    }
  });
});

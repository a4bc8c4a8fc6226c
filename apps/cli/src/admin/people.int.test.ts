import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { ayaRunner } from '../../test/run-aya';

// aya users / members / tokens: the built CLI against the built control plane on a real Postgres.
let cp: ControlPlane;
const aya = ayaRunner(() => cp);
const as = (token: string) => ({ env: { AYA_TOKEN: token } });

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

describe('aya users, members and tokens', () => {
  it('creates a user (password from stdin), makes them a member, and hands out a token shown once', async () => {
    const user = await aya(['users', 'create', 'carl', '--email', 'Carl@Example.com', '-f', '-', '-o', 'json'], { input: JSON.stringify({ password: 'carl-password-1' }) });
    expect(user.code, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ username: 'carl', email: 'carl@example.com', superadmin: false });

    expect((await aya(['members', 'create', 'carl@example.com', '--role', 'admin'])).code).toBe(0);
    expect((await aya(['members', 'update', 'carl', '--role', 'operator'])).code).toBe(0);
    const members = await aya(['members', 'list']);
    expect(members.stdout).toMatch(/carl\s+carl@example\.com\s+operator/);
    // the people lists search too (q: username or e-mail) and count their matches
    const found = await aya(['members', 'list', '--q', 'CARL@']);
    expect(found.stdout.trimEnd().split('\n').slice(1)).toEqual([expect.stringMatching(/^carl\s/)]);
    expect(found.stderr).toBe('1 members\n');

    const created = await aya(['tokens', 'create', 'ci', '--role', 'viewer', '-o', 'json']);
    expect(created.code, created.stderr).toBe(0);
    const token = (JSON.parse(created.stdout) as { token: string; id: string });
    expect(token.token).toMatch(/^ayat_/);
    expect(created.stderr).toContain('shown only this once');
    const list = await aya(['tokens', 'list']);
    expect(list.stdout).toMatch(/ci\s+viewer/);
    expect(list.stdout).not.toContain(token.token);
    // the token reads its tenant and cannot hand out tokens
    expect((await aya(['members', 'list'], as(token.token))).code).toBe(0);
    const refused = await aya(['tokens', 'list'], as(token.token));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('AYA_CP_FORBIDDEN');
    expect((await aya(['tokens', 'delete', token.id])).code).toBe(0);
    expect((await aya(['members', 'list'], as(token.token))).stderr).toContain('AYA_CP_UNAUTHENTICATED');

    expect((await aya(['users', 'list'])).stdout).toMatch(/carl\s+carl@example\.com\s+false\s+default:operator/);
    expect((await aya(['members', 'delete', 'carl'])).stdout).toContain('deleted member carl');
    expect((await aya(['users', 'delete', 'carl'])).code).toBe(0);
  });
});

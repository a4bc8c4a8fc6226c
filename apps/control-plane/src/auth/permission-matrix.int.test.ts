import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { tenantToken, userSession, type Api } from '../people/people.test-util';

/**
 * The role x endpoint matrix: every admin endpoint of the served OpenAPI document, called by each kind of caller,
 * is allowed (anything but 401/403) or refused (403 AYA_CP_FORBIDDEN) exactly as this table says. The table is
 * written out here, not derived from permissions.ts, so a change to the grants must change it too.
 */
type Role = 'owner' | 'admin' | 'operator' | 'viewer';
const ALL: Role[] = ['owner', 'admin', 'operator', 'viewer'];
const EDITORS: Role[] = ['owner', 'admin', 'operator'];
const MANAGERS: Role[] = ['owner', 'admin'];
const GRANTED: Record<string, Role[]> = {
  'tenants:read': ALL,
  'tenants:write': MANAGERS,
  'services:read': ALL,
  'services:write': EDITORS,
  'routes:read': ALL,
  'routes:write': EDITORS,
  'upstreams:read': ALL,
  'upstreams:write': EDITORS,
  'certificates:read': ALL,
  'certificates:write': EDITORS,
  'plugins:read': ALL,
  'plugins:write': EDITORS,
  'consumers:read': ALL,
  'consumers:write': EDITORS,
  'config:read': ALL,
  'config:write': EDITORS,
  'audit:read': ALL,
  'members:read': ALL,
  'members:write': MANAGERS,
  'tokens:read': MANAGERS,
  'tokens:write': MANAGERS,
  'users:read': [],
  'users:write': [],
  'nodes:read': ALL,
  'metrics:read': ALL,
};

interface Op {
  method: string;
  path: string;
  permission: string;
  body: boolean;
}

/** Who calls: a role in tenant `ta` (a session or a token), a member of another tenant only, the superadmin. */
interface Caller {
  name: string;
  api: Api;
  /** role in `ta`; undefined: not a member of ta */
  role?: Role;
  /** role in its only tenant (ta, or tb for the non-member) */
  anyRole?: Role;
  superadmin?: boolean;
}

function expected(caller: Caller, op: Op): boolean {
  if (caller.superadmin) return true;
  const inTenant = op.path.includes('{tenant}');
  const role = inTenant ? caller.role : caller.anyRole;
  if (!role) return false;
  // outside a tenant, creating tenants is the superadmin's
  if (!inTenant && op.permission === 'tenants:write') return false;
  // the tenant itself is deleted by its owners only
  if (op.permission === 'tenants:write' && op.method === 'DELETE' && op.path === '/api/v1/tenants/{tenant}') return role === 'owner';
  const granted = GRANTED[op.permission];
  if (!granted) throw new Error(`the matrix has no row for ${op.permission}: add it`);
  return granted.includes(role);
}

let cp: ControlPlane;
let callers: Caller[];
let ops: Op[];

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  const root = apiClient(cp.url, cp.adminToken);
  for (const slug of ['ta', 'tb']) await root('POST', '/api/v1/tenants', { slug, name: slug });
  // not empty: an allowed DELETE /tenants/ta is a 409, not the end of the test's tenant
  await root('POST', '/api/v1/tenants/ta/upstreams', { name: 'keep', algorithm: 'round-robin', targets: [{ target: '127.0.0.1:9', weight: 1 }] });
  callers = [{ name: 'superadmin', api: root, superadmin: true }];
  for (const role of ALL) callers.push({ name: role, api: await userSession(cp, `m-${role}`, { ta: role }), role, anyRole: role });
  callers.push({ name: 'non-member (owner of tb)', api: await userSession(cp, 'outsider', { tb: 'owner' }), anyRole: 'owner' });
  for (const role of ['admin', 'viewer'] as const) {
    callers.push({ name: `${role} token`, api: apiClient(cp.url, (await tenantToken(cp, 'ta', role)).token), role, anyRole: role });
  }
  const doc = (await root('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-aya-permission'?: string; requestBody?: unknown }>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) =>
      op['x-aya-permission'] && op['x-aya-permission'] !== 'self' ? [{ method: method.toUpperCase(), path, permission: op['x-aya-permission'], body: op.requestBody !== undefined }] : [],
    ),
  );
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

/** Every path parameter but the tenant names nothing that exists: an allowed call ends in 400/404, never changes a thing. */
const concrete = (path: string): string => path.replace('{tenant}', 'ta').replace(/\{[a-z]+\}/gi, 'no-such-thing');

describe('role x endpoint matrix', () => {
  it('walks every admin endpoint of the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(60);
    for (const p of ['members:write', 'tokens:write', 'users:write', 'routes:write']) expect(ops.some((o) => o.permission === p), p).toBe(true);
  });

  it('allows and refuses each endpoint per caller as the table says', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      for (const caller of callers) {
        const res = await caller.api(op.method, concrete(op.path), op.body ? {} : undefined);
        const allowed = expected(caller, op);
        const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === 403 && (res.body as { error: { code: string } }).error.code === 'AYA_CP_FORBIDDEN';
        if (!ok) wrong.push(`${caller.name}: ${op.method} ${op.path} (${op.permission}) -> ${res.status}, expected ${allowed ? 'allowed' : '403'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
